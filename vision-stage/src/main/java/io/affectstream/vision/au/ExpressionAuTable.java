package io.affectstream.vision.au;

import io.affectstream.wire.ActionUnit;
import io.affectstream.wire.Expression;
import io.affectstream.wire.Expressions;
import io.affectstream.wire.Source;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Action Units implied by an expression distribution (affect-spec §5, "distribution matching"):
 * {@code q(AU_k | x) = sum_e p(e | x) * p(AU_k | e)}, where {@code p(AU_k | e)} is 1 for an AU prototypical of
 * expression e, the fraction of annotators who observed it for an observational AU, and 0 otherwise.
 *
 * <p>This is a zero-shot estimate derived from the expression model, not a trained AU detector: every AU it
 * gives is labelled {@link Source#EXPRESSION_TABLE}.
 */
public final class ExpressionAuTable {
    /** The holistic 17-AU set: the union of the AUs in the table. */
    public static final int[] AUS = {1, 2, 4, 5, 6, 7, 9, 10, 11, 12, 15, 17, 20, 23, 24, 25, 26};

    private static final Map<Expression, Map<Integer, Double>> TABLE = new EnumMap<>(Expression.class);

    static {
        row(Expression.HAPPINESS, new int[] {12, 25}, new double[][] {{6, 0.51}});
        row(Expression.SADNESS, new int[] {4, 15}, new double[][] {{1, 0.6}, {6, 0.5}, {11, 0.26}, {17, 0.67}});
        row(Expression.FEAR, new int[] {1, 4, 20, 25}, new double[][] {{2, 0.57}, {5, 0.63}, {26, 0.33}});
        row(Expression.ANGER, new int[] {4, 7, 24}, new double[][] {{10, 0.26}, {17, 0.52}, {23, 0.29}});
        row(Expression.SURPRISE, new int[] {1, 2, 25, 26}, new double[][] {{5, 0.66}});
        row(Expression.DISGUST, new int[] {9, 10, 17}, new double[][] {{4, 0.31}, {24, 0.26}});
        row(Expression.NEUTRAL, new int[] {}, new double[][] {});
    }

    private ExpressionAuTable() {
    }

    private static void row(Expression e, int[] prototypical, double[][] observational) {
        Map<Integer, Double> r = new java.util.HashMap<>();
        for (int au : prototypical) {
            r.put(au, 1.0);
        }
        for (double[] o : observational) {
            r.put((int) o[0], o[1]);
        }
        TABLE.put(e, Map.copyOf(r));
    }

    /** {@code p(AU | e)} from the table. */
    public static double probability(int au, Expression expression) {
        return TABLE.get(expression).getOrDefault(au, 0.0);
    }

    /** The 17 AU activations in [0, 1] implied by {@code expressions}, in ascending AU order. */
    public static List<ActionUnit> of(Expressions expressions) {
        double[] p = expressions.vector();
        List<ActionUnit> out = new ArrayList<>(AUS.length);
        for (int au : AUS) {
            double q = 0;
            for (Expression e : Expression.values()) {
                q += p[e.ordinal()] * probability(au, e);
            }
            out.add(new ActionUnit(au, Math.min(1, Math.max(0, q)), Source.EXPRESSION_TABLE));
        }
        return out;
    }
}
