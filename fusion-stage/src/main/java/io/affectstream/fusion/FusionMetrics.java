package io.affectstream.fusion;

import io.affectstream.streams.CountersByTag;
import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.AnalysisStatus;
import io.affectstream.wire.VisionFrame;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;

/**
 * Fusion stage meters, with p50/p99 on every timer:
 * <ul>
 *   <li>{@code affect.fusion.end_to_end}: capture → fused record (recorded when not negative, i.e. for live or
 *       paced sources; a file decoded faster than real time has capture times ahead of the clock);</li>
 *   <li>{@code affect.fusion.pipeline}: ingest publish → fused record;</li>
 *   <li>{@code affect.fusion.hop}: vision result → fused record (the fusion hop, alignment wait included);</li>
 *   <li>{@code affect.fusion.audio.wait}: how long frames waited for their audio;</li>
 *   <li>{@code affect.fusion.frames{audio}}: records published by audio status, and
 *       {@code affect.fusion.audio.missing}: frames that went out without the audio they waited for;</li>
 *   <li>{@code affect.fusion.duplicates{modality}}: vision results and audio spans seen before and dropped (what an
 *       at-least-once stage repeats after a crash).</li>
 * </ul>
 */
public final class FusionMetrics implements MeterBinder {
    private MeterRegistry registry;
    private Timer endToEnd;
    private Timer pipeline;
    private Timer hop;
    private Timer audioWait;
    private Counter audioMissing;
    private CountersByTag frames;
    private CountersByTag duplicates;

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        endToEnd = timer("affect.fusion.end_to_end", "capture to fused record, wall clock");
        pipeline = timer("affect.fusion.pipeline", "ingest publish to fused record, wall clock");
        hop = timer("affect.fusion.hop", "vision result to fused record, wall clock");
        audioWait = timer("affect.fusion.audio.wait", "time frames waited for the audio covering them");
        audioMissing = Counter.builder("affect.fusion.audio.missing")
                .description("frames published without audio because it was late or had a gap").register(registry);
        frames = new CountersByTag(registry, "affect.fusion.frames", "affect records published", "audio", null);
        duplicates = new CountersByTag(registry, "affect.fusion.duplicates",
                "vision results and audio spans seen before and dropped", "modality", null);
    }

    void duplicateDropped(String modality) {
        duplicates.get(modality).increment();
    }

    private Timer timer(String name, String description) {
        return Timer.builder(name).description(description).publishPercentiles(0.5, 0.99)
                .distributionStatisticExpiry(Duration.ofMinutes(2)).register(registry);
    }

    void audioWaited(VisionFrame frame, long waitedMs, AnalysisStatus status) {
        audioWait.record(Duration.ofMillis(Math.max(0, waitedMs)));
        if (status == AnalysisStatus.MISSING) {
            audioMissing.increment();
        }
    }

    void framePublished(AffectFrame frame) {
        frames.get(frame.audio().analysis().status().wireName()).increment();
        AffectFrame.Timing t = frame.timing();
        if (t.endToEndMs() >= 0) {
            endToEnd.record(Duration.ofMillis(t.endToEndMs()));
        }
        pipeline.record(Duration.ofMillis(Math.max(0, t.pipelineMs())));
        hop.record(Duration.ofMillis(Math.max(0, t.fusedAtMs() - t.visionAtMs())));
    }
}
