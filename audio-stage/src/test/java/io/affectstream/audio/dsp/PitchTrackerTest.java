package io.affectstream.audio.dsp;

import io.affectstream.audio.Signals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PitchTrackerTest {
    private final PitchTracker pitch = new PitchTracker();

    @ParameterizedTest
    @ValueSource(doubles = {70, 98, 131, 196, 262, 330, 440})
    void aHarmonicToneReadsItsFundamentalWithinHalfAPercent(double f0) {
        float[] x = Signals.add(Signals.add(Signals.tone(f0, 0.3, 0.05, 44_100), Signals.tone(2 * f0, 0.2, 0.05, 44_100)),
                Signals.tone(3 * f0, 0.1, 0.05, 44_100));
        double hz = pitch.pitchHz(x, 0);
        assertEquals(f0, hz, f0 * 0.005, "f0 " + f0);
    }

    @Test
    void aMissingFundamentalIsStillHeardAsThePitch() {
        // harmonics 2-5 of 150 Hz, no 150 Hz component: periodicity (and YIN) says 150
        float[] x = new float[Spectrogram.WINDOW_SAMPLES];
        for (int h = 2; h <= 5; h++) {
            x = Signals.add(x, Signals.tone(150 * h, 0.1, 0.05, 44_100));
        }
        assertEquals(150, pitch.pitchHz(x, 0), 1);
    }

    @Test
    void silenceAndNoiseAreUnvoiced() {
        assertTrue(Double.isNaN(pitch.pitchHz(new float[Spectrogram.WINDOW_SAMPLES], 0)));
        Random random = new Random(2);
        float[] noise = new float[Spectrogram.WINDOW_SAMPLES];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (0.2 * random.nextGaussian());
        }
        assertTrue(Double.isNaN(pitch.pitchHz(noise, 0)));
    }

    @Test
    void pitchesOutsideTheSpeechRangeCountAsUnvoiced() {
        assertTrue(Double.isNaN(pitch.pitchHz(Signals.tone(900, 0.3, 0.05, 44_100), 0)));
    }
}
