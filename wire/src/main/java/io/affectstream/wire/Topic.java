package io.affectstream.wire;

import org.apache.kafka.common.serialization.Serde;

import java.util.Map;
import java.util.Objects;

/**
 * A topic of the pipeline with its serdes and the topic-level configs it is created with.
 *
 * @param name         topic name
 * @param keySerde     key serde (the stream id for every pipeline topic)
 * @param valueSerde   value serde
 * @param topicConfigs topic configs to set on creation (retention, maximum message size)
 * @param description  what flows on it, for docs and manifests
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, Map<String, String> topicConfigs,
                          String description) {
    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        topicConfigs = Map.copyOf(topicConfigs);
    }
}
