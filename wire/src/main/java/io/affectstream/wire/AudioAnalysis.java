package io.affectstream.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Objects;

/**
 * The audio stage's result for one span of audio (one ingest chunk).
 *
 * @param streamId          the stream
 * @param sampleOffset      first sample of the span, counted from the start of the source at {@code sampleRateHz}
 * @param sampleCount       number of samples (per channel) in the span
 * @param sampleRateHz      sample rate of the offsets
 * @param capturedAtMs      capture time of the first sample, epoch ms (the Kafka record timestamp)
 * @param analysis          whether the span was analysed, and if not why
 * @param speechProbability probability in [0, 1] that the span contains speech, or null when not analysed
 * @param arousal           arousal in [-1, 1], or null when not known
 * @param valence           valence in [-1, 1], or null when not known
 * @param source            where arousal/valence come from ({@code model} or {@code derived}), or null
 * @param ingestedAtMs      wall-clock time ingest published the chunk, epoch ms
 * @param audioAtMs         wall-clock time the audio stage finished the span, epoch ms
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AudioAnalysis(String streamId, long sampleOffset, int sampleCount, int sampleRateHz, long capturedAtMs,
                            Analysis analysis, Double speechProbability, Double arousal, Double valence,
                            Source source, long ingestedAtMs, long audioAtMs) implements AudioAnalysisMessage {

    public AudioAnalysis {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(analysis, "analysis");
        if (sampleRateHz <= 0 || sampleCount < 0 || sampleOffset < 0) {
            throw new IllegalArgumentException("bad audio span: offset " + sampleOffset + ", count " + sampleCount
                    + " at " + sampleRateHz + " Hz");
        }
    }

    /** Presentation time of the first sample, microseconds from the start of the source. */
    public long startMicros() {
        return sampleOffset * 1_000_000L / sampleRateHz;
    }

    /** Presentation time just past the last sample, microseconds from the start of the source. */
    public long endMicros() {
        return (sampleOffset + sampleCount) * 1_000_000L / sampleRateHz;
    }
}
