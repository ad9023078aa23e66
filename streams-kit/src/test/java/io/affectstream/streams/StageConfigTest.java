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
    void badValuesNameTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> config(Map.of("bootstrap.servers", "b:9092",
                "processing.guarantee", "exactly_once_v9")));
        assertTrue(e.getMessage().contains("processing.guarantee"), e.getMessage());
        assertThrows(ConfigException.class, () -> config(Map.of()));
    }
}
