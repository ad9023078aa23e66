package io.affectstream.audio.dsp;

import io.affectstream.audio.Signals;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResamplerTest {
    private static float[] resample(float[] x, int from, int to) {
        Resampler r = Resampler.of(from, to);
        return r.process(r.newState(), x, 0, x.length);
    }

    /** Amplitude of the component of {@code x} at {@code hz} (a single-bin DFT over the steady middle part). */
    private static double amplitudeAt(float[] x, int rate, double hz) {
        int from = x.length / 4;
        int to = 3 * x.length / 4;
        double re = 0;
        double im = 0;
        for (int i = from; i < to; i++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i - from) / (to - from));
            re += w * x[i] * Math.cos(2 * Math.PI * hz * i / rate);
            im += w * x[i] * Math.sin(2 * Math.PI * hz * i / rate);
        }
        return 2 * Math.hypot(re, im) / ((to - from) / 2.0);
    }

    private static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * x[i];
        }
        return Math.sqrt(s / (to - from));
    }

    @Test
    void aToneKeepsItsFrequencyAndAmplitudeFrom44100To16000Hz() {
        float[] out = resample(Signals.tone(1000, 0.5, 1.0, 44_100), 44_100, 16_000);
        assertEquals(16_000, out.length, 40, "one second in, about one second out (minus the filter's lookahead)");
        assertEquals(0.5, amplitudeAt(out, 16_000, 1000), 0.005);
        assertTrue(amplitudeAt(out, 16_000, 1100) < 0.01, "no energy beside the tone");
    }

    @Test
    void aToneAboveTheNewNyquistFrequencyIsRemovedNotFoldedBack() {
        // 12 kHz would alias to 16 - 12 = 4 kHz after naive decimation; the filter must remove it (> 60 dB down).
        float[] out = resample(Signals.tone(12_000, 0.5, 1.0, 44_100), 44_100, 16_000);
        double alias = amplitudeAt(out, 16_000, 4000);
        assertTrue(20 * Math.log10(alias / 0.5) < -60, "alias at " + 20 * Math.log10(alias / 0.5) + " dB");
        assertTrue(rms(out, 2000, 14_000) < 0.5 * 1e-3, "nothing else either: rms " + rms(out, 2000, 14_000));
    }

    @Test
    void naiveDecimationWouldHaveFoldedItBack() {
        // the reference point for the test above: every 441/160-th sample of the tone carries a loud 4 kHz alias
        float[] x = Signals.tone(12_000, 0.5, 1.0, 44_100);
        float[] naive = new float[16_000];
        for (int n = 0; n < naive.length; n++) {
            naive[n] = x[(int) ((long) n * 441 / 160)];
        }
        assertTrue(amplitudeAt(naive, 16_000, 4000) > 0.3);
    }

    @Test
    void feedingInPiecesGivesExactlyTheSameSamplesAsFeedingAtOnce() {
        float[] x = Signals.syllables(0.7, 140, 4, 0.5, 3);
        float[] whole = resample(x, 44_100, 16_000);
        Resampler r = Resampler.of(44_100, 16_000);
        Resampler.State state = r.newState();
        float[] pieces = new float[0];
        int[] sizes = {2205, 1, 0, 777, 4410, 3};
        for (int at = 0, i = 0; at < x.length; i++) {
            int n = Math.min(sizes[i % sizes.length], x.length - at);
            pieces = Signals.concat(pieces, r.process(state, x, at, n));
            at += n;
        }
        assertArrayEquals(whole, pieces);
    }

    @Test
    void upsamplingFrom22050To44100KeepsATone() {
        float[] out = resample(Signals.tone(3000, 0.5, 0.5, 22_050), 22_050, 44_100);
        assertEquals(0.5, amplitudeAt(out, 44_100, 3000), 0.005);
        assertTrue(amplitudeAt(out, 44_100, 22_050 - 3000) < 0.001, "no image above the old Nyquist frequency");
    }

    @Test
    void from48000To44100KeepsATone() {
        float[] out = resample(Signals.tone(5000, 0.25, 0.5, 48_000), 48_000, 44_100);
        assertEquals(0.25, amplitudeAt(out, 44_100, 5000), 0.003);
    }

    @Test
    void ratiosNeedingTooManyPhasesAreRefusedWithTheReason() {
        assertNull(Resampler.problem(48_000, 44_100));
        String problem = Resampler.problem(44_099, 44_100);
        assertNotNull(problem);
        assertTrue(problem.contains("44099 Hz to 44100 Hz"), problem);
        assertThrows(IllegalArgumentException.class, () -> Resampler.of(44_099, 44_100));
    }
}
