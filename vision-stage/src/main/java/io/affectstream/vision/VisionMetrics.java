package io.affectstream.vision;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;

/**
 * Vision stage meters: frames by analysis status, faces found, the ingest → vision latency, and per model the
 * inference time ({@code affect.inference{model}}) and the active execution provider
 * ({@code affect.inference.provider{model,provider}} = 1).
 */
public final class VisionMetrics implements MeterBinder {
    private MeterRegistry registry;
    private Timer latency;
    private Counter faces;

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        latency = Timer.builder("affect.vision.latency")
                .description("ingest publish to vision result, wall clock")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        faces = Counter.builder("affect.vision.faces").description("faces found").register(registry);
    }

    void frameDone(String status, int faceCount, long ingestedAtMs, long doneAtMs) {
        Counter.builder("affect.vision.frames").description("video frames handled").tag("status", status)
                .register(registry).increment();
        faces.increment(faceCount);
        latency.record(Duration.ofMillis(Math.max(0, doneAtMs - ingestedAtMs)));
    }

    void inference(String model, long nanos) {
        Timer.builder("affect.inference").description("model inference time per call").tag("model", model)
                .publishPercentiles(0.5, 0.99).register(registry).record(Duration.ofNanos(nanos));
    }

    void provider(String model, String provider) {
        Gauge.builder("affect.inference.provider", () -> 1).description("the execution provider a model runs on")
                .tag("model", model).tag("provider", provider).register(registry);
    }
}
