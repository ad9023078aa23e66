package io.affectstream.scoring;

/**
 * The challenges' formulas (affect-spec §6) on plain arrays. An undefined value (0/0) is {@link Double#NaN};
 * callers report it as undefined and never turn it into a number. See docs/scoring.md for each convention.
 */
public final class Metrics {
    private Metrics() {
    }

    /**
     * Lin's concordance correlation coefficient with population (biased, 1/n) statistics:
     * {@code 2 s_xy / (s_x^2 + s_y^2 + (mean_x - mean_y)^2)}. NaN when there are no pairs, or when the denominator
     * is 0 (both series constant and equal: 0/0). When only one series is constant, {@code s_xy = 0} and the
     * formula's value is 0.
     */
    public static double ccc(double[] truth, double[] prediction) {
        if (truth.length != prediction.length) {
            throw new IllegalArgumentException("series differ in length: " + truth.length + " vs " + prediction.length);
        }
        int n = truth.length;
        if (n == 0) {
            return Double.NaN;
        }
        double mx = mean(truth);
        double my = mean(prediction);
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double dx = truth[i] - mx;
            double dy = prediction[i] - my;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }
        double denominator = sxx / n + syy / n + (mx - my) * (mx - my);
        return denominator == 0 ? Double.NaN : 2 * (sxy / n) / denominator;
    }

    /** Arithmetic mean; NaN for no values. */
    public static double mean(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Population standard deviation, {@code sqrt((1/m) sum (v_i - mean)^2)}; NaN for no values. */
    public static double populationStd(double[] values) {
        double mean = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return values.length == 0 ? Double.NaN : Math.sqrt(sum / values.length);
    }

    /** The values that are defined (not NaN), for means "over the defined values". */
    public static double[] defined(double[] values) {
        return java.util.Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
    }

    /** 0/0 is NaN (undefined); any other quotient as usual. */
    static double ratio(double numerator, double denominator) {
        return denominator == 0 ? Double.NaN : numerator / denominator;
    }
}
