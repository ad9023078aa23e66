package io.affectstream.streams;

import io.affectstream.wire.Topic;
import io.affectstream.wire.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the pipeline's topics where they are missing. All get the same partition count so they are
 * co-partitioned; existing topics are left as they are (a cluster's KafkaTopic resources own them there).
 */
public final class TopicProvisioner {
    private TopicProvisioner() {
    }

    /**
     * @param adminProperties   admin client properties (bootstrap servers and any security settings)
     * @param partitions        partitions per topic: the most streams processed in parallel per stage
     * @param replicationFactor replication per topic, or -1 for the broker default
     */
    public static void ensureTopics(Map<String, Object> adminProperties, int partitions, short replicationFactor) {
        Properties props = new Properties();
        props.putAll(adminProperties);
        List<NewTopic> wanted = new ArrayList<>();
        for (Topic<?, ?> topic : Topics.all()) {
            wanted.add(new NewTopic(topic.name(), Optional.of(partitions),
                    replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor))
                    .configs(topic.topicConfigs()));
        }
        try (Admin admin = Admin.create(props)) {
            var results = admin.createTopics(wanted).values();
            for (var entry : results.entrySet()) {
                try {
                    entry.getValue().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic '" + entry.getKey() + "': "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topics on " + props.get("bootstrap.servers"), e);
        }
    }
}
