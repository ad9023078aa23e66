package io.affectstream.vision;

import io.affectstream.wire.AnalysisStatus;
import io.affectstream.wire.EndOfStream;
import io.affectstream.wire.EndReason;
import io.affectstream.wire.ImageEncoding;
import io.affectstream.wire.Modality;
import io.affectstream.wire.Topics;
import io.affectstream.wire.VideoFrame;
import io.affectstream.wire.VideoMessage;
import io.affectstream.wire.VisionFrame;
import io.affectstream.wire.VisionMessage;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

class VisionTopologyTest {
    private static final long T0 = 1_700_000_000_000L;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, VideoMessage> in;
    private TestOutputTopic<String, VisionMessage> out;

    @BeforeEach
    void start() {
        VisionConfig config = new VisionConfig(Map.of("bootstrap.servers", "unused:9092"));
        VisionMetrics metrics = new VisionMetrics();
        metrics.bindTo(registry);
        driver = new TopologyTestDriver(VisionTopology.build(config, metrics, () -> T0 + 500),
                config.streamsProperties());
        in = driver.createInputTopic(Topics.VIDEO_FRAMES.name(), Serdes.String().serializer(),
                Topics.VIDEO_FRAMES.valueSerde().serializer());
        out = driver.createOutputTopic(Topics.VISION_FRAMES.name(), Serdes.String().deserializer(),
                Topics.VISION_FRAMES.valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static VideoFrame frame(long index) {
        return new VideoFrame("s", index, index * 40_000, T0 + index * 40, T0 + 100 + index, 640, 360, 1280, 720, true,
                ImageEncoding.JPEG, new byte[] {1, 2, 3});
    }

    @Test
    void everyFrameComesOutOnceInOrderWithItsCaptureTimestampAndNoInventedFaces() {
        for (long i = 0; i < 3; i++) {
            in.pipeInput(new TestRecord<>("s", frame(i), Instant.ofEpochMilli(T0 + i * 40)));
        }
        List<TestRecord<String, VisionMessage>> records = out.readRecordsToList();
        assertEquals(3, records.size());
        for (int i = 0; i < 3; i++) {
            VisionFrame result = (VisionFrame) records.get(i).value();
            assertEquals(i, result.frameIndex());
            assertEquals(T0 + i * 40L, records.get(i).timestamp());
            assertEquals(AnalysisStatus.NOT_ANALYSED, result.analysis().status());
            assertTrue(result.faces().isEmpty());
            assertEquals(1280, result.sourceWidth());
            assertEquals(T0 + 500, result.visionAtMs());
        }
        assertEquals(3.0, registry.get("affect.vision.frames").tag("status", "not_analysed").counter().count());
    }

    @Test
    void theEndOfStreamIsForwardedUnchanged() {
        EndOfStream end = new EndOfStream("s", Modality.VIDEO, 3, T0 + 80, EndReason.COMPLETED, null);
        in.pipeInput(new TestRecord<>("s", end, Instant.ofEpochMilli(T0 + 80)));
        assertEquals(end, out.readValue());
    }

    @Test
    void aCorruptRecordIsSkippedAndTheNextFrameStillComesThrough() {
        driver.createInputTopic(Topics.VIDEO_FRAMES.name(), Serdes.String().serializer(),
                        Serdes.ByteArray().serializer())
                .pipeInput("s", new byte[] {9, 9, 9}, Instant.ofEpochMilli(T0));
        in.pipeInput(new TestRecord<>("s", frame(0), Instant.ofEpochMilli(T0)));
        assertEquals(0, ((VisionFrame) out.readValue()).frameIndex());
        assertTrue(out.isEmpty());
    }
}
