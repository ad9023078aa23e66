package io.affectstream.streams;

import io.affectstream.wire.Topics;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StageConfigTest {
    private static StageConfig config(Map<String, Object> props) {
        return new StageConfig(StageConfig.define("affect-test"), props);
    }

    @Test
    void exactlyOnceV2AndTheDeadLetterTopicAreTheDefaults() {
        Properties props = config(Map.of("bootstrap.servers", "b:9092")).streamsProperties();
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals("affect-test", props.get(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals(100L, props.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
        assertEquals(Topics.DEAD_LETTERS.name(), props.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG));
        assertEquals(Topics.MAX_MEDIA_RECORD_BYTES, props.get("consumer.max.partition.fetch.bytes"));
        // the properties must be acceptable to Kafka Streams itself
        new StreamsConfig(props);
    }

    @Test
    void clientPropertiesPassThroughAndUserChoicesWin() {
        Properties props = config(Map.of("bootstrap.servers", "b:9092", "security.protocol", "SSL",
                "processing.guarantee", "at_least_once", "producer.linger.ms", "20")).streamsProperties();
        assertEquals("SSL", props.get("security.protocol"));
        assertEquals("at_least_once", props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals("20", props.get("producer.linger.ms"));
    }

    @Test
    void theLowLatencyProfileIsAtLeastOnceWithoutLingerAndExplicitKeysStillWin() {
        Properties props = config(Map.of("bootstrap.servers", "b:9092", "delivery", "low-latency")).streamsProperties();
        assertEquals(StreamsConfig.AT_LEAST_ONCE, props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals(1000L, props.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
        assertEquals(0, props.get("producer.linger.ms"));
        assertEquals(null, props.get("delivery"), "not a Kafka key: it stays with the stage");
        new StreamsConfig(props);

        Properties chosen = config(Map.of("bootstrap.servers", "b:9092", "delivery", "low-latency",
                "processing.guarantee", "exactly_once_v2", "commit.interval.ms", "50")).streamsProperties();
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, chosen.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals(50L, chosen.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
    }

    @Test
    void badValuesNameTheKey() {
        ConfigException delivery = assertThrows(ConfigException.class, () -> config(Map.of("bootstrap.servers",
                "b:9092", "delivery", "fast")));
        assertTrue(delivery.getMessage().contains("delivery"), delivery.getMessage());
        ConfigException interval = assertThrows(ConfigException.class, () -> config(Map.of("bootstrap.servers",
                "b:9092", "commit.interval.ms", "0")));
        assertTrue(interval.getMessage().contains("commit.interval.ms"), interval.getMessage());
        ConfigException e = assertThrows(ConfigException.class, () -> config(Map.of("bootstrap.servers", "b:9092",
                "processing.guarantee", "exactly_once_v9")));
        assertTrue(e.getMessage().contains("processing.guarantee"), e.getMessage());
        assertThrows(ConfigException.class, () -> config(Map.of()));
    }
}
