package io.affectstream.streams;

import io.affectstream.wire.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;

import java.util.Map;
import java.util.Properties;

/**
 * Configuration shared by the Kafka Streams stages. Keys are declared once, in {@link #define}, with type,
 * default, validation and a one-line doc; a stage's own config extends the definition with its keys.
 *
 * <p>Every key that is not ours is passed to Kafka Streams (and through it to its clients) unchanged, so any
 * client property (security, timeouts, ...) can be set from a properties file.
 */
public class StageConfig extends AbstractConfig {
    public static final String BOOTSTRAP_SERVERS = StreamsConfig.BOOTSTRAP_SERVERS_CONFIG;
    public static final String APPLICATION_ID = StreamsConfig.APPLICATION_ID_CONFIG;
    public static final String PROCESSING_GUARANTEE = StreamsConfig.PROCESSING_GUARANTEE_CONFIG;
    public static final String COMMIT_INTERVAL_MS = StreamsConfig.COMMIT_INTERVAL_MS_CONFIG;
    public static final String STATE_DIR = StreamsConfig.STATE_DIR_CONFIG;
    public static final String NUM_STREAM_THREADS = StreamsConfig.NUM_STREAM_THREADS_CONFIG;
    public static final String REPLICATION_FACTOR = StreamsConfig.REPLICATION_FACTOR_CONFIG;
    public static final String DELIVERY = "delivery";
    /** Every record processed once, visible downstream at each commit: the default, for clusters and files. */
    public static final String EXACTLY_ONCE = "exactly-once";
    /**
     * At-least-once with records passed on as soon as they are made: for live sources, where a frame should not wait
     * for a commit at every hop. A record repeated after a crash is dropped by fusion (by stream and frame index).
     */
    public static final String LOW_LATENCY = "low-latency";

    // unset (null) means: the delivery profile's default
    private static final ConfigDef.Validator POSITIVE_OR_UNSET = ConfigDef.LambdaValidator.with((name, value) -> {
        if (value != null && (Long) value < 1) {
            throw new org.apache.kafka.common.config.ConfigException(name, value, "must be at least 1");
        }
    }, () -> "[1,...] or unset");

    public StageConfig(ConfigDef definition, Map<?, ?> originals) {
        super(definition, originals, false);
    }

    /** The common keys, with {@code defaultApplicationId} as the stage's default consumer group / app id. */
    public static ConfigDef define(String defaultApplicationId) {
        return new ConfigDef()
                .define(BOOTSTRAP_SERVERS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                        Importance.HIGH, "Kafka brokers to connect to, host:port[,host:port...].")
                .define(APPLICATION_ID, Type.STRING, defaultApplicationId, new ConfigDef.NonEmptyString(),
                        Importance.HIGH, "Kafka Streams application id: consumer group, transactional id and internal topic prefix.")
                .define(DELIVERY, Type.STRING, EXACTLY_ONCE, ConfigDef.ValidString.in(EXACTLY_ONCE, LOW_LATENCY),
                        Importance.HIGH, "Delivery profile: exactly-once (transactions; each hop adds up to a commit"
                                + " interval) or low-latency (at-least-once, no linger, records passed on at once;"
                                + " fusion drops repeats). Sets the defaults of the two keys below.")
                .define(PROCESSING_GUARANTEE, Type.STRING, null,
                        ConfigDef.ValidString.in(null, StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE),
                        Importance.MEDIUM, "exactly_once_v2 or at_least_once (default: from the delivery profile).")
                .define(COMMIT_INTERVAL_MS, Type.LONG, null, POSITIVE_OR_UNSET, Importance.MEDIUM,
                        "How often results are committed; under exactly-once, the latency each stage adds at most"
                                + " (default: 100 for exactly-once, 1000 for low-latency, where it adds none).")
                .define(STATE_DIR, Type.STRING, System.getProperty("java.io.tmpdir") + "/affect-streams",
                        Importance.MEDIUM, "Directory for local state stores.")
                .define(NUM_STREAM_THREADS, Type.INT, 1, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                        "Processing threads; more than the partition count gives nothing.")
                .define(REPLICATION_FACTOR, Type.INT, -1, ConfigDef.Range.atLeast(-1), Importance.LOW,
                        "Replication of internal topics (-1: the broker's default).");
    }

    public String applicationId() {
        return getString(APPLICATION_ID);
    }

    /**
     * Properties for {@code new KafkaStreams(...)}: every original (so client properties pass through), then
     * the settings this pipeline needs unless the user set them: unreadable records logged and sent to the
     * dead-letter topic instead of stopping the stage, media-sized fetches and requests, and a short producer
     * linger because each stage is on the latency path.
     */
    public Properties streamsProperties() {
        Properties props = new Properties();
        props.putAll(originals());
        props.put(BOOTSTRAP_SERVERS, String.join(",", getList(BOOTSTRAP_SERVERS)));
        props.put(APPLICATION_ID, applicationId());
        boolean lowLatency = lowLatency();
        props.put(PROCESSING_GUARANTEE, processingGuarantee());
        props.put(COMMIT_INTERVAL_MS, getLong(COMMIT_INTERVAL_MS) != null ? getLong(COMMIT_INTERVAL_MS)
                : lowLatency ? 1000L : 100L);
        props.remove(DELIVERY);
        props.put(STATE_DIR, getString(STATE_DIR));
        props.put(NUM_STREAM_THREADS, getInt(NUM_STREAM_THREADS));
        props.put(REPLICATION_FACTOR, getInt(REPLICATION_FACTOR));
        props.putIfAbsent(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class.getName());
        props.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueProcessingExceptionHandler.class.getName());
        props.putIfAbsent(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DEAD_LETTERS.name());
        props.putIfAbsent(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
                Topics.MAX_MEDIA_RECORD_BYTES);
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                Topics.MAX_MEDIA_RECORD_BYTES);
        // each stage is on the latency path: a short linger, none at all in the low-latency profile
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), lowLatency ? 0 : 5);
        return props;
    }

    /** Whether the low-latency delivery profile is chosen. */
    public boolean lowLatency() {
        return LOW_LATENCY.equals(getString(DELIVERY));
    }

    /** The processing guarantee: as set, else the delivery profile's. */
    public String processingGuarantee() {
        String set = getString(PROCESSING_GUARANTEE);
        return set != null ? set : lowLatency() ? StreamsConfig.AT_LEAST_ONCE : StreamsConfig.EXACTLY_ONCE_V2;
    }
}
