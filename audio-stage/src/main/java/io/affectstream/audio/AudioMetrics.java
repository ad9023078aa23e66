package io.affectstream.audio;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Audio stage meters: seconds of audio handled by status, seconds of speech, the ingest → audio latency, and per
 * model the inference time ({@code affect.inference{model}}) and the execution provider it runs on
 * ({@code affect.inference.provider{model, provider}} = 1).
 */
public final class AudioMetrics implements MeterBinder {
    private MeterRegistry registry;
    private Timer latency;
    private Counter speech;
    private final Map<String, Timer> inference = new ConcurrentHashMap<>();
    private final Set<String> providers = ConcurrentHashMap.newKeySet();

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        latency = Timer.builder("affect.audio.latency")
                .description("ingest publish to audio result, wall clock")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        speech = Counter.builder("affect.audio.speech.seconds")
                .description("seconds of audio whose speech probability reached audio.vad.threshold")
                .baseUnit("seconds")
                .register(registry);
    }

    void chunkDone(String status, double seconds, long ingestedAtMs, long doneAtMs) {
        Counter.builder("affect.audio.seconds").description("seconds of audio handled").baseUnit("seconds")
                .tag("status", status).register(registry).increment(seconds);
        latency.record(Duration.ofMillis(Math.max(0, doneAtMs - ingestedAtMs)));
    }

    void speech(double seconds) {
        speech.increment(seconds);
    }

    /** The inference timer of {@code model} (a short fixed id such as {@code silero-vad}). */
    Timer inference(String model) {
        return inference.computeIfAbsent(model, m -> Timer.builder("affect.inference")
                .description("one model run, wall clock")
                .tag("model", m)
                .publishPercentiles(0.5, 0.99)
                .register(registry));
    }

    /** Records which execution provider runs {@code model}. */
    void modelLoaded(String model, String provider) {
        if (!providers.add(model + "/" + provider)) {
            return; // reopened after the stage's tasks moved: the gauge is already there
        }
        Gauge.builder("affect.inference.provider", () -> 1)
                .description("1 for the execution provider each model runs on")
                .tag("model", model)
                .tag("provider", provider)
                .register(registry);
    }
}
