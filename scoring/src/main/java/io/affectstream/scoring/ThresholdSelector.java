package io.affectstream.scoring;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Per-AU threshold selection on a validation set, as the EmotioNet 2020 winner did: for each AU, the
 * threshold that maximises its F1 (or the final score {@code 0.5 (accuracy + F1)}), searched over the distinct
 * predicted activations (threshold t: activation >= t is present), plus one just above the largest activation
 * (nothing present). On a tie the higher threshold wins. An AU with no positive label, or no scored frame, has
 * nothing to maximise and is left out (it keeps the default 0.5), with a warning.
 */
public final class ThresholdSelector {

    /** What a threshold maximises. */
    public enum Criterion {
        /** The AU's F1. */
        F1("f1"),
        /** The AU's {@code 0.5 (accuracy + F1)}, the EmotioNet final score for one AU. */
        FINAL_SCORE("final-score");

        private final String wireName;

        Criterion(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        double value(BinaryCounts c) {
            return this == F1 ? c.f1() : 0.5 * (c.accuracy() + c.f1());
        }
    }

    private ThresholdSelector() {
    }

    /** The best threshold of every AU that has positives; warnings name the AUs left out. */
    public static AuThresholds select(Collection<AuPairs> aus, Criterion criterion, List<String> warnings) {
        Map<Integer, AuThresholds.Selection> selections = new LinkedHashMap<>();
        for (AuPairs pairs : aus) {
            AuThresholds.Selection best = best(pairs, criterion);
            if (best == null) {
                warnings.add("AU" + pairs.au() + ": no threshold selected (" + (pairs.truth().length == 0
                        ? "no scored frame" : "no positive label in the validation set") + "); it keeps the default "
                        + AuThresholds.DEFAULT);
            } else {
                selections.put(pairs.au(), best);
            }
        }
        return AuThresholds.selected(criterion.wireName(), selections);
    }

    /** The best threshold of one AU, or null when it has no positive label. */
    static AuThresholds.Selection best(AuPairs pairs, Criterion criterion) {
        double[] a = pairs.activations();
        boolean[] truth = pairs.truth();
        long positives = IntStream.range(0, truth.length).filter(i -> truth[i]).count();
        if (positives == 0) {
            return null;
        }
        Integer[] order = IntStream.range(0, a.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> a[i]).reversed());
        // Sweep thresholds downwards: start with nothing present, then let in one group of equal activations at a time.
        long tp = 0;
        long fp = 0;
        double threshold = Math.nextUp(a[order[0]]);
        BinaryCounts counts = new BinaryCounts(0, 0, a.length - positives, positives);
        double bestThreshold = threshold;
        BinaryCounts bestCounts = counts;
        double bestValue = criterion.value(counts);
        for (int i = 0; i < order.length; ) {
            threshold = a[order[i]];
            while (i < order.length && a[order[i]] == threshold) {
                if (truth[order[i]]) {
                    tp++;
                } else {
                    fp++;
                }
                i++;
            }
            counts = new BinaryCounts(tp, fp, a.length - positives - fp, positives - tp);
            double value = criterion.value(counts);
            if (value > bestValue || Double.isNaN(bestValue) && !Double.isNaN(value)) {
                bestValue = value;
                bestThreshold = threshold;
                bestCounts = counts;
            }
        }
        return new AuThresholds.Selection(bestThreshold, a.length, positives, bestCounts.f1(), bestCounts.accuracy(),
                0.5 * (bestCounts.accuracy() + bestCounts.f1()));
    }
}
