package io.affectstream.streams;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meters every model-running stage shares: {@code affect.inference{model}} (time per model run, p50/p99)
 * and {@code affect.inference.provider{model,provider}} = 1 (the execution provider a model runs on).
 * Timers are looked up once per model, not once per run.
 */
public final class InferenceMeters {
    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Set<String> providers = ConcurrentHashMap.newKeySet();

    public InferenceMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The inference timer of {@code model} (a short fixed id, e.g. {@code silero-vad}). */
    public Timer timer(String model) {
        return timers.computeIfAbsent(model, m -> Timer.builder("affect.inference")
                .description("one model run, wall clock")
                .tag("model", m)
                .publishPercentiles(0.5, 0.99)
                .register(registry));
    }

    /** Records which execution provider runs {@code model}; loading the same pair again changes nothing. */
    public void provider(String model, String provider) {
        if (providers.add(model + "/" + provider)) {
            Gauge.builder("affect.inference.provider", () -> 1)
                    .description("1 for the execution provider each model runs on")
                    .tag("model", model)
                    .tag("provider", provider)
                    .register(registry);
        }
    }
}
