package io.affectstream.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Appends a run to the benchmarks document as one dated row of a Markdown table: to the table already at the end of
 * the file when there is one, else under a new heading with the table's header.
 */
public final class BenchmarksFile {
    static final String HEADING = "## `bench` runs (whole processes)";
    static final String HEADER = "| date | clip | machine | decode frames/s | models: items/s at batch 1 / N"
            + " | run: wall s (first record s) | pipeline frames/s: overall / steady | slowest part"
            + " | pipeline / slowest (steady) | live capture → record p50 / p99, whole run (after warm-up)"
            + " | Python baseline: wall s, frames/s | Python wall / run wall |";
    private static final String SEPARATOR = "|---|---|---|---|---|---|---|---|---|---|---|---|";

    private BenchmarksFile() {
    }

    /** Appends {@code report}'s row to {@code file}, creating the file or the table when needed. */
    public static void append(Path file, BenchReport report, String command) throws IOException {
        List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8))
                : new ArrayList<>(List.of("# Benchmarks"));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        if (!endsWithOurTable(lines)) {
            lines.add("");
            lines.add(HEADING);
            lines.add("");
            lines.add("One row per `java -jar cli/target/affect.jar bench` run, appended by the command itself; "
                    + "the exact command is in the clip column. See the section above for what each figure means.");
            lines.add("");
            lines.add(HEADER);
            lines.add(SEPARATOR);
        }
        lines.add(row(report, command));
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private static boolean endsWithOurTable(List<String> lines) {
        int header = lines.lastIndexOf(HEADER);
        if (header < 0) {
            return false;
        }
        for (int i = header + 1; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("|")) {
                return false;
            }
        }
        return true;
    }

    static String row(BenchReport r, String command) {
        StringBuilder models = new StringBuilder();
        for (BenchReport.ModelResult m : r.models()) {
            if (!models.isEmpty()) {
                models.append("; ");
            }
            models.append(m.name()).append(' ').append(fmt(m.batch1().perSecond())).append(" / ")
                    .append(m.batchN() == null ? "–" : fmt(m.batchN().perSecond()) + " (N=" + m.n() + ")")
                    .append(' ').append(m.unit());
        }
        BenchReport.Part slowest = r.slowestPart();
        String pipeline = r.offline() == null ? "not run"
                : fmt(r.offline().overallFps()) + " / " + fmt(r.offline().steadyFps());
        String ratio = r.offline() == null ? "–" : String.format(Locale.ROOT, "%.2f",
                r.offline().steadyFps() / slowest.framesPerSecond());
        String live = r.live() == null ? "not run" : String.format(Locale.ROOT, "%d / %d ms (%d / %d ms after %.1f s)",
                r.live().p50(), r.live().p99(), r.live().steadyP50(), r.live().steadyP99(), r.live().warmUpSeconds());
        String wall = r.offline() == null ? "not run" : String.format(Locale.ROOT, "%.1f (%.1f)",
                r.offline().launch().wallSeconds(), r.offline().launch().startupSeconds());
        String python = r.python() == null ? "not run" : String.format(Locale.ROOT, "%.1f s, %s (%s)",
                r.python().wallSeconds(), fmt(r.python().fps()), r.python().runtime());
        String vsPython = r.python() == null || r.offline() == null ? "–"
                : String.format(Locale.ROOT, "%.2f", r.python().wallSeconds() / r.offline().launch().wallSeconds());
        String clip = String.format(Locale.ROOT, "`%s`: %d frames, %dx%d, %.0f frames/s", command, r.clipFrames(),
                r.width(), r.height(), r.clipFps());
        String providers = String.join(", ", r.models().stream().map(BenchReport.ModelResult::provider).distinct()
                .toList());
        String machine = r.machine().describe() + " (" + providers + "); load " + r.machine().loadAtStart() + " → "
                + r.loadAtEnd();
        List<String> cells = List.of(r.date().toString(), clip, machine, fmt(r.decode().perSecond()),
                models.toString(), wall, pipeline, slowest.name() + " " + fmt(slowest.framesPerSecond()), ratio, live,
                python, vsPython);
        // a cell must not end the row early or break it
        return "| " + String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|").replace('\n', ' ')).toList())
                + " |";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
