package io.affectstream.vision;

import io.affectstream.vision.track.TrackState;
import io.affectstream.wire.VideoFrame;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the vision stage's analysis costs per frame without Kafka: the stage's own code path (JPEG decode,
 * detection, tracking, every configured model, geometry), on the frames of a clip, one stream, as the stage's
 * thread runs it, frame by frame or, with {@code vision.batch.max.frames} above 1, in full micro-batches of that
 * many frames (no wait: the frames are all there). For {@code affect bench}.
 */
public final class VisionBenchmark {
    /**
     * @param frames          the frames, in order (the pass is repeated when there are fewer than {@code minFrames})
     * @param framesPerSecond frames analysed per second of wall-clock time
     * @param facesPerFrame   mean faces per frame
     * @param msPerCall       per model id: mean milliseconds per call (one call runs all faces of a frame)
     */
    public record Result(int frames, double framesPerSecond, double facesPerFrame, Map<String, Double> msPerCall) {
    }

    private VisionBenchmark() {
    }

    /** Per model id: {calls, total milliseconds} so far. */
    private static Map<String, double[]> inferenceTotals(SimpleMeterRegistry registry) {
        Map<String, double[]> totals = new LinkedHashMap<>();
        for (Timer t : registry.find("affect.inference").timers()) {
            totals.put(t.getId().getTag("model"), new double[] {t.count(), t.totalTime(TimeUnit.MILLISECONDS)});
        }
        return totals;
    }

    /**
     * Analyses {@code frames} with the models {@code settings} configure (the vision stage's keys), after
     * {@code warmupFrames} untimed frames.
     */
    public static Result run(List<VideoFrame> frames, Map<String, Object> settings, int warmupFrames) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frames to analyse");
        }
        Map<String, Object> props = new LinkedHashMap<>(settings);
        props.putIfAbsent("bootstrap.servers", "unused:9092");
        VisionConfig config = new VisionConfig(props);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        VisionMetrics metrics = new VisionMetrics();
        metrics.bindTo(registry);
        List<AutoCloseable> loaded = new ArrayList<>();
        try {
            FaceAnalyser analyser = VisionApp.analyser(config, metrics, loaded);
            TrackState tracks = TrackState.EMPTY;
            for (int i = 0; i < warmupFrames; i++) {
                tracks = analyser.analyse(frames.get(i % frames.size()), tracks, FaceAnalyser.HiddenStates.NONE).tracks();
            }
            Map<String, double[]> before = inferenceTotals(registry);
            tracks = TrackState.EMPTY;
            long faces = 0;
            long start = System.nanoTime();
            int batch = config.batchMaxFrames();
            for (int from = 0; from < frames.size(); from += batch) {
                List<VideoFrame> chunk = frames.subList(from, Math.min(frames.size(), from + batch));
                List<FaceAnalyser.Observation> seen = analyser.observe(chunk);
                for (int i = 0; i < chunk.size(); i++) {
                    FaceAnalyser.Result result = analyser.conclude(chunk.get(i), seen.get(i), tracks,
                            FaceAnalyser.HiddenStates.NONE);
                    tracks = result.tracks();
                    faces += result.faces().size();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Double> perModel = new LinkedHashMap<>();
            inferenceTotals(registry).forEach((model, after) -> {
                double[] was = before.getOrDefault(model, new double[2]);
                if (after[0] > was[0]) {
                    perModel.put(model, (after[1] - was[1]) / (after[0] - was[0]));
                }
            });
            return new Result(frames.size(), frames.size() / seconds, (double) faces / frames.size(), perModel);
        } finally {
            VisionApp.closeAll(loaded, null);
        }
    }
}
