package io.affectstream.ingest;

import io.affectstream.ingest.media.MediaException;
import io.affectstream.ingest.media.MediaSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.function.Consumer;

/**
 * Ingest as a deployable: opens the input, publishes it, closes everything. {@code run} and the {@code ingest}
 * subcommand both come through here.
 */
public final class IngestApp {
    private final IngestConfig config;
    private final IngestTopology topology;

    public IngestApp(IngestConfig config, MeterRegistry registry) {
        this.config = config;
        IngestMetrics metrics = new IngestMetrics();
        metrics.bindTo(registry);
        this.topology = new IngestTopology(config, metrics, System::currentTimeMillis);
    }

    /** Opens the input; fails fast with a one-line {@link MediaException} when it cannot be used. */
    public MediaSource open() throws MediaException {
        return MediaSource.open(config.input(), config.analysisMaxSide());
    }

    /**
     * Publishes an opened source under {@code streamId} and closes it.
     *
     * @param onOpened called once before the first record, with what the source holds
     */
    public IngestResult publish(MediaSource source, String streamId, Consumer<MediaSource> onOpened)
            throws InterruptedException {
        try (source; Producer<String, byte[]> producer = new KafkaProducer<>(config.producerProperties(),
                new StringSerializer(), new ByteArraySerializer())) {
            onOpened.accept(source);
            return topology.run(source, streamId, producer);
        }
    }

    /** Bounds how far ahead of its consumers ingest publishes frames (see {@link IngestTopology.Lead}). */
    public IngestApp lead(IngestTopology.Lead lead) {
        topology.lead(lead);
        return this;
    }

    /** Ends the stream being published after the current item. */
    public void stop() {
        topology.requestStop();
    }

    public IngestConfig config() {
        return config;
    }
}
