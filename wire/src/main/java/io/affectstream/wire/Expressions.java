package io.affectstream.wire;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Expression probabilities of one face.
 *
 * @param probabilities probability per expression label, in the canonical order of {@link Expression}, summing to 1
 * @param label         the most probable expression
 * @param source        {@link Source#MODEL} from trained classifiers
 */
public record Expressions(Map<Expression, Double> probabilities, Expression label, Source source) {

    public Expressions {
        Objects.requireNonNull(probabilities, "probabilities");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(source, "source");
        Map<Expression, Double> ordered = new LinkedHashMap<>();
        for (Expression e : Expression.values()) {
            Double p = probabilities.get(e);
            if (p == null) {
                throw new IllegalArgumentException("expression probabilities lack '" + e.wireName() + "'");
            }
            ordered.put(e, p);
        }
        probabilities = Collections.unmodifiableMap(ordered);
    }

    /** Probabilities in canonical order, with the label taken as their argmax. */
    public static Expressions of(double[] vector, Source source) {
        if (vector.length != Expression.values().length) {
            throw new IllegalArgumentException("need " + Expression.values().length + " probabilities, got " + vector.length);
        }
        Map<Expression, Double> map = new LinkedHashMap<>();
        int best = 0;
        for (Expression e : Expression.values()) {
            map.put(e, vector[e.ordinal()]);
            if (vector[e.ordinal()] > vector[best]) {
                best = e.ordinal();
            }
        }
        return new Expressions(map, Expression.values()[best], source);
    }

    /** The probabilities as an array in canonical order. */
    public double[] vector() {
        double[] out = new double[Expression.values().length];
        probabilities.forEach((e, p) -> out[e.ordinal()] = p);
        return out;
    }
}
