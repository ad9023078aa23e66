package io.affectstream.scoring;

import io.affectstream.wire.Source;

import java.util.List;
import java.util.Objects;

/**
 * What is scored, and how gaps are treated.
 *
 * @param trackId    the face to score in every frame, or null for the largest box of each frame (ties: lowest trackId)
 * @param vaSource   which valence/arousal of the face is scored
 * @param auSource   the one AU source to score, or null for the first present of model, geometry, head_pose,
 *                   expression_table (trained first, derived last)
 * @param thresholds AU decision thresholds (activation >= threshold means present)
 * @param missing    what a labelled frame without a prediction does
 * @param frameBase  the ground truth's first frame number (0, or 1 for 1-based numbering)
 */
public record ScoringOptions(Long trackId, VaSource vaSource, Source auSource, AuThresholds thresholds,
                             MissingPolicy missing, long frameBase) {

    /** The sources an AU activation can come from, in the order of preference when none is chosen. */
    public static final List<Source> AU_SOURCES = List.of(Source.MODEL, Source.GEOMETRY, Source.HEAD_POSE,
            Source.EXPRESSION_TABLE);

    /** Which valence/arousal is compared with the truth. */
    public enum VaSource {
        /** The face's fused value when present, else its vision value. */
        AUTO,
        /** Only the fused value. */
        FUSED,
        /** Only the face's vision value. */
        VISION,
        /** Only the stream-level audio value. */
        AUDIO
    }

    /** What a labelled frame without a prediction does (the frame is counted in the coverage either way). */
    public enum MissingPolicy {
        /** Left out of the metrics. */
        SKIP,
        /** Makes scoring fail, naming the first such frame. */
        FAIL,
        /** Scored as a neutral prediction: valence and arousal 0, expression neutral, every AU absent. */
        NEUTRAL
    }

    public ScoringOptions {
        Objects.requireNonNull(vaSource, "vaSource");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(missing, "missing");
        if (auSource != null && !AU_SOURCES.contains(auSource)) {
            throw new IllegalArgumentException("AU source must be one of " + AU_SOURCES + ", was " + auSource);
        }
        if (frameBase < 0) {
            throw new IllegalArgumentException("frameBase must be >= 0, was " + frameBase);
        }
    }

    /** Largest face, fused-else-vision VA, preferred AU source, threshold 0.5, missing frames skipped, 0-based. */
    public static ScoringOptions defaults() {
        return new ScoringOptions(null, VaSource.AUTO, null, AuThresholds.defaults(), MissingPolicy.SKIP, 0);
    }

    public ScoringOptions withTrackId(Long id) {
        return new ScoringOptions(id, vaSource, auSource, thresholds, missing, frameBase);
    }

    public ScoringOptions withVaSource(VaSource source) {
        return new ScoringOptions(trackId, source, auSource, thresholds, missing, frameBase);
    }

    public ScoringOptions withAuSource(Source source) {
        return new ScoringOptions(trackId, vaSource, source, thresholds, missing, frameBase);
    }

    public ScoringOptions withThresholds(AuThresholds t) {
        return new ScoringOptions(trackId, vaSource, auSource, t, missing, frameBase);
    }

    public ScoringOptions withMissing(MissingPolicy policy) {
        return new ScoringOptions(trackId, vaSource, auSource, thresholds, policy, frameBase);
    }

    public ScoringOptions withFrameBase(long base) {
        return new ScoringOptions(trackId, vaSource, auSource, thresholds, missing, base);
    }
}
