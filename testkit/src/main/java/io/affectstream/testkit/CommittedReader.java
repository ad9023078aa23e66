package io.affectstream.testkit;

import io.affectstream.wire.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

/** Reads a topic from the beginning with {@code read_committed}, as downstream subscribers do. */
public final class CommittedReader {
    private CommittedReader() {
    }

    /**
     * Reads records of {@code topic} from the start until {@code done} accepts one of them or {@code timeout} passes.
     *
     * @return every record read, in partition order
     * @throws AssertionError when the timeout passes first
     */
    public static <K, V> List<ConsumerRecord<K, V>> readUntil(String bootstrapServers, Topic<K, V> topic,
                                                                Predicate<V> done, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, io.affectstream.wire.Topics.MAX_MEDIA_RECORD_BYTES);
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic.name())) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(record);
                    if (done.test(record.value())) {
                        return records;
                    }
                }
            }
        }
        throw new AssertionError("timed out after " + timeout + " reading " + topic.name() + "; got "
                + records.size() + " records");
    }
}
