package io.affectstream.scoring;

/**
 * Confusion counts of one binary decision (one AU, or one expression class against the rest).
 * F-beta is computed in its count form {@code (1+b^2) TP / ((1+b^2) TP + b^2 FN + FP)}, which equals
 * {@code (1+b^2) P R / (b^2 P + R)} wherever that is defined, and also gives the formula's value 0 when
 * there are no true positives but some errors (precision 0/0 with positives present, or recall 0/0 with false
 * alarms). It is undefined (NaN) only when TP = FP = FN = 0: no positives in the truth and none predicted.
 *
 * @param tp true positives
 * @param fp false positives
 * @param tn true negatives
 * @param fn false negatives
 */
public record BinaryCounts(long tp, long fp, long tn, long fn) {
    public BinaryCounts {
        if (tp < 0 || fp < 0 || tn < 0 || fn < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }

    /** Counts of predictions against truths, pairwise. */
    public static BinaryCounts of(boolean[] truth, boolean[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("truth and predictions differ in length");
        }
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i]) {
                if (predicted[i]) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (predicted[i]) {
                fp++;
            } else {
                tn++;
            }
        }
        return new BinaryCounts(tp, fp, tn, fn);
    }

    public long total() {
        return tp + fp + tn + fn;
    }

    public long positives() {
        return tp + fn;
    }

    /** {@code (TP + TN) / N}; NaN when N = 0. */
    public double accuracy() {
        return Metrics.ratio(tp + tn, total());
    }

    /** {@code TP / (TP + FP)}; NaN (undefined) when nothing was predicted positive. */
    public double precision() {
        return Metrics.ratio(tp, tp + fp);
    }

    /** {@code TP / (TP + FN)}; NaN (undefined) when the truth has no positives. */
    public double recall() {
        return Metrics.ratio(tp, tp + fn);
    }

    /** F-beta in count form (see the class comment); NaN only when TP = FP = FN = 0. */
    public double fBeta(double beta) {
        double b2 = beta * beta;
        return Metrics.ratio((1 + b2) * tp, (1 + b2) * tp + b2 * fn + fp);
    }

    public double f1() {
        return fBeta(1);
    }
}
