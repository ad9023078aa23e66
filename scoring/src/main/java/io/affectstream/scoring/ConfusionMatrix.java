package io.affectstream.scoring;

import java.util.Arrays;
import java.util.List;

/**
 * A k-class confusion matrix: rows are the true class, columns the predicted one. Gives accuracy, per-class
 * F1, macro F1 and the mean diagonal of the row-normalised matrix (unweighted average recall).
 */
public final class ConfusionMatrix {
    private final List<String> labels;
    private final long[][] counts;

    public ConfusionMatrix(List<String> labels) {
        this.labels = List.copyOf(labels);
        this.counts = new long[labels.size()][labels.size()];
    }

    public void add(int truth, int predicted) {
        counts[truth][predicted]++;
    }

    public List<String> labels() {
        return labels;
    }

    /** A copy of the counts, rows = truth. */
    public long[][] counts() {
        return Arrays.stream(counts).map(long[]::clone).toArray(long[][]::new);
    }

    public long total() {
        return Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
    }

    /** Trace over total; NaN when empty. */
    public double accuracy() {
        long trace = 0;
        for (int i = 0; i < counts.length; i++) {
            trace += counts[i][i];
        }
        return Metrics.ratio(trace, total());
    }

    /** One class against the rest. */
    public BinaryCounts classCounts(int k) {
        long tp = counts[k][k];
        long row = Arrays.stream(counts[k]).sum();
        long column = 0;
        for (long[] r : counts) {
            column += r[k];
        }
        long fn = row - tp;
        long fp = column - tp;
        return new BinaryCounts(tp, fp, total() - tp - fn - fp, fn);
    }

    /** Per-class F1 (NaN for a class neither present nor predicted). */
    public double[] classF1() {
        double[] f1 = new double[labels.size()];
        for (int k = 0; k < f1.length; k++) {
            f1[k] = classCounts(k).f1();
        }
        return f1;
    }

    /** Per-class recall, the diagonal of the row-normalised matrix (NaN for a class absent from the truth). */
    public double[] classRecall() {
        double[] recall = new double[labels.size()];
        for (int k = 0; k < recall.length; k++) {
            recall[k] = classCounts(k).recall();
        }
        return recall;
    }

    /** Unweighted mean of the defined per-class F1 values; NaN when none is defined. */
    public double macroF1() {
        return Metrics.mean(Metrics.defined(classF1()));
    }

    /** Mean diagonal of the row-normalised matrix over the classes present in the truth (UAR); NaN when none. */
    public double unweightedAverageRecall() {
        return Metrics.mean(Metrics.defined(classRecall()));
    }

    /** Rows divided by their sums; a row with no truth is all NaN. */
    public double[][] rowNormalised() {
        double[][] out = new double[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            long row = Arrays.stream(counts[i]).sum();
            out[i] = Arrays.stream(counts[i]).mapToDouble(c -> Metrics.ratio(c, row)).toArray();
        }
        return out;
    }
}
