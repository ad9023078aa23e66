package io.affectstream.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Objects;

/**
 * The public per-frame affect record: exactly one per video frame, also when no face is in it.
 *
 * @param schemaVersion version of this record's layout ({@link #SCHEMA_VERSION})
 * @param streamId      the stream (also the Kafka key)
 * @param frameIndex    0-based index of the video frame
 * @param ptsMicros     presentation time, microseconds from the start of the source
 * @param capturedAtMs  capture time, epoch ms (the Kafka record timestamp)
 * @param width         source frame width, pixels (face boxes are in these pixels)
 * @param height        source frame height, pixels
 * @param faces         faces in the frame
 * @param vision        status of the vision analysis of this frame
 * @param audio         what the audio says for this frame's time
 * @param timing        wall-clock timestamps of each hop and the latency they add up to
 */
@JsonPropertyOrder({"schemaVersion", "streamId", "frameIndex", "ptsMicros", "capturedAtMs"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AffectFrame(int schemaVersion, String streamId, long frameIndex, long ptsMicros, long capturedAtMs,
                          int width, int height, List<Face> faces, Analysis vision, AudioReport audio,
                          Timing timing) implements AffectMessage {

    public static final int SCHEMA_VERSION = 1;

    public AffectFrame {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(vision, "vision");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(timing, "timing");
        faces = List.copyOf(faces);
    }

    /**
     * Stream-level audio for a frame.
     *
     * @param analysis          status of the audio analysis covering this frame
     * @param speechProbability probability of speech in [0, 1], or null when not analysed
     * @param arousal           arousal in [-1, 1], or null when not known
     * @param valence           valence in [-1, 1], or null when not known
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AudioReport(Analysis analysis, Double speechProbability, Double arousal, Double valence) {
        public AudioReport {
            Objects.requireNonNull(analysis, "analysis");
        }
    }

    /**
     * Wall-clock timestamps (epoch ms) of each hop. Stages on different hosts rely on synchronised clocks.
     *
     * @param ingestedAtMs  ingest handed the frame to Kafka
     * @param visionAtMs    the vision stage finished the frame
     * @param fusedAtMs     the fusion stage published this record
     * @param endToEndMs    {@code fusedAtMs - ingestedAtMs}: time the frame spent in the pipeline
     */
    public record Timing(long ingestedAtMs, long visionAtMs, long fusedAtMs, long endToEndMs) {
    }
}
