package io.affectstream.cli;

import io.affectstream.ingest.IngestApp;
import io.affectstream.ingest.IngestConfig;
import io.affectstream.ingest.IngestException;
import io.affectstream.ingest.IngestResult;
import io.affectstream.ingest.media.MediaSource;
import io.affectstream.streams.TopicProvisioner;
import io.affectstream.streams.Health;
import io.affectstream.streams.StageHttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the ingest stage on its own: decodes one input and publishes its frames and audio to an",
                "existing Kafka cluster, then the end-of-stream records. Ends when the input ends (or on SIGTERM)."},
        footer = {"", "Example:",
                "  java -jar affect.jar ingest --input rtsp://camera.local/stream --stream-id lobby --bootstrap-servers kafka:9092"})
final class IngestCommand implements Callable<Integer> {
    @Mixin
    IngestOptions ingestOptions;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--create-topics", description = "Create the pipeline's topics where missing (--partitions, --replication-factor).")
    boolean createTopics;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port of /metrics, /health/live and /health/ready; -1 turns it off (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = {"-v", "--verbose"}, description = "Log what ingest does, and show stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        AffectCli.configureLogging(verbose);
        kafka.requireBootstrapServers();
        Map<String, Object> props = kafka.clientProperties();
        MediaSource source = ingestOptions.open();
        IngestConfig config;
        try {
            config = ingestOptions.toConfig(props, source.info().kind().isLive() || ingestOptions.realtime);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        if (createTopics) {
            TopicProvisioner.ensureTopics(props, kafka.partitions, kafka.replicationFactor);
        }
        PrometheusMeterRegistry registry = StageHttpServer.newRegistry();
        IngestApp app = new IngestApp(config, registry);
        Thread stopHook = new Thread(app::stop, "affect-ingest-stop");
        Runtime.getRuntime().addShutdownHook(stopHook);
        IngestResult result;
        // Ingest is ready once its source is open, which it is by now; it has no state to lose, so it is live.
        Health health = new Health() {
            @Override
            public boolean live() {
                return true;
            }

            @Override
            public boolean ready() {
                return true;
            }
        };
        try (StageHttpServer http = httpPort < 0 ? null : StageHttpServer.start(httpPort, registry, () -> health)) {
            result = app.publish(source, config.streamId(), s -> { });
        } catch (IngestException e) {
            throw new CliError(e.getMessage(), ExitCodes.PIPELINE_FAILED, e);
        }
        if (result.detail() != null) {
            System.err.println("affect: warning: " + result.detail());
        }
        System.err.printf(Locale.ROOT, "affect: published stream %s: %d frames, %.2f s of audio%n", result.streamId(),
                result.frames(), result.samples() / (double) MediaSource.SAMPLE_RATE_HZ);
        return result.frames() == 0 && result.samples() == 0 ? ExitCodes.BAD_INPUT : ExitCodes.OK;
    }
}
