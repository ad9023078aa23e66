package io.affectstream.k8s;

import io.affectstream.audio.AudioConfig;
import io.affectstream.audio.AudioMetrics;
import io.affectstream.audio.AudioTopology;
import io.affectstream.fusion.FusionConfig;
import io.affectstream.fusion.FusionMetrics;
import io.affectstream.fusion.FusionTopology;
import io.affectstream.streams.StageConfig;
import io.affectstream.vision.VisionConfig;
import io.affectstream.vision.VisionMetrics;
import io.affectstream.vision.VisionTopology;
import io.affectstream.wire.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a stage reads, writes and owns in Kafka, taken from the stage's real Kafka Streams topology and config
 * (not from a hand-written list), so that the manifests' ACLs and autoscalers follow the code.
 *
 * @param stage          the CLI subcommand: ingest, vision, audio or fusion
 * @param applicationId  Kafka Streams application id (consumer group, transactional id and internal topic
 *                       prefix); null for ingest, a plain producer
 * @param inputs         source topics
 * @param outputs        sink topics, the dead-letter topic included
 * @param internalTopics the state store changelog topics Kafka Streams creates (all prefixed by the app id)
 */
record StageContract(String stage, String applicationId, Set<String> inputs, Set<String> outputs,
                     Set<String> internalTopics) {

    static final Set<String> STREAMS_STAGES = Set.of("vision", "audio", "fusion");

    /** The default application id of a Kafka Streams stage, from its config class. */
    static String defaultApplicationId(String stage) {
        return configWithId(stage, null).applicationId();
    }

    /** The contract of {@code stage} running with {@code applicationId} (null: the stage's default). */
    static StageContract of(String stage, String applicationId) {
        if (stage.equals("ingest")) {
            // IngestApp is a plain idempotent producer of the two media topics (no group, no transactions).
            return new StageContract(stage, null, Set.of(),
                    Set.of(Topics.VIDEO_FRAMES.name(), Topics.AUDIO_CHUNKS.name()), Set.of());
        }
        StageConfig config = configWithId(stage, applicationId);
        Topology topology = switch (stage) {
            case "vision" -> {
                VisionMetrics metrics = new VisionMetrics();
                metrics.bindTo(new SimpleMeterRegistry());
                yield VisionTopology.build((VisionConfig) config, metrics, () -> 0L);
            }
            case "audio" -> {
                AudioMetrics metrics = new AudioMetrics();
                metrics.bindTo(new SimpleMeterRegistry());
                yield AudioTopology.build((AudioConfig) config, metrics, () -> 0L);
            }
            case "fusion" -> {
                FusionMetrics metrics = new FusionMetrics();
                metrics.bindTo(new SimpleMeterRegistry());
                yield FusionTopology.build((FusionConfig) config, metrics, () -> 0L);
            }
            default -> throw new IllegalArgumentException("unknown stage '" + stage + "'");
        };
        String appId = config.applicationId();
        Set<String> inputs = new TreeSet<>();
        Set<String> outputs = new TreeSet<>();
        Set<String> stores = new TreeSet<>();
        TopologyDescription description = topology.describe();
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    if (source.topicSet() == null) {
                        throw new IllegalStateException(stage + ": source " + source.name()
                                + " subscribes by pattern; ACLs need literal topics");
                    }
                    inputs.addAll(source.topicSet());
                } else if (node instanceof TopologyDescription.Sink sink) {
                    if (sink.topic() == null) {
                        throw new IllegalStateException(stage + ": sink " + sink.name()
                                + " chooses its topic per record; ACLs need literal topics");
                    }
                    outputs.add(sink.topic());
                } else if (node instanceof TopologyDescription.Processor processor) {
                    stores.addAll(processor.stores());
                }
            }
        }
        if (!description.globalStores().isEmpty()) {
            throw new IllegalStateException(stage + ": global stores are not covered by the ACL model");
        }
        Object deadLetters = config.streamsProperties().get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (deadLetters != null) {
            outputs.add(deadLetters.toString());
        }
        // Internal repartition topics would show up as sinks and sources named <app id>-...-repartition.
        Set<String> internal = new TreeSet<>();
        for (String store : stores) {
            internal.add(appId + "-" + store + "-changelog");
        }
        inputs.removeIf(t -> t.startsWith(appId + "-"));
        for (String t : Set.copyOf(outputs)) {
            if (t.startsWith(appId + "-")) {
                outputs.remove(t);
                internal.add(t);
            }
        }
        return new StageContract(stage, appId, Set.copyOf(inputs), Set.copyOf(outputs), Set.copyOf(internal));
    }

    private static StageConfig configWithId(String stage, String applicationId) {
        Map<String, Object> props = new HashMap<>();
        props.put(StageConfig.BOOTSTRAP_SERVERS, "kafka.invalid:9093");
        if (applicationId != null) {
            props.put(StageConfig.APPLICATION_ID, applicationId);
        }
        return config(stage, props);
    }

    /** The stage's config class over these properties: it validates every key it declares. */
    static StageConfig config(String stage, Map<String, ?> props) {
        return switch (stage) {
            case "vision" -> new VisionConfig(props);
            case "audio" -> new AudioConfig(props);
            case "fusion" -> new FusionConfig(props);
            default -> throw new IllegalArgumentException("'" + stage + "' is not a Kafka Streams stage");
        };
    }
}
