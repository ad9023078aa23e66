package io.affectstream.wire;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a stream ended. */
public enum EndReason {
    /** The source reached its end normally. */
    COMPLETED,
    /** The source has no track of this modality; nothing of it was ever published. */
    NO_TRACK,
    /** Decoding failed part way (truncated or corrupt media); what came before was published. */
    DECODE_ERROR,
    /** A live source stopped answering. */
    SOURCE_LOST,
    /** The operator stopped ingest (signal or frame limit). */
    STOPPED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
