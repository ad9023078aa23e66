package io.affectstream.audio;

import io.affectstream.streams.CountersByTag;
import io.affectstream.streams.InferenceMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;

/**
 * Audio stage meters: seconds of audio handled by status, seconds of speech, the ingest → audio latency, and per
 * model the inference time ({@code affect.inference{model}}) and the execution provider it runs on
 * ({@code affect.inference.provider{model, provider}} = 1).
 */
public final class AudioMetrics implements MeterBinder {
    private Timer latency;
    private Counter speech;
    private CountersByTag seconds;
    private InferenceMeters inference;

    @Override
    public void bindTo(MeterRegistry registry) {
        latency = Timer.builder("affect.audio.latency")
                .description("ingest publish to audio result, wall clock")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        speech = Counter.builder("affect.audio.speech.seconds")
                .description("seconds of audio whose speech probability reached audio.vad.threshold")
                .baseUnit("seconds")
                .register(registry);
        seconds = new CountersByTag(registry, "affect.audio.seconds", "seconds of audio handled", "status", "seconds");
        inference = new InferenceMeters(registry);
    }

    void chunkDone(String status, double chunkSeconds, long ingestedAtMs, long doneAtMs) {
        seconds.get(status).increment(chunkSeconds);
        latency.record(Duration.ofMillis(Math.max(0, doneAtMs - ingestedAtMs)));
    }

    void speech(double seconds) {
        speech.increment(seconds);
    }

    /** The inference timer of {@code model} (a short fixed id such as {@code silero-vad}). */
    Timer inference(String model) {
        return inference.timer(model);
    }

    /** Records which execution provider runs {@code model}. */
    void modelLoaded(String model, String provider) {
        inference.provider(model, provider);
    }
}
