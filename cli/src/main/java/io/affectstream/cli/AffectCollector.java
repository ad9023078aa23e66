package io.affectstream.cli;

import io.affectstream.wire.AffectMessage;
import io.affectstream.wire.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the public affect topic as a subscriber does ({@code read_committed}), from the current end of every
 * partition, keeping the records of one stream.
 */
final class AffectCollector implements AutoCloseable {
    private final KafkaConsumer<String, AffectMessage> consumer;
    private final String streamId;

    /** Positions at the end of the topic now, so that nothing published after this call is missed. */
    AffectCollector(Map<String, Object> clientProperties, String streamId) {
        Map<String, Object> props = new java.util.HashMap<>(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.streamId = streamId;
        this.consumer = new KafkaConsumer<>(props, Topics.AFFECT_FRAMES.keySerde().deserializer(),
                Topics.AFFECT_FRAMES.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.AFFECT_FRAMES.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** The stream's records that arrived within {@code timeout}, in order. */
    List<AffectMessage> poll(Duration timeout) {
        List<AffectMessage> out = new ArrayList<>();
        for (ConsumerRecord<String, AffectMessage> record : consumer.poll(timeout)) {
            if (streamId.equals(record.key()) && record.value() != null) {
                out.add(record.value());
            }
        }
        return out;
    }

    @Override
    public void close() {
        consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
