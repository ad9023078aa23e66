package io.affectstream.vision;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;

/** Vision stage meters: frames handled by analysis status, and the ingest → vision latency. */
public final class VisionMetrics implements MeterBinder {
    private MeterRegistry registry;
    private Timer latency;

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        latency = Timer.builder("affect.vision.latency")
                .description("ingest publish to vision result, wall clock")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    void frameDone(String status, long ingestedAtMs, long doneAtMs) {
        Counter.builder("affect.vision.frames").description("video frames handled").tag("status", status)
                .register(registry).increment();
        latency.record(Duration.ofMillis(Math.max(0, doneAtMs - ingestedAtMs)));
    }
}
