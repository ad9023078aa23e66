package io.affectstream.audio;

import io.affectstream.audio.dsp.Spectrogram;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProsodicArousalTest {
    private final ProsodicArousal prosody = new ProsodicArousal();
    private final Spectrogram spectrogram = new Spectrogram();

    /** Feeds {@code signal} frame by frame as speech and returns the arousal after each 50 ms (about 2.3 frames). */
    private double[] arousalTrack(ProsodicArousal.Stream stream, float[] signal, long firstIndex) {
        int frames = 1 + (signal.length - Spectrogram.WINDOW_SAMPLES) / Spectrogram.HOP_SAMPLES;
        double[] track = new double[frames / 2];
        for (int k = 0; k < frames; k++) {
            float[] spectrum = spectrogram.compute(signal, k * Spectrogram.HOP_SAMPLES, new float[Spectrogram.BINS]);
            prosody.frame(stream, firstIndex + k, signal, k * Spectrogram.HOP_SAMPLES, spectrum, true);
            if (k % 2 == 1) {
                track[k / 2] = prosody.arousal(stream, firstIndex + k);
            }
        }
        return track;
    }

    private static double mean(double[] v, int from) {
        double s = 0;
        for (int i = from; i < v.length; i++) {
            s += v[i];
        }
        return s / (v.length - from);
    }

    @Test
    void louderHigherFasterSpeechRaisesArousalAboveTheSpeakersOwnAverage() {
        ProsodicArousal.Stream stream = new ProsodicArousal.Stream();
        double[] calm = arousalTrack(stream, Signals.syllables(4, 110, 3, 0.1, 1), 0);
        double[] excited = arousalTrack(stream, Signals.syllables(3, 200, 6, 0.6, 2), 1000);
        assertTrue(mean(excited, 0) > mean(calm, calm.length / 2) + 0.5,
                "calm " + mean(calm, calm.length / 2) + ", excited " + mean(excited, 0));
        for (double a : excited) {
            assertTrue(a >= -1 && a <= 1);
        }
    }

    @Test
    void aSteadySpeakerSettlesNearZero() {
        ProsodicArousal.Stream stream = new ProsodicArousal.Stream();
        double[] track = arousalTrack(stream, Signals.syllables(12, 140, 4, 0.3, 3), 0);
        double late = mean(track, track.length - 40);
        assertTrue(Math.abs(late) < 0.35, "after 10 s of the same voice: " + late);
    }

    @Test
    void withoutRecentSpeechFramesThereIsNoArousal() {
        ProsodicArousal.Stream stream = new ProsodicArousal.Stream();
        assertNull(prosody.arousal(stream, 0));
        arousalTrack(stream, Signals.syllables(0.5, 140, 4, 0.3, 3), 0);
        assertNull(prosody.arousal(stream, 1000), "frames older than 2 s do not count");
    }

    @Test
    void functionalsAreMeanLoudnessMedianPitchMeanFluxAndOnsetRate() {
        Deque<ProsodicArousal.Entry> window = new ArrayDeque<>();
        for (int i = 0; i < 20; i++) {
            boolean voiced = i % 4 != 0;
            window.add(new ProsodicArousal.Entry(i, -20 - i % 2 * 2, voiced ? i : Float.NaN, 0.1f, i % 4 == 1));
        }
        double[] f = ProsodicArousal.functionals(window);
        assertEquals(-21, f[0], 1e-9);
        assertEquals(10, f[1], 1e-9, "median of the 15 voiced frames' semitones");
        assertEquals(0.1, f[2], 1e-6);
        assertEquals(5 / (20 * 970 / 44_100.0), f[3], 1e-9, "5 onsets in 20 hops");
    }

    @Test
    void theStreamStateSurvivesSerialisation() throws Exception {
        ProsodicArousal.Stream stream = new ProsodicArousal.Stream();
        arousalTrack(stream, Signals.syllables(1, 140, 4, 0.3, 3), 0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        stream.write(new DataOutputStream(bytes));
        ProsodicArousal.Stream copy = ProsodicArousal.Stream.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        float[] more = Signals.syllables(0.5, 180, 5, 0.5, 8);
        assertEquals(arousalTrack(stream, more, 100)[5], arousalTrack(copy, more, 100)[5], 0);
    }
}
