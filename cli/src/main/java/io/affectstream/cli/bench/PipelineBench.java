package io.affectstream.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.affectstream.cli.AotLauncher;
import io.affectstream.cli.CliError;
import io.affectstream.cli.ExitCodes;
import io.affectstream.cli.LatencyStats;
import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.serde.JsonSerde;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

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
    record Offline(int frames, double overallFps, double steadyFps, int warmUp, List<AffectFrame> records,
                   Launch launch) {
    }

    /**
     * One {@code java -jar affect.jar run} process, timed from its launch as a user sees it: JVM start (and the AOT
     * relaunch), the embedded broker, model loading, the clip, shutdown.
     *
     * @param wallSeconds    launch to exit
     * @param startupSeconds launch to the first fused record (its {@code fusedAtMs})
     * @param command        what was run
     */
    record Launch(double wallSeconds, double startupSeconds, String command) {
    }

    /**
     * Capture → fused record latency of a paced run, over the whole run and after the first {@code warmUpSeconds}.
     */
    record Live(int frames, long p50, long p99, long steadyP50, long steadyP99, double warmUpSeconds, Launch launch) {
    }

    static Offline offline(String clip, Map<String, String> settings, double warmUpShare, Path workDir,
                           boolean verbose) {
        Run run = run(clip, settings, false, workDir, verbose);
        List<AffectFrame> records = run.records();
        int n = records.size();
        long firstIngest = records.stream().mapToLong(r -> r.timing().ingestedAtMs()).min().orElseThrow();
        List<Long> fused = records.stream().map(r -> r.timing().fusedAtMs()).sorted().toList();
        int warmUp = Math.min(n - 2, (int) Math.round(n * warmUpShare));
        double overall = n / seconds(fused.get(n - 1) - firstIngest);
        double steady = (n - 1 - warmUp) / seconds(fused.get(n - 1) - fused.get(warmUp));
        return new Offline(n, overall, steady, warmUp, records, run.launch());
    }

    static Live live(String clip, Map<String, String> settings, double warmUpShare, Path workDir, boolean verbose) {
        Run run = run(clip, settings, true, workDir, verbose);
        List<AffectFrame> records = run.records();
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
                steady.percentile(99), warmUpSeconds, run.launch());
    }

    // A run's own clock is milliseconds; a run too short to measure is an error, not infinity.
    private static double seconds(long millis) {
        if (millis <= 0) {
            throw new CliError("the pipeline run was too short to time (" + millis + " ms); use a longer clip",
                    ExitCodes.BAD_INPUT);
        }
        return millis / 1000.0;
    }

    private record Run(List<AffectFrame> records, Launch launch) {
    }

    /**
     * Runs {@code java -jar affect.jar run} as a user would, in a process of its own with this jar (and, through
     * it, the AOT cache beside it); its summary is shown only with --verbose or when it fails.
     */
    private static Run run(String clip, Map<String, String> settings, boolean realtime, Path workDir,
                           boolean verbose) {
        Path out = workDir.resolve(realtime ? "realtime.jsonl" : "offline.jsonl");
        Path log = workDir.resolve(realtime ? "realtime.log" : "offline.log");
        List<String> args = new ArrayList<>(List.of(java(), "-jar", thisJar().toString(), "run", "--input", clip,
                "--out", out.toString(), "--no-progress"));
        if (realtime) {
            args.add("--realtime");
        }
        settings.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
        String command = String.join(" ", args.subList(0, 1)) + " -jar affect.jar "
                + String.join(" ", args.subList(3, args.size()));
        int code;
        long launchedMs = System.currentTimeMillis();
        long launched = System.nanoTime();
        try {
            Process process = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            code = process.waitFor();
        } catch (IOException e) {
            throw new CliError("cannot start " + command + ": " + e.getMessage(), ExitCodes.PIPELINE_FAILED, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliError("interrupted while the pipeline ran", ExitCodes.INTERRUPTED, e);
        }
        double wall = (System.nanoTime() - launched) / 1e9;
        String summary;
        try {
            summary = Files.readString(log, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            summary = "(no log: " + e.getMessage() + ")";
        }
        if (verbose) {
            System.err.println(summary);
        }
        if (code != ExitCodes.OK) {
            throw new CliError("the pipeline run (" + command + ") failed with exit code " + code
                    + ": " + summary.lines().reduce((a, b) -> b).orElse("no message"), ExitCodes.PIPELINE_FAILED);
        }
        List<AffectFrame> records = read(out);
        if (records.size() < 3) {
            throw new CliError("the pipeline run on '" + clip + "' gave " + records.size()
                    + " frames; the bench needs at least 3", ExitCodes.BAD_INPUT);
        }
        long firstFused = records.stream().mapToLong(r -> r.timing().fusedAtMs()).min().orElseThrow();
        return new Run(records, new Launch(wall, (firstFused - launchedMs) / 1000.0, command));
    }

    /** The {@code java} a user would type: the one on the PATH, else this JVM's. */
    private static String java() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, "java"))) {
                    return Path.of(dir, "java").toString();
                }
            }
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static Path thisJar() {
        Path jar = AotLauncher.thisJar();
        if (jar != null) {
            return jar;
        }
        throw new CliError("bench times the pipeline through affect.jar: run it as java -jar affect.jar bench",
                ExitCodes.USAGE);
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
