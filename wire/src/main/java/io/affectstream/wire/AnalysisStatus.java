package io.affectstream.wire;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a modality's values in a record come from an analysis, and if not, why not. */
public enum AnalysisStatus {
    /** The stage ran its models; the values are theirs. */
    ANALYSED,
    /** The data arrived but the stage has no model for it configured: no values, by design. */
    NOT_ANALYSED,
    /** The source has no track of this modality. */
    ABSENT,
    /** The modality exists but nothing covering this frame had arrived when the frame was published. */
    MISSING;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
