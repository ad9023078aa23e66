package io.affectstream.audio.dsp;

import be.tarsos.dsp.util.fft.FFT;

/**
 * One spectrogram frame's computation, per affect-spec §2: mono 44.1 kHz, 33 ms windows with 11 ms overlap
 * (hop 22 ms), log-magnitude, normalised to [-1, 1].
 *
 * <ul>
 *   <li>Window: {@value #WINDOW_SAMPLES} samples (32.99 ms), periodic Hann; hop {@value #HOP_SAMPLES} samples
 *       (21.995 ms), so consecutive windows overlap by {@value #OVERLAP_SAMPLES} samples (11.0 ms).</li>
 *   <li>FFT: {@value #FFT_SIZE} points (TarsosDSP), the window zero-padded; {@value #BINS} bins from 0 Hz to
 *       the Nyquist frequency, {@code 44100 / 2048 = 21.53 Hz} apart.</li>
 *   <li>Value of bin k: {@code dB = 20·log10(|X_k| / ref)}, where {@code ref} is the magnitude a full-scale sine
 *       centred on a bin reaches ({@code Σ window / 2}), so 0 dB is full scale; then
 *       {@code clamp((dB + 50) / 50, -1, 1)}: {@value #FLOOR_DB} dBFS and below (silence) map to -1, 0 dBFS to +1.</li>
 * </ul>
 *
 * <p>A fixed dBFS scale keeps frames comparable across time and streams (a per-frame min-max would blow up
 * the noise of silent frames). Not thread-safe: the FFT and its buffer are reused.
 */
public final class Spectrogram {
    public static final int SAMPLE_RATE_HZ = 44_100;
    /** 33 ms at 44.1 kHz. */
    public static final int WINDOW_SAMPLES = 1455;
    /** 22 ms at 44.1 kHz. */
    public static final int HOP_SAMPLES = 970;
    /** 11 ms at 44.1 kHz. */
    public static final int OVERLAP_SAMPLES = WINDOW_SAMPLES - HOP_SAMPLES;
    public static final int FFT_SIZE = 2048;
    public static final int BINS = FFT_SIZE / 2 + 1;
    /** Level mapped to -1; everything quieter is clamped there. */
    public static final double FLOOR_DB = -100;

    private static final float[] WINDOW = hann(WINDOW_SAMPLES);
    private static final double REFERENCE = sum(WINDOW) / 2;

    private final FFT fft = new FFT(FFT_SIZE);
    private final float[] buffer = new float[FFT_SIZE];

    /** Centre frequency of bin {@code k}, Hz. */
    public static double binHz(int k) {
        return k * (double) SAMPLE_RATE_HZ / FFT_SIZE;
    }

    /** The bin whose centre is nearest to {@code hz}. */
    public static int binOf(double hz) {
        return (int) Math.round(hz * FFT_SIZE / SAMPLE_RATE_HZ);
    }

    /**
     * Computes the frame starting at {@code samples[offset]} (samples in [-1, 1], {@value #WINDOW_SAMPLES} of them
     * from there) into {@code out}, which must hold {@value #BINS} values.
     */
    public float[] compute(float[] samples, int offset, float[] out) {
        for (int i = 0; i < WINDOW_SAMPLES; i++) {
            buffer[i] = samples[offset + i] * WINDOW[i];
        }
        java.util.Arrays.fill(buffer, WINDOW_SAMPLES, FFT_SIZE, 0f);
        fft.forwardTransform(buffer);
        // real-FFT packing: [Re0, Re(N/2), Re1, Im1, Re2, Im2, ...]
        out[0] = normalise(Math.abs(buffer[0]));
        out[BINS - 1] = normalise(Math.abs(buffer[1]));
        for (int k = 1; k < BINS - 1; k++) {
            out[k] = normalise(Math.hypot(buffer[2 * k], buffer[2 * k + 1]));
        }
        return out;
    }

    /** Normalised value of a level in dBFS: {@code clamp((dB + 50) / 50, -1, 1)}. */
    public static float normaliseDb(double db) {
        double v = (db - FLOOR_DB / 2) / (-FLOOR_DB / 2);
        return (float) Math.max(-1, Math.min(1, v));
    }

    /** The dBFS level of a normalised value (the inverse of {@link #normaliseDb} inside the range). */
    public static double toDb(float value) {
        return value * (-FLOOR_DB / 2) + FLOOR_DB / 2;
    }

    private static float normalise(double magnitude) {
        double relative = magnitude / REFERENCE;
        double db = relative <= 1e-12 ? -240 : 20 * Math.log10(relative);
        return normaliseDb(db);
    }

    private static float[] hann(int n) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
        }
        return w;
    }

    private static double sum(float[] values) {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}
