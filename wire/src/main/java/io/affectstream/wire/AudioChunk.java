package io.affectstream.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * A run of signed 16-bit PCM samples, interleaved when {@code channels > 1} (ingest always sends mono).
 * Sample offsets of consecutive chunks of one stream are contiguous unless the source itself had a gap.
 *
 * @param streamId     the stream (also the Kafka key)
 * @param chunkIndex   0-based index of the chunk in the stream
 * @param sampleOffset index of the first sample of this chunk, counted from the start of the source at
 *                     {@code sampleRateHz} (so {@code sampleOffset / sampleRateHz} seconds is its presentation time)
 * @param sampleRateHz samples per second per channel
 * @param channels     number of interleaved channels
 * @param capturedAtMs capture time of the first sample, epoch ms (the Kafka record timestamp)
 * @param ingestedAtMs wall-clock time at which ingest handed the chunk to Kafka, epoch ms
 * @param samples      the samples
 */
public record AudioChunk(String streamId, long chunkIndex, long sampleOffset, int sampleRateHz, int channels,
                         long capturedAtMs, long ingestedAtMs, short[] samples) implements AudioMessage {

    public AudioChunk {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(samples, "samples");
        if (chunkIndex < 0 || sampleOffset < 0) {
            throw new IllegalArgumentException("chunkIndex and sampleOffset must be >= 0, were "
                    + chunkIndex + " and " + sampleOffset);
        }
        if (sampleRateHz <= 0 || channels <= 0) {
            throw new IllegalArgumentException("sampleRateHz and channels must be positive, were "
                    + sampleRateHz + " and " + channels);
        }
        if (samples.length % channels != 0) {
            throw new IllegalArgumentException(samples.length + " samples do not divide into " + channels + " channels");
        }
    }

    /** Number of sample frames (samples per channel) in this chunk. */
    public int frameCount() {
        return samples.length / channels;
    }

    /** Presentation time of the first sample, microseconds from the start of the source. */
    public long ptsMicros() {
        return sampleOffset * 1_000_000L / sampleRateHz;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AudioChunk c && chunkIndex == c.chunkIndex && sampleOffset == c.sampleOffset
                && sampleRateHz == c.sampleRateHz && channels == c.channels && capturedAtMs == c.capturedAtMs
                && ingestedAtMs == c.ingestedAtMs && streamId.equals(c.streamId) && Arrays.equals(samples, c.samples);
    }

    @Override
    public int hashCode() {
        return Objects.hash(streamId, chunkIndex, sampleOffset) * 31 + Arrays.hashCode(samples);
    }

    @Override
    public String toString() {
        return "AudioChunk[" + streamId + " #" + chunkIndex + " offset=" + sampleOffset + " n=" + frameCount()
                + " @" + sampleRateHz + "Hz x" + channels + "]";
    }
}
