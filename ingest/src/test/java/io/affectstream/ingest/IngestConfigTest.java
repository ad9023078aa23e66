package io.affectstream.ingest;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestConfigTest {
    @Test
    void defaultsMatchTheDocumentedContract() {
        IngestConfig config = new IngestConfig(Map.of("bootstrap.servers", "b:9092", "input", "/clips/My Clip.mp4"));
        assertEquals(640, config.analysisMaxSide());
        assertEquals(85, config.jpegQuality());
        assertEquals(50, config.audioChunkMs());
        assertFalse(config.realtime());
        assertTrue(config.streamId().matches("my-clip-[0-9a-f]{8}"), config.streamId());
    }

    @Test
    void streamIdsFromUrlsUseTheLastPathSegment() {
        assertTrue(IngestConfig.defaultStreamId("rtsp://cam.local:554/live/front?x=1").startsWith("front-"));
        assertTrue(IngestConfig.defaultStreamId("/dev/video0").startsWith("video0-"));
        assertTrue(IngestConfig.defaultStreamId("http://host/").startsWith("stream-"));
    }

    @Test
    void badValuesAreRejectedNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> new IngestConfig(
                Map.of("bootstrap.servers", "b:9092", "input", "a.mp4", "jpeg.quality", "101")));
        assertTrue(e.getMessage().contains("jpeg.quality"), e.getMessage());
        assertThrows(ConfigException.class, () -> new IngestConfig(Map.of("bootstrap.servers", "b:9092")));
    }

    @Test
    void unknownKeysPassThroughToTheProducer() {
        IngestConfig config = new IngestConfig(Map.of("bootstrap.servers", "b:9092", "input", "a.mp4",
                "security.protocol", "SSL", "acks", "1"));
        Map<String, Object> producer = config.producerProperties();
        assertEquals("SSL", producer.get("security.protocol"));
        assertEquals("1", producer.get("acks"));
        assertFalse(producer.containsKey("input"));
    }
}
