package io.affectstream.scoring;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The formulas of affect-spec §6 against figures worked out by hand (the working is in the comments). */
class MetricsTest {
    private static final double EPS = 1e-12;

    @Test
    void cccUsesPopulationStatistics() {
        // x = [0, 0.5, 1], y = [0, 1, 1]: mean_x = 1/2, mean_y = 2/3
        // s_x^2 = (1/4 + 0 + 1/4)/3 = 1/6; s_y^2 = (4/9 + 1/9 + 1/9)/3 = 2/9; s_xy = (1/3 + 0 + 1/6)/3 = 1/6
        // (mean_x - mean_y)^2 = 1/36 -> rho_c = (2/6) / (6/36 + 8/36 + 1/36) = 12/15 = 0.8
        // (with 1/(n-1) statistics it would be 0.5 / (22/36) = 0.818..., so this also pins the population form)
        assertEquals(0.8, Metrics.ccc(new double[] {0, 0.5, 1}, new double[] {0, 1, 1}), EPS);
    }

    @Test
    void cccOfIdenticalSeriesIsOneAndANegatedOneIsPenalisedForTheMeanShift() {
        double[] x = {-0.4, 0.1, 0.3, 0.9};
        double[] minus = {0.4, -0.1, -0.3, -0.9};
        assertEquals(1, Metrics.ccc(x, x), EPS);
        // means 0.225 vs -0.225 keep it above -1: rho_c = -2 s^2 / (2 s^2 + 0.45^2); deviations -0.625, -0.125,
        // 0.075, 0.675 -> s^2 = 0.8675/4 = 0.216875 -> rho_c = -0.43375/0.63625 = -0.6817...
        assertEquals(-2 * 0.216875 / (2 * 0.216875 + 0.45 * 0.45), Metrics.ccc(x, minus), EPS);
    }

    @Test
    void constantPredictionsGiveTheFormulasZeroAndConstantEqualSeriesAreUndefined() {
        // s_xy = 0 whenever one side is constant: 0 / positive = 0
        assertEquals(0, Metrics.ccc(new double[] {0.1, 0.2, 0.3}, new double[] {0.5, 0.5, 0.5}), EPS);
        // both constant, different means: 0 / (0 + 0 + 0.04) = 0
        assertEquals(0, Metrics.ccc(new double[] {0.2, 0.2}, new double[] {0.4, 0.4}), EPS);
        // both constant and equal: 0/0
        assertTrue(Double.isNaN(Metrics.ccc(new double[] {0.3, 0.3}, new double[] {0.3, 0.3})));
        assertTrue(Double.isNaN(Metrics.ccc(new double[0], new double[0])));
    }

    @Test
    void fBetaMatchesThePrecisionRecallFormula() {
        // TP 3, FP 1, TN 4, FN 2: N 10, accuracy 0.7, P = 3/4, R = 3/5
        BinaryCounts c = new BinaryCounts(3, 1, 4, 2);
        assertEquals(0.7, c.accuracy(), EPS);
        assertEquals(0.75, c.precision(), EPS);
        assertEquals(0.6, c.recall(), EPS);
        for (double beta : new double[] {0.5, 1, 2}) {
            double b2 = beta * beta;
            assertEquals((1 + b2) * 0.75 * 0.6 / (b2 * 0.75 + 0.6), c.fBeta(beta), EPS, "beta " + beta);
        }
        // by hand: F1 = 0.9/1.35 = 2/3, F0.5 = 0.5625/0.7875 = 5/7, F2 = 2.25/3.6 = 5/8
        assertEquals(2.0 / 3, c.f1(), EPS);
        assertEquals(5.0 / 7, c.fBeta(0.5), EPS);
        assertEquals(5.0 / 8, c.fBeta(2), EPS);
    }

    @Test
    void degenerateCountsFollowTheDocumentedConventions() {
        BinaryCounts allNegative = new BinaryCounts(0, 0, 5, 0);   // no positives, none predicted
        assertEquals(1, allNegative.accuracy(), EPS);
        assertTrue(Double.isNaN(allNegative.precision()));
        assertTrue(Double.isNaN(allNegative.recall()));
        assertTrue(Double.isNaN(allNegative.f1()));

        BinaryCounts falseAlarms = new BinaryCounts(0, 2, 3, 0);  // no positives, two predicted: 0 / (0 + 0 + 2)
        assertEquals(0, falseAlarms.precision(), EPS);
        assertTrue(Double.isNaN(falseAlarms.recall()));
        assertEquals(0, falseAlarms.f1(), EPS);

        BinaryCounts silent = new BinaryCounts(0, 0, 3, 2);       // positives, none predicted: 0 / (0 + 2 + 0)
        assertTrue(Double.isNaN(silent.precision()));
        assertEquals(0, silent.recall(), EPS);
        assertEquals(0, silent.fBeta(0.5), EPS);
    }

    @Test
    void confusionMatrixGivesAccuracyMacroF1AndUnweightedAverageRecall() {
        // rows truth A, B, C, D; D is neither labelled nor predicted
        //   A: [2 1 0 0]   B: [0 1 0 0]   C: [1 0 0 0]
        // accuracy 3/5; F1: A 4/(4+1+1) = 2/3, B 2/(2+0+1) = 2/3, C 0, D undefined
        // macro F1 = (2/3 + 2/3 + 0)/3 = 4/9; recalls A 2/3, B 1, C 0 -> UAR = 5/9
        ConfusionMatrix m = new ConfusionMatrix(List.of("A", "B", "C", "D"));
        m.add(0, 0);
        m.add(0, 0);
        m.add(0, 1);
        m.add(1, 1);
        m.add(2, 0);
        assertEquals(0.6, m.accuracy(), EPS);
        assertEquals(4.0 / 9, m.macroF1(), EPS);
        assertEquals(5.0 / 9, m.unweightedAverageRecall(), EPS);
        assertTrue(Double.isNaN(m.classF1()[3]));
        assertArrayEquals(new double[] {2.0 / 3, 1.0 / 3, 0, 0}, m.rowNormalised()[0], EPS);
        assertTrue(Double.isNaN(m.rowNormalised()[3][0]));
        assertEquals(new BinaryCounts(2, 1, 1, 1), m.classCounts(0));
    }

    @Test
    void standardDeviationIsThePopulationOne() {
        // mean 0.8, squared deviations 0.01, 0.01, 0 -> sigma^2 = 0.02/3 (the sample form would give 0.1)
        assertEquals(Math.sqrt(0.02 / 3), Metrics.populationStd(new double[] {0.9, 0.7, 0.8}), EPS);
    }
}
