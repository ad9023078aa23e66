package io.affectstream.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Objects;

/**
 * The status of one modality's analysis in a record, with a short human-readable reason.
 *
 * @param status what the values of this modality are worth
 * @param detail why, in words (e.g. "no face model configured"), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Analysis(AnalysisStatus status, String detail) {
    public Analysis {
        Objects.requireNonNull(status, "status");
    }
}
