package io.affectstream.cli.bench;

import io.affectstream.vision.VisionBenchmark;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every figure of one {@code bench} run. The parts missing from a run (the pipeline runs, the Python baseline)
 * are null.
 *
 * @param clip         the clip as given
 * @param clipFrames   its video frames
 * @param clipFps      its frame rate
 * @param decode       decode-only throughput, frames
 * @param models       each model's bare throughput
 * @param offline      the pipeline read as fast as possible, or null
 * @param live         the paced pipeline's latency, or null
 * @param python       the Python baseline, or null
 * @param javaAgreement the Python baseline against the same models in Java, or null
 * @param pipelineAgreement the Python baseline against the pipeline's fused records, or null
 * @param visionStage   the vision stage's own per-frame path without Kafka (JPEG decode, every default model,
 *                      tracking, geometry) on one thread, or null
 */
public record BenchReport(LocalDate date, String clip, long clipFrames, double clipFps, int width, int height,
                          MachineFacts machine, String loadAtEnd, int warmUpCalls, double secondsPerFigure,
                          Throughput decode, int decodeWarmUpFrames, List<ModelResult> models,
                          VisionBenchmark.Result visionStage, PipelineBench.Offline offline, PipelineBench.Live live, PythonBaseline python,
                          Agreement javaAgreement, Agreement pipelineAgreement) {

    /**
     * One model's figures.
     *
     * @param batchN        throughput at batch {@code n}, or null for a fixed batch-1 model
     * @param itemsPerFrame the model's items per video frame of the clip (0: not on every frame's path)
     */
    public record ModelResult(String name, String unit, String provider, double itemsPerFrame, Throughput batch1,
                              int n, Throughput batchN) {

        /** Frames of this clip per second the model alone keeps up with, at the batch the stage uses (1). */
        double framesPerSecond() {
            return itemsPerFrame > 0 ? batch1.perSecond() / itemsPerFrame : Double.NaN;
        }
    }

    /** A part of the per-frame work and how many frames of the clip it processes per second. */
    public record Part(String name, double framesPerSecond) {
    }

    public List<Part> parts() {
        List<Part> parts = new ArrayList<>();
        parts.add(new Part("decode", decode.perSecond()));
        for (ModelResult m : models) {
            if (m.itemsPerFrame() > 0) {
                parts.add(new Part(m.name(), m.framesPerSecond()));
            }
        }
        return parts;
    }

    public Part slowestPart() {
        return parts().stream().min(java.util.Comparator.comparingDouble(Part::framesPerSecond)).orElseThrow();
    }

    /** Frames/s if one core ran every part in turn: 1 / sum of each part's time per frame. */
    public double serialFramesPerSecond() {
        return 1 / parts().stream().mapToDouble(p -> 1 / p.framesPerSecond()).sum();
    }

    /** The console report. */
    public String render() {
        StringBuilder s = new StringBuilder();
        line(s, "bench: %s: %d frames, %dx%d, %.2f frames/s (%s)", clip, clipFrames, width, height, clipFps, date);
        line(s, "machine: %s; load average %s at the start, %s at the end", machine.describe(),
                machine.loadAtStart(), loadAtEnd);
        line(s, "model figures: %d untimed warm-up calls, then at least %.1f s of calls each", warmUpCalls,
                secondsPerFigure);
        line(s, "decode only (ingest's FFmpeg decoder, no Kafka, no JPEG): %.1f frames/s (%d frames in %.2f s, after"
                + " %d frames of warm-up)", decode.perSecond(), decode.items(), decode.seconds(), decodeWarmUpFrames);
        for (ModelResult m : models) {
            String n = m.batchN() == null ? "fixed batch 1" : String.format(Locale.ROOT, "batch %d: %.1f %s/s",
                    m.n(), m.batchN().perSecond(), m.unit());
            line(s, "model %s (%s): batch 1: %.1f %s/s (%.2f ms per call); %s%s", m.name(), m.provider(),
                    m.batch1().perSecond(), m.unit(), m.batch1().msPerCall(), n, m.itemsPerFrame() > 0
                            ? String.format(Locale.ROOT, "; %.2f %s per frame -> %.1f frames/s", m.itemsPerFrame(),
                            m.unit(), m.framesPerSecond()) : "");
        }
        Part slowest = slowestPart();
        line(s, "slowest part: %s at %.1f frames/s; all parts in turn on one core: %.1f frames/s", slowest.name(),
                slowest.framesPerSecond(), serialFramesPerSecond());
        if (visionStage != null) {
            StringBuilder perModel = new StringBuilder();
            visionStage.msPerCall().forEach((model, ms) -> perModel.append(perModel.isEmpty() ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%s %.2f ms", model, ms)));
            line(s, "vision stage without Kafka (raw frames as run sends them, every configured model, tracking,"
                    + " geometry; one stream):"
                    + " %.1f frames/s, %.2f faces per frame; per call: %s", visionStage.framesPerSecond(),
                    visionStage.facesPerFrame(), perModel);
        }
        if (offline != null) {
            line(s, "pipeline offline: %s", offline.launch().command());
            line(s, "pipeline offline, the whole process: %.1f s from launch to exit, first fused record %.1f s after"
                    + " launch", offline.launch().wallSeconds(), offline.launch().startupSeconds());
            line(s, "pipeline offline (run, embedded broker): %.1f frames/s over all %d frames (first"
                    + " ingest to last record); %.1f frames/s steady, after %d frames of warm-up", offline.overallFps(),
                    offline.frames(), offline.steadyFps(), offline.warmUp());
            line(s, "pipeline / slowest part: %.2f overall, %.2f steady", offline.overallFps() / slowest.framesPerSecond(),
                    offline.steadyFps() / slowest.framesPerSecond());
        }
        if (live != null) {
            line(s, "live (run --realtime), capture -> fused record: p50 %d ms, p99 %d ms over the whole run (%d"
                    + " frames); p50 %d ms, p99 %d ms after the first %.1f s; first record %.1f s after launch",
                    live.p50(), live.p99(), live.frames(), live.steadyP50(), live.steadyP99(), live.warmUpSeconds(),
                    live.launch().startupSeconds());
        }
        if (python != null) {
            line(s, "python baseline (%s, one process): %.1f frames/s in its loop; %.1f s from launch to exit",
                    python.runtime(), python.fps(), python.wallSeconds());
            line(s, "python baseline: %s", python.summary());
            if (offline != null) {
                line(s, "pipeline / python: %.2f by wall clock, whole processes (python %.1f s / run %.1f s);"
                        + " %.2f overall, %.2f steady by frames/s", python.wallSeconds()
                        / offline.launch().wallSeconds(), python.wallSeconds(), offline.launch().wallSeconds(),
                        offline.overallFps() / python.fps(), offline.steadyFps() / python.fps());
            }
            if (javaAgreement != null) {
                line(s, "python vs the same models in Java: %s", javaAgreement);
            }
            if (pipelineAgreement != null) {
                line(s, "python vs the pipeline's records (frames over the broker, smoothed expressions): %s",
                        pipelineAgreement);
            }
        }
        return s.toString();
    }

    private static void line(StringBuilder s, String format, Object... args) {
        s.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
    }
}
