package io.affectstream.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Objects;

/**
 * The public per-frame affect record: exactly one per video frame, also when no face is in it.
 * Described for subscribers by {@code schema/affect-frame.schema.json} (in this module's resources) and
 * docs/subscribers.md.
 *
 * @param schemaVersion version of this record's layout ({@link #SCHEMA_VERSION})
 * @param streamId      the stream (also the Kafka key)
 * @param frameIndex    0-based index of the video frame
 * @param ptsMicros     presentation time, microseconds from the start of the source
 * @param capturedAtMs  capture time, epoch ms (the Kafka record timestamp)
 * @param width         source frame width, pixels (face boxes are in these pixels)
 * @param height        source frame height, pixels
 * @param faces         faces in the frame, smoothed per track, with their fused values
 * @param vision        status of the vision analysis of this frame
 * @param audio         what the audio says at this frame's time (stream level, smoothed)
 * @param smoothing     how the values were smoothed
 * @param timing        wall-clock timestamps of each hop and the latencies they add up to
 */
@JsonPropertyOrder({"schemaVersion", "streamId", "frameIndex", "ptsMicros", "capturedAtMs"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AffectFrame(int schemaVersion, String streamId, long frameIndex, long ptsMicros, long capturedAtMs,
                          int width, int height, List<AffectFace> faces, Analysis vision, AudioReport audio,
                          Smoothing smoothing, Timing timing) implements AffectMessage {

    public static final int SCHEMA_VERSION = 1;

    public AffectFrame {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(vision, "vision");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(smoothing, "smoothing");
        Objects.requireNonNull(timing, "timing");
        faces = List.copyOf(faces);
    }

    /**
     * One face of the output: the vision stage's values, median-smoothed over the face's track, plus the fused
     * valence/arousal. Optional values are omitted when the model that makes them is not configured.
     *
     * @param trackId        identity of the face across frames of the stream
     * @param box            face box in source-frame pixels (not smoothed)
     * @param detectionScore detector confidence in [0, 1] (not smoothed)
     * @param keypoints      detector keypoints in source-frame pixels (not smoothed)
     * @param expressions    smoothed, renormalised expression probabilities and their top label, or null
     * @param valence        smoothed vision valence in [-1, 1], or null
     * @param arousal        smoothed vision arousal in [-1, 1], or null
     * @param vaSource       source of the vision valence/arousal ({@code model} or {@code derived})
     * @param actionUnits    smoothed AU activations in [0, 1], each with its source
     * @param headPose       head pose in degrees (not smoothed), or null
     * @param fused          the decision-level fusion of vision and audio for this face, or null when neither has a value
     * @param models         ids/versions of the models behind these values
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AffectFace(long trackId, Box box, double detectionScore, List<Keypoint> keypoints,
                             Expressions expressions, Double valence,
                             Double arousal, Source vaSource, List<ActionUnit> actionUnits, HeadPose headPose,
                             Fused fused, List<String> models) {
        public AffectFace {
            Objects.requireNonNull(box, "box");
            keypoints = keypoints == null ? List.of() : List.copyOf(keypoints);
            actionUnits = actionUnits == null ? List.of() : List.copyOf(actionUnits);
            models = models == null ? List.of() : List.copyOf(models);
        }
    }

    /**
     * Decision-level fusion (affect-spec §4): per output, the weighted mean of the modalities' estimates with
     * weights proportional to their validation CCC; a modality without a value, or audio outside speech, has
     * weight 0.
     *
     * @param valence fused valence in [-1, 1], or null when no modality has one
     * @param arousal fused arousal in [-1, 1], or null when no modality has one
     * @param weights the normalised weights actually applied
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Fused(Double valence, Double arousal, FusionWeights weights) {
    }

    /**
     * Normalised fusion weights (each pair sums to 1 when its output is present, else both are 0).
     *
     * @param valenceVision weight of the face's valence
     * @param valenceAudio  weight of the audio valence
     * @param arousalVision weight of the face's arousal
     * @param arousalAudio  weight of the audio arousal
     */
    public record FusionWeights(double valenceVision, double valenceAudio, double arousalVision, double arousalAudio) {
    }

    /**
     * Stream-level audio at the frame's capture time.
     *
     * @param analysis          status of the audio analysis covering this frame
     * @param speechProbability smoothed probability of speech in [0, 1], or null when not analysed
     * @param arousal           smoothed audio arousal in [-1, 1], or null when not known
     * @param valence           smoothed audio valence in [-1, 1], or null when not known
     * @param source            where arousal/valence come from ({@code model} or {@code derived}), or null
     * @param attributedTo      trackIds the audio was fused into (see the fusion attribution policy)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AudioReport(Analysis analysis, Double speechProbability, Double arousal, Double valence,
                              Source source, List<Long> attributedTo) {
        public AudioReport {
            Objects.requireNonNull(analysis, "analysis");
            attributedTo = attributedTo == null ? List.of() : List.copyOf(attributedTo);
        }
    }

    /**
     * How values were smoothed.
     *
     * @param mode         {@code causal} (past frames only) or {@code centred} (past and future frames, offline)
     * @param windowFrames window length in frames
     */
    public record Smoothing(String mode, int windowFrames) {
    }

    /**
     * Wall-clock timestamps (epoch ms) of each hop and the latencies they add up to. Stages on different hosts
     * rely on synchronised clocks.
     *
     * @param ingestedAtMs ingest handed the frame to Kafka
     * @param visionAtMs   the vision stage finished the frame
     * @param audioAtMs    the audio stage finished the audio span used for this frame, or null
     * @param fusedAtMs    the fusion stage published this record
     * @param endToEndMs   {@code fusedAtMs - capturedAtMs}: capture to fused record, the latency a live consumer
     *                     sees (meaningful for live or paced sources; a file decoded faster than real time has
     *                     capture times ahead of the clock, hence possibly negative values)
     * @param pipelineMs   {@code fusedAtMs - ingestedAtMs}: time the frame spent in the pipeline, broker hops included
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Timing(long ingestedAtMs, long visionAtMs, Long audioAtMs, long fusedAtMs, long endToEndMs,
                         long pipelineMs) {
    }
}
