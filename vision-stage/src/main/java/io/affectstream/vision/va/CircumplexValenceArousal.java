package io.affectstream.vision.va;

import io.affectstream.wire.Expression;
import io.affectstream.wire.Expressions;

/**
 * Valence and arousal <b>derived</b> from an expression distribution (not a trained VA model): the expectation of
 * each expression's place in the pleasure/arousal plane, {@code v = sum_e p(e) v_e}, {@code a = sum_e p(e) a_e}.
 *
 * <p>The coordinates are the pleasure and arousal components of the PAD (pleasure-arousal-dominance) ratings of
 * the emotion terms of Ekman's six basic emotions, from Russell &amp; Mehrabian, "Evidence for a three-factor theory
 * of emotions", Journal of Research in Personality 11 (1977) 273-294, as tabulated for the six basic emotions by
 * Landowska, "Towards new mappings between emotion representation models", Applied Sciences 8(2) 274 (2018), on
 * scales of -1..1. Neutral sits at the origin by definition (the absence of an emotion term). Pleasure is taken as
 * valence. The output is a point inside the convex hull of these seven points, so it stays within [-1, 1] but
 * rarely reaches its ends: a pure smile gives valence 0.76, not 1.
 */
public final class CircumplexValenceArousal {
    /** {valence, arousal} per expression, indexed by {@link Expression#ordinal()}. */
    private static final double[][] COORDINATES = new double[Expression.values().length][];

    static {
        COORDINATES[Expression.NEUTRAL.ordinal()] = new double[] {0.00, 0.00};
        COORDINATES[Expression.ANGER.ordinal()] = new double[] {-0.51, 0.59};
        COORDINATES[Expression.DISGUST.ordinal()] = new double[] {-0.60, 0.35};
        COORDINATES[Expression.FEAR.ordinal()] = new double[] {-0.64, 0.60};
        COORDINATES[Expression.HAPPINESS.ordinal()] = new double[] {0.76, 0.48};
        COORDINATES[Expression.SADNESS.ordinal()] = new double[] {-0.63, -0.27};
        COORDINATES[Expression.SURPRISE.ordinal()] = new double[] {0.40, 0.67};
    }

    private CircumplexValenceArousal() {
    }

    /** The coordinates {valence, arousal} of one expression. */
    public static double[] coordinates(Expression expression) {
        return COORDINATES[expression.ordinal()].clone();
    }

    /** {valence, arousal} implied by the distribution (renormalised, in case it does not sum to exactly 1). */
    public static double[] of(Expressions expressions) {
        double[] p = expressions.vector();
        double valence = 0;
        double arousal = 0;
        double total = 0;
        for (int e = 0; e < p.length; e++) {
            valence += p[e] * COORDINATES[e][0];
            arousal += p[e] * COORDINATES[e][1];
            total += p[e];
        }
        return total > 0 ? new double[] {valence / total, arousal / total} : new double[] {0, 0};
    }
}
