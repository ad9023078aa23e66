package io.affectstream.wire;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The 7 basic expressions in the project's canonical order (affect-spec §1). */
public enum Expression {
    NEUTRAL("Ne"), ANGER("An"), DISGUST("Di"), FEAR("Fe"), HAPPINESS("Ha"), SADNESS("Sa"), SURPRISE("Su");

    private final String code;

    Expression(String code) {
        this.code = code;
    }

    /** The label used on the wire, e.g. {@code happiness}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The two-letter code of the Aff-Wild2 submission format, e.g. {@code Ha}. */
    public String code() {
        return code;
    }

    public static Expression fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
