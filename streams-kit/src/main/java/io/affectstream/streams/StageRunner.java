package io.affectstream.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one stage's topology: starts Kafka Streams with its metrics bound to a registry, waits for it to be
 * RUNNING, and stops it. A stage that dies reports why through {@link #failure()}.
 */
public final class StageRunner implements AutoCloseable, Health {
    private static final Logger log = LoggerFactory.getLogger(StageRunner.class);

    private final String name;
    private final Topology topology;
    private final Properties properties;
    private final MeterRegistry registry;
    // made at start, so that the models can load while the broker is still starting (see bootstrapServers)
    private volatile KafkaStreams streams;
    private KafkaStreamsMetrics metrics;
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final java.util.List<AutoCloseable> resources = new java.util.concurrent.CopyOnWriteArrayList<>();

    public StageRunner(String name, Topology topology, Properties properties, MeterRegistry registry) {
        this.name = name;
        this.topology = topology;
        this.properties = (Properties) properties.clone();
        this.registry = registry;
    }

    /**
     * Points the stage at other brokers; only before {@link #start()}. {@code run} loads the stages (and their models)
     * while its embedded broker starts, and learns the broker's ephemeral port only then.
     */
    public StageRunner bootstrapServers(String servers) {
        if (streams != null) {
            throw new IllegalStateException(name + " stage already started");
        }
        properties.put(StageConfig.BOOTSTRAP_SERVERS, servers);
        return this;
    }

    public String name() {
        return name;
    }

    /** Closes {@code resource} (e.g. a loaded model) after the stage has stopped. */
    public StageRunner closeWith(AutoCloseable resource) {
        resources.add(resource);
        return this;
    }

    public synchronized void start() {
        if (streams != null) {
            throw new IllegalStateException(name + " stage already started");
        }
        KafkaStreams created = new KafkaStreams(topology, properties);
        metrics = new KafkaStreamsMetrics(created);
        metrics.bindTo(registry);
        created.setStateListener((now, before) -> {
            log.debug("{} stage: {} -> {}", name, before, now);
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            } else if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
        created.setUncaughtExceptionHandler(e -> {
            failure.compareAndSet(null, e);
            log.error("{} stage failed: {}", name, e.toString(), e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams = created;
        created.start();
    }

    /**
     * Waits until the stage is RUNNING (partitions assigned, state restored).
     *
     * @throws IllegalStateException when it stops or does not get there within {@code timeout}
     */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (running.await(50, TimeUnit.MILLISECONDS)) {
                return;
            }
            if (stopped.getCount() == 0) {
                throw new IllegalStateException(name + " stage stopped while starting"
                        + (failure.get() == null ? "" : ": " + failure.get().getMessage()));
            }
        }
        throw new IllegalStateException(name + " stage not running after " + timeout.toSeconds()
                + " s (state " + state() + "); is the broker reachable and do the topics exist?");
    }

    /** Why the stage died, or null while it is healthy. */
    public Throwable failure() {
        return failure.get();
    }

    /** The Kafka Streams state; {@code CREATED} until {@link #start()}. */
    public KafkaStreams.State state() {
        KafkaStreams current = streams;
        return current == null ? KafkaStreams.State.CREATED : current.state();
    }

    /** Alive until the stage has failed or stopped. */
    @Override
    public boolean live() {
        KafkaStreams.State state = state();
        return failure.get() == null && state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR;
    }

    /** Ready while processing (a rebalance is a normal, short pause: still ready). */
    @Override
    public boolean ready() {
        KafkaStreams.State state = state();
        return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
    }

    /** Blocks until the stage stops (signal, failure or {@link #close()}). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops the stage, staying in its consumer group (Streams' default: a restarting instance resumes quietly). */
    @Override
    public void close() {
        close(false);
    }

    /**
     * Stops the stage. {@code leaveGroup} hands its partitions over at once, which a short-lived in-process
     * stage (as in {@code run}) must do: otherwise the next run waits a session timeout for it to expire.
     */
    public synchronized void close(boolean leaveGroup) {
        if (streams != null) {
            streams.close(CloseOptions.timeout(Duration.ofSeconds(30)).withGroupMembershipOperation(leaveGroup
                    ? CloseOptions.GroupMembershipOperation.LEAVE_GROUP
                    : CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
            metrics.close();
        }
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("{} stage: closing {} failed: {}", name, resource, e.toString());
            }
        }
        resources.clear();
        stopped.countDown();
    }
}
