package io.affectstream.cli.bench;

import java.util.Locale;

/**
 * Items processed per second by repeated calls: {@code warmUp} untimed calls first (JIT, ONNX Runtime's memory
 * arenas), then timed calls until {@code budgetSeconds} have passed (at least {@code minCalls}).
 *
 * @param items   items processed in the timed calls
 * @param calls   timed calls
 * @param seconds time the timed calls took
 */
public record Throughput(long items, long calls, double seconds) {

    /** One call: does its work and returns how many items it processed. */
    @FunctionalInterface
    public interface Call {
        long run();
    }

    public Throughput {
        if (items <= 0 || calls <= 0 || !(seconds > 0)) {
            throw new IllegalArgumentException("a throughput needs items, calls and time; got " + items + " items, "
                    + calls + " calls, " + seconds + " s");
        }
    }

    public static Throughput measure(Call call, int warmUp, double budgetSeconds, int minCalls) {
        for (int i = 0; i < warmUp; i++) {
            call.run();
        }
        long budget = (long) (budgetSeconds * 1e9);
        long items = 0;
        long calls = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            items += call.run();
            calls++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < budget || calls < minCalls);
        return new Throughput(items, calls, elapsed / 1e9);
    }

    public double perSecond() {
        return items / seconds;
    }

    /** Milliseconds per call. */
    public double msPerCall() {
        return seconds * 1000 / calls;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.1f/s (%d calls, %.2f ms per call)", perSecond(), calls, msPerCall());
    }
}
