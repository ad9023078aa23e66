package io.affectstream.audio.dsp;

import be.tarsos.dsp.pitch.PitchDetectionResult;
import be.tarsos.dsp.pitch.Yin;

/**
 * Fundamental frequency of one spectrogram window by YIN (de Cheveigné &amp; Kawahara 2002; TarsosDSP's
 * implementation, threshold 0.20, parabolic interpolation).
 *
 * <p>Pitch needs no more than the lowest few kHz, and YIN's cost grows with the square of the window, so the
 * {@value Spectrogram#WINDOW_SAMPLES}-sample window is first low-passed (a {@value #TAPS}-tap windowed sinc at
 * 4.4 kHz) and decimated by {@value #DECIMATION} to 11,025 Hz: {@value #DECIMATED} samples, lags up to 172, so
 * pitches from 64 Hz up, about ten times cheaper than YIN on the full-rate window. Results outside the speech range
 * [{@value #MIN_HZ}, {@value #MAX_HZ}] Hz count as unvoiced. Not thread-safe.
 */
public final class PitchTracker {
    public static final double MIN_HZ = 65;
    public static final double MAX_HZ = 500;
    static final int DECIMATION = 4;
    static final int TAPS = 33;
    static final int DECIMATED = (Spectrogram.WINDOW_SAMPLES - TAPS) / DECIMATION + 1;
    private static final float[] LOWPASS = lowpass();

    private final Yin yin = new Yin(Spectrogram.SAMPLE_RATE_HZ / (float) DECIMATION, DECIMATED);
    private final float[] frame = new float[DECIMATED];

    /** The frame's pitch in Hz, or NaN when it is unvoiced (no periodicity YIN trusts, or outside the speech range). */
    public double pitchHz(float[] samples, int offset) {
        for (int i = 0; i < DECIMATED; i++) {
            int start = offset + i * DECIMATION;
            float acc = 0;
            for (int j = 0; j < TAPS; j++) {
                acc += samples[start + j] * LOWPASS[j];
            }
            frame[i] = acc;
        }
        PitchDetectionResult result = yin.getPitch(frame);
        double hz = result.getPitch();
        return result.isPitched() && hz >= MIN_HZ && hz <= MAX_HZ ? hz : Double.NaN;
    }

    /** Windowed-sinc (Hamming) low-pass at 0.1 x 44.1 kHz, unit DC gain. */
    private static float[] lowpass() {
        double fc = 0.1;
        double[] h = new double[TAPS];
        double sum = 0;
        int mid = TAPS / 2;
        for (int j = 0; j < TAPS; j++) {
            double d = j - mid;
            double sinc = d == 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * d) / (Math.PI * d);
            h[j] = sinc * (0.54 - 0.46 * Math.cos(2 * Math.PI * j / (TAPS - 1)));
            sum += h[j];
        }
        float[] out = new float[TAPS];
        for (int j = 0; j < TAPS; j++) {
            out[j] = (float) (h[j] / sum);
        }
        return out;
    }
}
