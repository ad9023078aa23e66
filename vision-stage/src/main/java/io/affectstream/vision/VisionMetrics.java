package io.affectstream.vision;

import io.affectstream.streams.CountersByTag;
import io.affectstream.streams.InferenceMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Vision stage meters: frames by analysis status, faces found, the ingest → vision latency, the frames per
 * micro-batch ({@code affect.vision.batch.frames}), and per model the
 * inference time ({@code affect.inference{model}}) and the active execution provider
 * ({@code affect.inference.provider{model,provider}} = 1).
 */
public final class VisionMetrics implements MeterBinder {
    private Timer latency;
    private Counter faces;
    private CountersByTag frames;
    private InferenceMeters inference;
    private DistributionSummary batchFrames;

    @Override
    public void bindTo(MeterRegistry registry) {
        latency = Timer.builder("affect.vision.latency")
                .description("ingest publish to vision result, wall clock")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        faces = Counter.builder("affect.vision.faces").description("faces found").register(registry);
        frames = new CountersByTag(registry, "affect.vision.frames", "video frames handled", "status", null);
        inference = new InferenceMeters(registry);
        batchFrames = DistributionSummary.builder("affect.vision.batch.frames")
                .description("frames whose faces went through the face models together")
                .register(registry);
    }

    void batch(int frameCount) {
        batchFrames.record(frameCount);
    }

    void frameDone(String status, int faceCount, long ingestedAtMs, long doneAtMs) {
        frames.get(status).increment();
        faces.increment(faceCount);
        latency.record(Duration.ofMillis(Math.max(0, doneAtMs - ingestedAtMs)));
    }

    void inference(String model, long nanos) {
        inference.timer(model).record(nanos, TimeUnit.NANOSECONDS);
    }

    void provider(String model, String provider) {
        inference.provider(model, provider);
    }
}
