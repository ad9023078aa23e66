package io.affectstream.cli;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on stderr: frames done / total and frames/s, redrawn at most ten times a second. */
final class ProgressBar {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final long total;
    private final boolean enabled;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;
    private boolean drawn;

    /** @param total expected frames, or a value <= 0 when unknown (no bar, just the count) */
    ProgressBar(PrintStream out, long total, boolean enabled) {
        this.out = out;
        this.total = total;
        this.enabled = enabled;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (!enabled || now - lastDrawNanos < REDRAW_NANOS) {
            return;
        }
        lastDrawNanos = now;
        out.print("\r" + render(done, (now - startNanos) / 1e9));
        out.flush();
        drawn = true;
    }

    void finish() {
        if (enabled && drawn) {
            out.print("\r" + " ".repeat(WIDTH + 48) + "\r");
            out.flush();
        }
    }

    String render(long done, double seconds) {
        double fps = seconds > 0 ? done / seconds : 0;
        if (total <= 0) {
            return String.format(Locale.ROOT, "%d frames  %.1f frames/s", done, fps);
        }
        int filled = (int) Math.min(WIDTH, done * WIDTH / total);
        return String.format(Locale.ROOT, "[%s%s] %d/%d frames  %.1f frames/s",
                "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, fps);
    }
}
