package io.affectstream.ingest;

import io.affectstream.wire.AudioChunk;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the decoder's variable-sized sample runs into fixed-size chunks with exact, contiguous sample offsets.
 * The first sample's offset comes from its presentation time; after that offsets are counted, so rounding in
 * container timestamps never opens a gap or an overlap. A real gap in a live source (timestamps running ahead
 * of the count by more than {@link #MAX_DRIFT_SAMPLES}) restarts the count at the new position.
 */
public final class AudioChunker {
    /** Half a second of timestamp disagreement is taken as a real gap in the source. */
    static final int MAX_DRIFT_SAMPLES = 22_050;

    private final String streamId;
    private final int sampleRateHz;
    private final long sessionStartMs;
    private final short[] pending;
    private int pendingCount;
    private long nextOffset = -1;
    private long chunkIndex;
    private long totalSamples;

    public AudioChunker(String streamId, int sampleRateHz, int chunkSamples, long sessionStartMs) {
        this.streamId = streamId;
        this.sampleRateHz = sampleRateHz;
        this.sessionStartMs = sessionStartMs;
        this.pending = new short[chunkSamples];
    }

    /** Adds decoded samples that start at {@code ptsMicros}; returns the chunks completed by them. */
    public List<AudioChunk> add(long ptsMicros, short[] samples, long nowMs) {
        long offsetFromPts = Math.round(ptsMicros * (double) sampleRateHz / 1_000_000);
        List<AudioChunk> out = new ArrayList<>(2);
        if (nextOffset < 0) {
            nextOffset = offsetFromPts;
        } else if (offsetFromPts - (nextOffset + pendingCount) > MAX_DRIFT_SAMPLES) {
            flushInto(out, nowMs);
            nextOffset = offsetFromPts;
        }
        int at = 0;
        while (at < samples.length) {
            int n = Math.min(pending.length - pendingCount, samples.length - at);
            System.arraycopy(samples, at, pending, pendingCount, n);
            pendingCount += n;
            at += n;
            if (pendingCount == pending.length) {
                flushInto(out, nowMs);
            }
        }
        return out;
    }

    /** The last, partial chunk, or null when nothing is pending. */
    public AudioChunk flush(long nowMs) {
        List<AudioChunk> out = new ArrayList<>(1);
        flushInto(out, nowMs);
        return out.isEmpty() ? null : out.get(0);
    }

    /** Samples emitted so far. */
    public long totalSamples() {
        return totalSamples;
    }

    /** Capture time (epoch ms) just past the last sample emitted. */
    public long endCapturedAtMs() {
        return sessionStartMs + Math.max(0, nextOffset) * 1000 / sampleRateHz;
    }

    private void flushInto(List<AudioChunk> out, long nowMs) {
        if (pendingCount == 0) {
            return;
        }
        short[] samples = java.util.Arrays.copyOf(pending, pendingCount);
        long capturedAtMs = sessionStartMs + nextOffset * 1000 / sampleRateHz;
        out.add(new AudioChunk(streamId, chunkIndex++, nextOffset, sampleRateHz, 1, capturedAtMs, nowMs, samples));
        nextOffset += pendingCount;
        totalSamples += pendingCount;
        pendingCount = 0;
    }
}
