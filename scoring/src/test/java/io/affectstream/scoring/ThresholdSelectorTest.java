package io.affectstream.scoring;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Per-AU threshold selection against thresholds found by hand. */
class ThresholdSelectorTest {

    /**
     * One positive at 0.5 below nine negatives (0.91 .. 0.99) and above ten more (0.01 .. 0.10).
     * F1: 0 for every threshold above 0.5, 2/(2 + 9) = 0.1818 at 0.5, less below -> 0.5.
     * Final score 0.5 (acc + F1): nothing present gives 0.5 (0.95 + 0) = 0.475, the best; at 0.99 0.45;
     * at 0.5 0.5 (0.55 + 0.1818) = 0.366 -> just above 0.99.
     */
    private static AuPairs rarePositive() {
        List<double[]> pairs = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            pairs.add(new double[] {0, 0.9 + i / 100.0});
        }
        pairs.add(new double[] {1, 0.5});
        for (int i = 1; i <= 10; i++) {
            pairs.add(new double[] {0, i / 100.0});
        }
        return AuPairs.of(6, pairs);
    }

    @Test
    void f1PicksTheThresholdAtThePositive() {
        AuThresholds.Selection s = ThresholdSelector.best(rarePositive(), ThresholdSelector.Criterion.F1);
        assertEquals(0.5, s.threshold());
        assertEquals(2.0 / 11, s.f1(), 1e-12);
        assertEquals(0.55, s.accuracy(), 1e-12);
        assertEquals(20, s.frames());
        assertEquals(1, s.positives());
    }

    @Test
    void theFinalScorePrefersNothingPresentWhenPositivesAreThatRare() {
        AuThresholds.Selection s = ThresholdSelector.best(rarePositive(), ThresholdSelector.Criterion.FINAL_SCORE);
        assertEquals(Math.nextUp(0.99), s.threshold());
        assertEquals(0.475, s.finalScore(), 1e-12);
        assertEquals(0.0, rarePositive().counts(s.threshold()).tp() + rarePositive().counts(s.threshold()).fp());
    }

    @Test
    void tiesGoToTheHigherThresholdAndAusWithoutPositivesAreLeftOut() {
        // T at 0.8, F at 0.6, T at 0.4, F at 0.2, T at 0.1: F1 at 0.8 = 2/(2+2) = 0.5; 0.6: 2/5 = 0.4;
        // 0.4: 4/(4+1+1) = 2/3; 0.2: 4/7; 0.1: 6/(6+2) = 0.75 -> 0.1
        AuPairs pairs = AuPairs.of(1, List.of(new double[] {1, 0.8}, new double[] {0, 0.6}, new double[] {1, 0.4},
                new double[] {0, 0.2}, new double[] {1, 0.1}));
        assertEquals(0.1, ThresholdSelector.best(pairs, ThresholdSelector.Criterion.F1).threshold());
        // T 0.9, F 0.5, F 0.4, T 0.3: F1 at 0.9 = 2/3; 0.5: 2/4; 0.4: 2/5; 0.3: 4/6 = 2/3, a tie -> the higher, 0.9
        AuPairs tie = AuPairs.of(2, List.of(new double[] {1, 0.9}, new double[] {0, 0.5}, new double[] {0, 0.4},
                new double[] {1, 0.3}));
        assertEquals(0.9, ThresholdSelector.best(tie, ThresholdSelector.Criterion.F1).threshold());
        assertNull(ThresholdSelector.best(AuPairs.of(3, List.of(new double[] {0, 0.9})), ThresholdSelector.Criterion.F1));
        List<String> warnings = new ArrayList<>();
        AuThresholds selected = ThresholdSelector.select(List.of(pairs, AuPairs.of(3, List.of())),
                ThresholdSelector.Criterion.F1, warnings);
        assertEquals(java.util.Map.of(1, 0.1), selected.thresholds());
        assertEquals(1, warnings.size());
    }
}
