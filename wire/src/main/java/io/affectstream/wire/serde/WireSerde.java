package io.affectstream.wire.serde;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Base of every value serde: null maps to null both ways (tombstones), anything else goes through
 * {@link #encode}/{@link #decode}, and a payload that cannot be read raises a
 * {@link org.apache.kafka.common.errors.SerializationException} naming the topic and what is wrong, which
 * Kafka Streams' deserialization handler then routes (log and skip, or the dead-letter topic).
 */
public abstract class WireSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    protected abstract byte[] encode(T value);

    protected abstract T decode(String topic, byte[] data);

    @Override
    public final byte[] serialize(String topic, T value) {
        return value == null ? null : encode(value);
    }

    @Override
    public final T deserialize(String topic, byte[] data) {
        return data == null ? null : decode(topic, data);
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // stateless: nothing to configure
    }

    @Override
    public void close() {
        // stateless: nothing to release
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }
}
