package io.affectstream.cli;

import io.affectstream.audio.AudioApp;
import io.affectstream.fusion.FusionApp;
import io.affectstream.streams.StageConfig;
import io.affectstream.streams.StageRunner;
import io.affectstream.streams.TopicProvisioner;
import io.affectstream.vision.VisionApp;
import io.micrometer.core.instrument.MeterRegistry;
import io.affectstream.streams.StageHttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;

/** Runs one Kafka Streams stage against a cluster until SIGTERM: how a cluster deployment runs it. */
abstract class StageCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--application-id", paramLabel = "ID",
            description = "Kafka Streams application id (default: affect-<stage>); instances with one id share the work.")
    String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Local state directory.")
    Path stateDir;

    @Option(names = "--threads", paramLabel = "N", description = "Stream threads (default: 1).")
    Integer threads;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port of /metrics, /health/live and /health/ready; -1 turns it off (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--create-topics", description = "Create the pipeline's topics where missing (--partitions, --replication-factor).")
    boolean createTopics;

    @Option(names = {"-v", "--verbose"}, description = "Log what the stage does, and show stack traces on errors.")
    boolean verbose;

    private final String stageName;
    private final BiFunction<Map<?, ?>, MeterRegistry, StageRunner> factory;

    StageCommand(String stageName, BiFunction<Map<?, ?>, MeterRegistry, StageRunner> factory) {
        this.stageName = stageName;
        this.factory = factory;
    }

    @Override
    public Integer call() throws Exception {
        AffectCli.configureLogging(verbose);
        kafka.requireBootstrapServers();
        Map<String, Object> props = kafka.clientProperties();
        if (applicationId != null) {
            props.put(StageConfig.APPLICATION_ID, applicationId);
        }
        if (stateDir != null) {
            props.put(StageConfig.STATE_DIR, stateDir.toString());
        }
        if (threads != null) {
            props.put(StageConfig.NUM_STREAM_THREADS, threads);
        }
        if (createTopics) {
            TopicProvisioner.ensureTopics(props, kafka.partitions, kafka.replicationFactor);
        }
        StageRunner runner;
        PrometheusMeterRegistry registry = StageHttpServer.newRegistry();
        try {
            runner = factory.apply(props, registry);
        } catch (ConfigException e) {
            throw new CliError(e.getMessage(), ExitCodes.USAGE, e);
        }
        StageHttpServer http = httpPort < 0 ? null : StageHttpServer.start(httpPort, registry, () -> runner);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.close();
            if (http != null) {
                http.close();
            }
        }, "affect-" + stageName + "-stop"));
        runner.start();
        runner.awaitRunning(Duration.ofMinutes(5));
        System.err.println("affect: " + stageName + " stage running against " + props.get("bootstrap.servers"));
        runner.awaitStop();
        if (runner.failure() != null) {
            throw new CliError(stageName + " stage failed: " + runner.failure().getMessage(),
                    ExitCodes.PIPELINE_FAILED, runner.failure());
        }
        return ExitCodes.OK;
    }

    @Command(name = "vision", mixinStandardHelpOptions = true,
            description = "Runs the vision stage (video frames -> faces) against a Kafka cluster until stopped.",
            footer = {"", "Example:", "  java -jar affect.jar vision --bootstrap-servers kafka:9092"})
    static final class Vision extends StageCommand {
        Vision() {
            super(VisionApp.NAME, VisionApp::create);
        }
    }

    @Command(name = "audio", mixinStandardHelpOptions = true,
            description = "Runs the audio stage (PCM chunks -> speech and audio affect) against a Kafka cluster until stopped.",
            footer = {"", "Example:", "  java -jar affect.jar audio --bootstrap-servers kafka:9092"})
    static final class Audio extends StageCommand {
        Audio() {
            super(AudioApp.NAME, AudioApp::create);
        }
    }

    @Command(name = "fusion", mixinStandardHelpOptions = true,
            description = "Runs the fusion stage (vision + audio -> the per-frame affect topic) against a Kafka cluster until stopped.",
            footer = {"", "Example:", "  java -jar affect.jar fusion --bootstrap-servers kafka:9092"})
    static final class Fusion extends StageCommand {
        Fusion() {
            super(FusionApp.NAME, FusionApp::create);
        }
    }
}
