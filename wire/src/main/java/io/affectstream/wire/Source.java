package io.affectstream.wire;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a value comes from. Derived and heuristic values are always labelled so, never passed off as a model's. */
public enum Source {
    /** A trained model's output. */
    MODEL,
    /** Computed from another output by a published formula (e.g. valence/arousal from expressions via the circumplex). */
    DERIVED,
    /** Measured from facial landmark geometry. */
    GEOMETRY,
    /** From head pose (AUs 51-56). */
    HEAD_POSE,
    /** From the expression distribution through the expression→AU table (affect-spec §5). */
    EXPRESSION_TABLE,
    /** Decision-level fusion of modalities (affect-spec §4). */
    FUSED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
