package io.affectstream.audio;

import io.affectstream.audio.dsp.Spectrogram;

import java.util.Objects;

/**
 * One spectrogram frame of a stream (see {@link Spectrogram} for the parameters).
 *
 * @param streamId     the stream
 * @param index        0-based index of the frame since the analysis of the stream (re)started
 * @param sampleOffset the frame's first sample, counted like the chunks' offsets (at {@code sampleRateHz} from the
 *                     start of the source); exact at 44.1 kHz input, rounded to the nearest sample otherwise
 * @param sampleRateHz rate of {@code sampleOffset}: the input's rate
 * @param capturedAtMs capture time of the frame's first sample, epoch ms
 * @param values       {@value Spectrogram#BINS} normalised log-magnitudes in [-1, 1], 0 Hz first
 */
public record SpectrogramFrame(String streamId, long index, long sampleOffset, int sampleRateHz, long capturedAtMs,
                               float[] values) {
    public SpectrogramFrame {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(values, "values");
    }

    /** The sample at the centre of the window, at {@code sampleRateHz}. */
    public long centreOffset() {
        return sampleOffset + Math.round(Spectrogram.WINDOW_SAMPLES / 2.0 * sampleRateHz / Spectrogram.SAMPLE_RATE_HZ);
    }
}
