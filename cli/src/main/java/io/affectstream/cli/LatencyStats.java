package io.affectstream.cli;

import java.util.Arrays;

/** Exact percentiles of the end-to-end latencies seen by {@code run} and {@code bench} (nearest-rank method). */
public final class LatencyStats {
    private long[] values = new long[1024];
    private int count;

    public void add(long millis) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = millis;
    }

    public int count() {
        return count;
    }

    /** The p-th percentile (0 < p <= 100) by nearest rank, or -1 when empty. */
    public long percentile(double p) {
        if (count == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))];
    }
}
