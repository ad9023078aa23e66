package io.affectstream.fusion;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;

/**
 * Fusion stage meters: frames published by audio status, the end-to-end latency (ingest publish → fused record)
 * and the vision → fusion hop, with p50/p99.
 */
public final class FusionMetrics implements MeterBinder {
    private MeterRegistry registry;
    private Timer endToEnd;
    private Timer hop;

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        endToEnd = Timer.builder("affect.fusion.end_to_end")
                .description("ingest publish to fused record, wall clock")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        hop = Timer.builder("affect.fusion.hop")
                .description("vision result to fused record, wall clock")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    void framePublished(String audioStatus, long ingestedAtMs, long visionAtMs, long fusedAtMs) {
        Counter.builder("affect.fusion.frames").description("affect records published").tag("audio", audioStatus)
                .register(registry).increment();
        endToEnd.record(Duration.ofMillis(Math.max(0, fusedAtMs - ingestedAtMs)));
        hop.record(Duration.ofMillis(Math.max(0, fusedAtMs - visionAtMs)));
    }
}
