package io.affectstream.testkit;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.util.Map;

/**
 * A single-node KRaft Kafka cluster (one combined broker/controller) inside this JVM, on an ephemeral port.
 * Used by the integration tests and by {@code run} when no {@code --bootstrap-servers} is given.
 * Its log directories are temporary and removed by {@link #close()}.
 *
 * <p>A lone broker cannot meet the production replication settings, so the internal topics are created with
 * replication factor 1 and min ISR 1 (without that, exactly-once transactions hang), with few partitions so the
 * broker starts in about two seconds.
 */
public final class EmbeddedKafka implements AutoCloseable {
    /** Broker overrides a single node needs; never use them against a real cluster. */
    public static final Map<String, String> SINGLE_NODE_OVERRIDES = Map.of(
            "offsets.topic.replication.factor", "1",
            "offsets.topic.num.partitions", "4",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "transaction.state.log.num.partitions", "4",
            "group.initial.rebalance.delay.ms", "0",
            "auto.create.topics.enable", "false",
            // run bounds its media topics by size (raw frames): check every 30 s, not every 5 minutes
            "log.retention.check.interval.ms", "30000",
            "message.max.bytes", Integer.toString(io.affectstream.wire.Topics.MAX_MEDIA_RECORD_BYTES));

    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Formats and starts the broker, returning once it accepts clients. */
    public static EmbeddedKafka start() {
        try {
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build());
            SINGLE_NODE_OVERRIDES.forEach(builder::setConfigProp);
            KafkaClusterTestKit cluster = builder.build();
            try {
                formatQuietly(cluster);
                cluster.startup();
                cluster.waitForReadyBrokers();
            } catch (Exception | Error e) {
                cluster.close();
                throw e;
            }
            return new EmbeddedKafka(cluster);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded Kafka broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    // The storage formatter prints to System.out, which `run` may be using for JSON lines: keep it off stdout.
    private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        java.io.PrintStream stdout = System.out;
        synchronized (System.class) {
            System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            try {
                cluster.format();
            } finally {
                System.setOut(stdout);
            }
        }
    }

    /** {@code host:port} of the broker (an ephemeral port: always ask, never assume). */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the embedded Kafka broker cleanly: " + e.getMessage(), e);
        }
    }
}
