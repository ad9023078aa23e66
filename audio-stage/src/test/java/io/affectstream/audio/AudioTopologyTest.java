package io.affectstream.audio;

import io.affectstream.wire.AnalysisStatus;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AudioTopologyTest {
    private static final long T0 = 1_700_000_000_000L;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, AudioMessage> in;
    private TestOutputTopic<String, AudioAnalysisMessage> out;

    @BeforeEach
    void start() {
        AudioConfig config = new AudioConfig(Map.of("bootstrap.servers", "unused:9092"));
        AudioMetrics metrics = new AudioMetrics();
        metrics.bindTo(registry);
        driver = new TopologyTestDriver(AudioTopology.build(config, metrics, () -> T0 + 300),
                config.streamsProperties());
        in = driver.createInputTopic(Topics.AUDIO_CHUNKS.name(), Serdes.String().serializer(),
                Topics.AUDIO_CHUNKS.valueSerde().serializer());
        out = driver.createOutputTopic(Topics.AUDIO_AFFECT.name(), Serdes.String().deserializer(),
                Topics.AUDIO_AFFECT.valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void eachChunkBecomesOneSpanWithTheSameSamplePositionsAndNoInventedValues() {
        for (int i = 0; i < 4; i++) {
            AudioChunk chunk = new AudioChunk("s", i, i * 2205L, 44_100, 1, T0 + i * 50L, T0 + 10, new short[2205]);
            in.pipeInput(new TestRecord<>("s", chunk, Instant.ofEpochMilli(chunk.capturedAtMs())));
        }
        List<TestRecord<String, AudioAnalysisMessage>> records = out.readRecordsToList();
        assertEquals(4, records.size());
        for (int i = 0; i < 4; i++) {
            AudioAnalysis span = (AudioAnalysis) records.get(i).value();
            assertEquals(i * 2205L, span.sampleOffset());
            assertEquals(2205, span.sampleCount());
            assertEquals(T0 + i * 50L, records.get(i).timestamp());
            assertEquals(AnalysisStatus.NOT_ANALYSED, span.analysis().status());
            assertNull(span.speechProbability());
            assertNull(span.arousal());
            assertNull(span.valence());
        }
        assertEquals(0.2, registry.get("affect.audio.seconds").counter().count(), 1e-9);
    }

    @Test
    void theEndOfStreamIsForwardedUnchanged() {
        EndOfStream end = new EndOfStream("s", Modality.AUDIO, 0, T0, EndReason.NO_TRACK, "no audio");
        in.pipeInput(new TestRecord<>("s", end, Instant.ofEpochMilli(T0)));
        assertEquals(end, out.readValue());
    }
}
