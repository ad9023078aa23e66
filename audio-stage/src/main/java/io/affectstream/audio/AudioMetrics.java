package io.affectstream.audio;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;

/** Audio stage meters: seconds of audio handled by status, and the ingest → audio latency. */
public final class AudioMetrics implements MeterBinder {
    private MeterRegistry registry;
    private Timer latency;

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        latency = Timer.builder("affect.audio.latency")
                .description("ingest publish to audio result, wall clock")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    void chunkDone(String status, double seconds, long ingestedAtMs, long doneAtMs) {
        Counter.builder("affect.audio.seconds").description("seconds of audio handled").baseUnit("seconds")
                .tag("status", status).register(registry).increment(seconds);
        latency.record(Duration.ofMillis(Math.max(0, doneAtMs - ingestedAtMs)));
    }
}
