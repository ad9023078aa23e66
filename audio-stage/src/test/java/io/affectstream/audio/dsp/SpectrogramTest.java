package io.affectstream.audio.dsp;

import io.affectstream.audio.Signals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpectrogramTest {
    private final Spectrogram spectrogram = new Spectrogram();

    private float[] frame(float[] signal) {
        return spectrogram.compute(signal, 0, new float[Spectrogram.BINS]);
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Bins that are local maxima within 20 dB of the strongest bin. (The Hann window's side lobes are local maxima
     * too, but 31 dB and more below their tone.)
     */
    private static List<Integer> peaks(float[] v) {
        double threshold = Spectrogram.toDb(v[argmax(v)]) - 20;
        List<Integer> peaks = new ArrayList<>();
        for (int k = 1; k < v.length - 1; k++) {
            if (v[k] >= v[k - 1] && v[k] > v[k + 1] && Spectrogram.toDb(v[k]) > threshold) {
                peaks.add(k);
            }
        }
        return peaks;
    }

    @Test
    void windowAndHopAre33And22MillisecondsAt44100Hz() {
        assertEquals(33.0, Spectrogram.WINDOW_SAMPLES * 1000.0 / 44_100, 0.05);
        assertEquals(22.0, Spectrogram.HOP_SAMPLES * 1000.0 / 44_100, 0.05);
        assertEquals(11.0, Spectrogram.OVERLAP_SAMPLES * 1000.0 / 44_100, 0.05);
        assertEquals(1025, Spectrogram.BINS);
    }

    @ParameterizedTest
    @ValueSource(doubles = {200, 1000, 3150.5, 9000, 18000})
    void aPureTonePeaksInTheBinOfItsFrequency(double hz) {
        float[] spectrum = frame(Signals.tone(hz, 0.5, 0.05, 44_100));
        assertEquals(Spectrogram.binOf(hz), argmax(spectrum), "tone at " + hz + " Hz");
        assertEquals(List.of(Spectrogram.binOf(hz)), peaks(spectrum), "one peak only");
    }

    @Test
    void aFullScaleToneOnABinCentreReadsZeroDecibelsThatIsPlusOne() {
        double hz = Spectrogram.binHz(93); // exactly on bin 93
        float[] spectrum = frame(Signals.tone(hz, 1.0, 0.05, 44_100));
        assertEquals(1.0, spectrum[93], 0.002);
        float[] half = frame(Signals.tone(hz, 0.5, 0.05, 44_100));
        assertEquals(-6.02, Spectrogram.toDb(half[93]), 0.1, "half amplitude is 6 dB down");
    }

    @Test
    void silenceSitsAtTheFloorInEveryBin() {
        float[] spectrum = frame(new float[Spectrogram.WINDOW_SAMPLES]);
        for (float v : spectrum) {
            assertEquals(-1f, v);
        }
    }

    @Test
    void sixteenBitQuantisationNoiseStaysNearTheFloor() {
        float[] lsb = new float[Spectrogram.WINDOW_SAMPLES];
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < lsb.length; i++) {
            lsb[i] = (random.nextInt(3) - 1) / 32768f; // +-1 LSB
        }
        for (float v : frame(lsb)) {
            assertTrue(v < -0.9, "LSB noise at " + Spectrogram.toDb(v) + " dBFS");
        }
    }

    @Test
    void twoTonesGiveTwoPeaksAtTheirFrequencies() {
        float[] two = Signals.add(Signals.tone(440, 0.3, 0.05, 44_100), Signals.tone(2500, 0.3, 0.05, 44_100));
        assertEquals(List.of(Spectrogram.binOf(440), Spectrogram.binOf(2500)), peaks(frame(two)));
    }

    @Test
    void everyValueIsWithinMinusOneAndOne() {
        float[] loud = Signals.add(Signals.tone(100, 1, 0.05, 44_100), Signals.tone(5000, 1, 0.05, 44_100));
        for (float v : frame(loud)) {
            assertTrue(v >= -1 && v <= 1, "value " + v);
        }
    }
}
