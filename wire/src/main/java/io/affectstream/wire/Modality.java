package io.affectstream.wire;

import com.fasterxml.jackson.annotation.JsonValue;

/** The two input modalities. */
public enum Modality {
    VIDEO, AUDIO;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
