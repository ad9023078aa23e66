package io.affectstream.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/** Ingest's meters: frames and samples published, frame sizes on the wire, decode and encode time. */
public final class IngestMetrics implements MeterBinder {
    private Counter frames;
    private Counter samples;
    private DistributionSummary frameBytes;
    private Timer decode;
    private Timer encode;

    @Override
    public void bindTo(MeterRegistry registry) {
        frames = Counter.builder("affect.ingest.frames").description("video frames published").register(registry);
        samples = Counter.builder("affect.ingest.audio.samples").description("audio samples published")
                .baseUnit("samples").register(registry);
        frameBytes = DistributionSummary.builder("affect.ingest.frame.bytes")
                .description("encoded frame size on the wire").baseUnit("bytes").register(registry);
        decode = Timer.builder("affect.ingest.decode").description("time to decode and scale one item")
                .register(registry);
        encode = Timer.builder("affect.ingest.encode").description("time to JPEG-encode one frame")
                .register(registry);
    }

    void framePublished(int bytes) {
        frames.increment();
        frameBytes.record(bytes);
    }

    void samplesPublished(int count) {
        samples.increment(count);
    }

    Timer decode() {
        return decode;
    }

    Timer encode() {
        return encode;
    }
}
