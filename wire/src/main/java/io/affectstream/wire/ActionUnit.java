package io.affectstream.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * One facial Action Unit of a face.
 *
 * @param au         the FACS AU number (e.g. 12 = lip corner puller)
 * @param activation activation in [0, 1] (a probability for models, a normalised measure for geometry)
 * @param source     where the activation comes from
 * @param threshold  the decision threshold configured for this AU (a thresholds file chosen on validation data,
 *                   e.g. by {@code affect score --select-thresholds}), or null when none is configured
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "present", allowGetters = true)
public record ActionUnit(int au, double activation, Source source, Double threshold) {
    public ActionUnit {
        Objects.requireNonNull(source, "source");
        if (au <= 0) {
            throw new IllegalArgumentException("AU numbers are positive, got " + au);
        }
    }

    /** An AU without a decision threshold. */
    public ActionUnit(int au, double activation, Source source) {
        this(au, activation, source, null);
    }

    /** The same AU with another activation (e.g. smoothed), keeping its source and threshold. */
    public ActionUnit withActivation(double value) {
        return new ActionUnit(au, value, source, threshold);
    }

    /** The same AU with a decision threshold. */
    public ActionUnit withThreshold(double value) {
        return new ActionUnit(au, activation, source, value);
    }

    /** Whether the AU is present ({@code activation >= threshold}); null without a threshold. */
    @JsonProperty("present")
    public Boolean present() {
        return threshold == null ? null : activation >= threshold;
    }
}
