package io.affectstream.vision.va;

import io.affectstream.wire.Expression;
import io.affectstream.wire.Expressions;
import io.affectstream.wire.Source;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CircumplexValenceArousalTest {
    private static Expressions only(Expression e) {
        double[] p = new double[7];
        p[e.ordinal()] = 1;
        return Expressions.of(p, Source.MODEL);
    }

    @Test
    void aCertainExpressionSitsAtItsTabulatedPoint() {
        assertArrayEquals(new double[] {0.76, 0.48}, CircumplexValenceArousal.of(only(Expression.HAPPINESS)), 1e-12);
        assertArrayEquals(new double[] {-0.63, -0.27}, CircumplexValenceArousal.of(only(Expression.SADNESS)), 1e-12);
        assertArrayEquals(new double[] {0, 0}, CircumplexValenceArousal.of(only(Expression.NEUTRAL)), 1e-12);
    }

    @Test
    void aMixtureIsTheProbabilityWeightedMean() {
        double[] p = new double[7];
        p[Expression.HAPPINESS.ordinal()] = 0.5;
        p[Expression.ANGER.ordinal()] = 0.25;
        p[Expression.NEUTRAL.ordinal()] = 0.25;
        // 0.5 * (0.76, 0.48) + 0.25 * (-0.51, 0.59) + 0.25 * (0, 0) = (0.2525, 0.3875)
        assertArrayEquals(new double[] {0.2525, 0.3875}, CircumplexValenceArousal.of(Expressions.of(p, Source.MODEL)),
                1e-12);
    }

    @Test
    void everyDistributionStaysInsideTheUnitSquare() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 1000; i++) {
            double[] p = new double[7];
            for (int e = 0; e < 7; e++) {
                p[e] = random.nextDouble();
            }
            double[] va = CircumplexValenceArousal.of(Expressions.of(p, Source.MODEL));
            assertTrue(Math.abs(va[0]) <= 1 && Math.abs(va[1]) <= 1);
        }
    }

    @Test
    void negativeExpressionsHaveNegativeValenceAndActiveOnesPositiveArousal() {
        for (Expression e : new Expression[] {Expression.ANGER, Expression.DISGUST, Expression.FEAR, Expression.SADNESS}) {
            assertTrue(CircumplexValenceArousal.coordinates(e)[0] < 0, e.wireName());
        }
        for (Expression e : new Expression[] {Expression.ANGER, Expression.FEAR, Expression.SURPRISE, Expression.HAPPINESS}) {
            assertTrue(CircumplexValenceArousal.coordinates(e)[1] > 0, e.wireName());
        }
    }
}
