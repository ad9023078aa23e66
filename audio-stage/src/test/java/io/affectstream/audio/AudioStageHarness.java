package io.affectstream.audio;

import io.affectstream.wire.AudioAnalysis;
import io.affectstream.wire.AudioAnalysisMessage;
import io.affectstream.wire.AudioChunk;
import io.affectstream.wire.AudioMessage;
import io.affectstream.wire.EndOfStream;
import io.affectstream.wire.EndReason;
import io.affectstream.wire.Modality;
import io.affectstream.wire.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The audio topology in a {@link TopologyTestDriver}, fed chunks with explicit timestamps. */
final class AudioStageHarness implements AutoCloseable {
    static final long T0 = 1_700_000_000_000L;

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final AudioConfig config;
    final AudioMetrics metrics = new AudioMetrics();
    final AudioModels models;
    final TopologyTestDriver driver;
    final TestInputTopic<String, AudioMessage> in;
    final TestOutputTopic<String, AudioAnalysisMessage> out;

    AudioStageHarness(Map<String, Object> settings) {
        this(settings, null);
    }

    /** With {@code models} null, the models the settings name are opened (and closed with the harness). */
    AudioStageHarness(Map<String, Object> settings, AudioModels models) {
        Map<String, Object> props = new HashMap<>(settings);
        props.putIfAbsent("bootstrap.servers", "unused:9092");
        config = new AudioConfig(props);
        metrics.bindTo(registry);
        this.models = models != null ? models : AudioModels.load(config, metrics);
        driver = new TopologyTestDriver(AudioTopology.build(config, this.models, metrics, () -> T0 + 1_000_000),
                config.streamsProperties());
        in = driver.createInputTopic(Topics.AUDIO_CHUNKS.name(), Serdes.String().serializer(),
                Topics.AUDIO_CHUNKS.valueSerde().serializer());
        out = driver.createOutputTopic(Topics.AUDIO_AFFECT.name(), Serdes.String().deserializer(),
                Topics.AUDIO_AFFECT.valueSerde().deserializer());
    }

    void pipe(AudioMessage message, long timestampMs) {
        in.pipeInput(new TestRecord<>(message.streamId(), message, Instant.ofEpochMilli(timestampMs)));
    }

    void pipe(List<AudioChunk> chunks) {
        chunks.forEach(c -> pipe(c, c.capturedAtMs()));
    }

    void end(String streamId, long samples, long atMs) {
        pipe(new EndOfStream(streamId, Modality.AUDIO, samples, atMs, EndReason.COMPLETED, null), atMs);
    }

    List<TestRecord<String, AudioAnalysisMessage>> records() {
        return out.readRecordsToList();
    }

    List<AudioAnalysis> analyses() {
        return records().stream().map(TestRecord::value).filter(AudioAnalysis.class::isInstance)
                .map(AudioAnalysis.class::cast).toList();
    }

    @Override
    public void close() {
        driver.close();
        models.close();
    }
}
