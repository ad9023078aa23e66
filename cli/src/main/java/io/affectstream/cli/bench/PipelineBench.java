package io.affectstream.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.affectstream.cli.AffectCli;
import io.affectstream.cli.CliError;
import io.affectstream.cli.ExitCodes;
import io.affectstream.cli.LatencyStats;
import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.serde.JsonSerde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The whole pipeline through the embedded broker, run by the {@code run} subcommand itself (the same code path a
 * user gets), and read back from its JSON lines: every frame's ingest, fusion and capture times.
 */
final class PipelineBench {
    private PipelineBench() {
    }

    /**
     * Offline throughput: frames over the time from the first frame's ingest to the last fused record (broker
     * start and stop excluded), and after the warm-up frames.
     *
     * @param frames      frames that came out
     * @param overallFps  all frames, first ingest to last fused record
     * @param steadyFps   frames after the warm-up, fused-record times only
     * @param warmUp      frames treated as warm-up
     */
    record Offline(int frames, double overallFps, double steadyFps, int warmUp, List<AffectFrame> records) {
    }

    /**
     * Capture → fused record latency of a paced run, over the whole run and after the first {@code warmUpSeconds}.
     */
    record Live(int frames, long p50, long p99, long steadyP50, long steadyP99, double warmUpSeconds) {
    }

    static Offline offline(String clip, double warmUpShare, Path workDir, boolean verbose) {
        List<AffectFrame> records = run(clip, false, workDir, verbose);
        int n = records.size();
        long firstIngest = records.stream().mapToLong(r -> r.timing().ingestedAtMs()).min().orElseThrow();
        List<Long> fused = records.stream().map(r -> r.timing().fusedAtMs()).sorted().toList();
        int warmUp = Math.min(n - 2, (int) Math.round(n * warmUpShare));
        double overall = n / seconds(fused.get(n - 1) - firstIngest);
        double steady = (n - 1 - warmUp) / seconds(fused.get(n - 1) - fused.get(warmUp));
        return new Offline(n, overall, steady, warmUp, records);
    }

    static Live live(String clip, double warmUpShare, Path workDir, boolean verbose) {
        List<AffectFrame> records = run(clip, true, workDir, verbose);
        long lastPts = records.stream().mapToLong(AffectFrame::ptsMicros).max().orElseThrow();
        double warmUpSeconds = lastPts / 1e6 * warmUpShare;
        LatencyStats all = new LatencyStats();
        LatencyStats steady = new LatencyStats();
        for (AffectFrame r : records) {
            all.add(r.timing().endToEndMs());
            if (r.ptsMicros() >= warmUpSeconds * 1e6) {
                steady.add(r.timing().endToEndMs());
            }
        }
        return new Live(records.size(), all.percentile(50), all.percentile(99), steady.percentile(50),
                steady.percentile(99), warmUpSeconds);
    }

    // A run's own clock is milliseconds; a run too short to measure is an error, not infinity.
    private static double seconds(long millis) {
        if (millis <= 0) {
            throw new CliError("the pipeline run was too short to time (" + millis + " ms); use a longer clip",
                    ExitCodes.BAD_INPUT);
        }
        return millis / 1000.0;
    }

    /** Runs {@code affect run} in this process; its summary is shown only with --verbose or when it fails. */
    private static List<AffectFrame> run(String clip, boolean realtime, Path workDir, boolean verbose) {
        Path out = workDir.resolve(realtime ? "realtime.jsonl" : "offline.jsonl");
        List<String> args = new ArrayList<>(List.of("run", "--input", clip, "--out", out.toString(), "--no-progress"));
        if (realtime) {
            args.add("--realtime");
        }
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            code = AffectCli.execute(args.toArray(String[]::new));
        } finally {
            System.setErr(err);
        }
        String summary = captured.toString(StandardCharsets.UTF_8).strip();
        if (verbose) {
            err.println(summary);
        }
        if (code != ExitCodes.OK) {
            throw new CliError("the pipeline run (" + String.join(" ", args) + ") failed with exit code " + code
                    + ": " + summary.lines().reduce((a, b) -> b).orElse("no message"), ExitCodes.PIPELINE_FAILED);
        }
        List<AffectFrame> records = read(out);
        if (records.size() < 3) {
            throw new CliError("the pipeline run on '" + clip + "' gave " + records.size()
                    + " frames; the bench needs at least 3", ExitCodes.BAD_INPUT);
        }
        return records;
    }

    private static List<AffectFrame> read(Path jsonLines) {
        ObjectMapper mapper = JsonSerde.mapper();
        try {
            List<AffectFrame> frames = new ArrayList<>();
            for (String line : Files.readAllLines(jsonLines, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    frames.add(mapper.readValue(line, AffectFrame.class));
                }
            }
            frames.sort(Comparator.comparingLong(AffectFrame::frameIndex));
            return frames;
        } catch (IOException e) {
            throw new CliError("cannot read the pipeline's output " + jsonLines + ": " + e.getMessage(),
                    ExitCodes.PIPELINE_FAILED, e);
        }
    }
}
