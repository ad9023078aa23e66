package io.affectstream.cli;

import io.affectstream.audio.AudioApp;
import io.affectstream.fusion.FusionApp;
import io.affectstream.streams.StageConfig;
import io.affectstream.streams.StageRunner;
import io.affectstream.streams.TopicProvisioner;
import io.affectstream.testkit.EmbeddedKafka;
import io.affectstream.vision.VisionApp;
import io.affectstream.wire.Topic;
import io.affectstream.wire.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * The Kafka Streams stages in this process (one application by default, see {@link PipelineApp}; or three), against an embedded broker or a given cluster, with the
 * pipeline's topics in place. Closing it stops the stages, then the embedded broker, and removes temporary
 * state; what a given cluster holds is left alone.
 */
final class LocalPipeline implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private EmbeddedKafka broker;
    private final Map<String, Object> clientProperties;
    private final Path stateDir;
    private final boolean temporaryState;
    private final List<StageRunner> stages = new ArrayList<>();

    private LocalPipeline(Map<String, Object> clientProperties, Path stateDir, boolean temporaryState) {
        this.clientProperties = clientProperties;
        this.stateDir = stateDir;
        this.temporaryState = temporaryState;
    }

    /**
     * Starts the embedded broker in the background when {@code kafka} names no cluster (else null), so that it starts
     * while the input is opened and the models load: each takes a second or two on a cold JVM.
     */
    static CompletableFuture<EmbeddedKafka> startBroker(KafkaOptions kafka) {
        return kafka.clientProperties().containsKey("bootstrap.servers") ? null
                : CompletableFuture.supplyAsync(EmbeddedKafka::start, LocalPipeline::startBrokerThread);
    }

    /**
     * @param starting       the embedded broker from {@link #startBroker}, or null for the cluster {@code kafka} names
     * @param separateStages three Kafka Streams applications, as in a cluster, instead of {@link PipelineApp}'s one
     */
    static LocalPipeline start(KafkaOptions kafka, CompletableFuture<EmbeddedKafka> starting, Path stateDir,
                               Map<String, Object> stageSettings, MeterRegistry registry, boolean separateStages)
            throws InterruptedException {
        Map<String, Object> props = kafka.clientProperties();
        boolean temporary = stateDir == null;
        LocalPipeline pipeline = null;
        try {
            Path dir = temporary ? Files.createTempDirectory("affect-state-") : stateDir;
            pipeline = new LocalPipeline(props, dir, temporary);
            pipeline.createStages(stageSettings, registry, separateStages);
            if (starting != null) {
                pipeline.broker = awaitBroker(starting);
                String servers = pipeline.broker.bootstrapServers();
                props.put("bootstrap.servers", servers);
                pipeline.stages.forEach(stage -> stage.bootstrapServers(servers));
            }
            TopicProvisioner.ensureTopics(props, kafka.partitions, kafka.replicationFactor);
            if (starting != null) {
                boundMediaTopics(props);
            }
            pipeline.startStages();
        } catch (IOException e) {
            closeOnFailure(pipeline, starting);
            throw new UncheckedIOException("cannot create a state directory", e);
        } catch (RuntimeException | InterruptedException e) {
            closeOnFailure(pipeline, starting);
            throw e;
        }
        return pipeline;
    }

    /** Bytes each media topic's partition keeps on the embedded broker, oldest segments deleted first. */
    static final long MEDIA_RETENTION_BYTES = 1L << 30;

    /**
     * Raw frames come at about 23 MB a second from a live camera: on the embedded broker, whose disk is this
     * machine's, the media topics keep 1 GiB a partition (in 128 MiB segments) instead of six hours' worth. A file
     * read as fast as possible never runs that far ahead of the pipeline (see RunCommand's lead).
     */
    private static void boundMediaTopics(Map<String, Object> props) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", props.get("bootstrap.servers")))) {
            List<AlterConfigOp> bounds = List.of(
                    new AlterConfigOp(new ConfigEntry("retention.bytes", Long.toString(MEDIA_RETENTION_BYTES)),
                            AlterConfigOp.OpType.SET),
                    new AlterConfigOp(new ConfigEntry("segment.bytes", Integer.toString(128 << 20)),
                            AlterConfigOp.OpType.SET));
            Map<ConfigResource, java.util.Collection<AlterConfigOp>> changes = new HashMap<>();
            for (Topic<?, ?> topic : List.of(Topics.VIDEO_FRAMES, Topics.AUDIO_CHUNKS)) {
                changes.put(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()), bounds);
            }
            admin.incrementalAlterConfigs(changes).all().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while bounding the media topics", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot bound the embedded broker's media topics: " + e.getMessage(), e);
        }
    }

    private static void startBrokerThread(Runnable task) {
        Thread thread = new Thread(task, "affect-broker-start");
        thread.setDaemon(true);
        thread.start();
    }

    private static EmbeddedKafka awaitBroker(CompletableFuture<EmbeddedKafka> starting) throws InterruptedException {
        try {
            return starting.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException("cannot start the embedded Kafka broker", e.getCause());
        }
    }

    /**
     * Stops a broker from {@link #startBroker} that no pipeline took over (the input or a setting was wrong): waits
     * for it to finish starting, then closes it, so that no broker outlives the command that started it.
     */
    static void abandon(CompletableFuture<EmbeddedKafka> starting) {
        if (starting == null) {
            return;
        }
        try {
            starting.join().close();
        } catch (RuntimeException e) {
            // it did not start, or did not stop cleanly: the error being reported matters more
        }
    }

    // A broker still starting is closed once it has started: nothing else would stop it.
    private static void closeOnFailure(LocalPipeline pipeline, CompletableFuture<EmbeddedKafka> starting) {
        if (pipeline != null) {
            pipeline.close();
        }
        if (pipeline == null || pipeline.broker == null) {
            abandon(starting);
        }
    }

    private void createStages(Map<String, Object> stageSettings, MeterRegistry registry, boolean separateStages) {
        Map<String, Object> stageProps = new HashMap<>(clientProperties);
        // until the embedded broker has its port; the stages connect only when they start
        stageProps.putIfAbsent("bootstrap.servers", "localhost:9092");
        stageProps.putAll(stageSettings);
        stageProps.put(StageConfig.STATE_DIR, stateDir.toString());
        if (!separateStages) {
            stages.add(PipelineApp.create(stageProps, registry));
            return;
        }
        stages.add(VisionApp.create(stageProps, registry));
        stages.add(AudioApp.create(stageProps, registry));
        stages.add(FusionApp.create(stageProps, registry));
    }

    private void startStages() throws InterruptedException {
        stages.forEach(StageRunner::start);
        for (StageRunner stage : stages) {
            stage.awaitRunning(START_TIMEOUT);
        }
    }

    /** Bootstrap servers and pass-through client properties, for producers and consumers of this run. */
    Map<String, Object> clientProperties() {
        return new HashMap<>(clientProperties);
    }

    boolean embedded() {
        return broker != null;
    }

    /** Alive and ready when every stage is. */
    io.affectstream.streams.Health health() {
        return io.affectstream.streams.Health.allOf(stages);
    }

    /** The first stage failure, or null while all are healthy. */
    Throwable failure() {
        for (StageRunner stage : stages) {
            if (stage.failure() != null) {
                return new IllegalStateException(stage.name() + " stage failed: " + stage.failure().getMessage(),
                        stage.failure());
            }
        }
        return null;
    }

    @Override
    public void close() {
        // Stages close in parallel: each waits for its last transaction, and there is no order to respect.
        stages.parallelStream().forEach(stage -> stage.close(true));
        if (broker != null) {
            broker.close();
        }
        if (temporaryState) {
            deleteRecursively(stateDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
