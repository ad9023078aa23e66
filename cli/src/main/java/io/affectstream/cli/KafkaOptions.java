package io.affectstream.cli;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** Options every Kafka-facing subcommand shares. */
final class KafkaOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka cluster to use. `run` starts an embedded single-node broker when absent.")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Properties file of extra Kafka client/Streams settings (security, timeouts, ...), passed through.")
    Path kafkaConfig;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "1",
            description = "Partitions per topic when this command creates topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "-1",
            description = "Replication of topics this command creates (-1: the broker default).")
    short replicationFactor;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A stage setting, repeatable, applied over --kafka-config: e.g. vision.expressions=face-api,"
                    + " vision.landmarks=none, vision.sequence.model=gru.onnx, vision.au.thresholds=t.json"
                    + " (every key: docs/operations.md).")
    Map<String, String> settings = new java.util.LinkedHashMap<>();

    /** The pass-through properties, with the bootstrap servers (when given) on top. */
    Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>();
        if (kafkaConfig != null) {
            Properties file = new Properties();
            try (Reader reader = Files.newBufferedReader(kafkaConfig)) {
                file.load(reader);
            } catch (IOException e) {
                throw new CliError("cannot read --kafka-config '" + kafkaConfig + "': " + e.getMessage(), ExitCodes.USAGE);
            }
            file.forEach((k, v) -> props.put(k.toString(), v));
        }
        props.putAll(settings);
        if (bootstrapServers != null) {
            props.put("bootstrap.servers", bootstrapServers);
        }
        return props;
    }

    /** Bootstrap servers from the option or the config file; an error when neither has them. */
    String requireBootstrapServers() {
        Object servers = clientProperties().get("bootstrap.servers");
        if (servers == null || servers.toString().isBlank()) {
            throw new CliError("--bootstrap-servers is required (or bootstrap.servers in --kafka-config)",
                    ExitCodes.USAGE);
        }
        return servers.toString();
    }
}
