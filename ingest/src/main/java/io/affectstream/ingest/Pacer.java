package io.affectstream.ingest;

import java.util.function.LongSupplier;

/**
 * Holds a file's items back until their presentation time has come on the wall clock, so a file behaves like
 * a live source. The first item goes out at once; each later one at {@code start + (pts - firstPts)}.
 */
public final class Pacer {
    /** Sleeps for the given nanoseconds. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long startNanos;
    private long firstPtsMicros = Long.MIN_VALUE;

    public Pacer(LongSupplier nanoTime, Sleeper sleeper) {
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** A pacer on the system clock. */
    public static Pacer system() {
        return new Pacer(System::nanoTime, nanos -> java.util.concurrent.TimeUnit.NANOSECONDS.sleep(nanos));
    }

    /** Blocks until the item at {@code ptsMicros} is due. */
    public void await(long ptsMicros) throws InterruptedException {
        if (firstPtsMicros == Long.MIN_VALUE) {
            firstPtsMicros = ptsMicros;
            startNanos = nanoTime.getAsLong();
            return;
        }
        long dueNanos = startNanos + (ptsMicros - firstPtsMicros) * 1_000L;
        long wait = dueNanos - nanoTime.getAsLong();
        if (wait > 0) {
            sleeper.sleepNanos(wait);
        }
    }
}
