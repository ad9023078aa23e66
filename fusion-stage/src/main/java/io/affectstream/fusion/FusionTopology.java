package io.affectstream.fusion;

import io.affectstream.wire.AffectMessage;
import io.affectstream.wire.AudioAnalysisMessage;
import io.affectstream.wire.StreamMessage;
import io.affectstream.wire.Topics;
import io.affectstream.wire.VisionMessage;
import io.affectstream.wire.serde.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

import java.util.function.LongSupplier;

/**
 * The fusion stage: vision results and audio analyses of a stream, merged in one task (the topics are keyed by
 * stream id and co-partitioned, so Kafka Streams hands both to the same task in timestamp order) → aligned,
 * smoothed, fused → one public affect record per video frame, then the end-of-stream, on the affect topic.
 *
 * <p>State (small and per stream, so in memory; changelogged, so it survives a restart): {@value #AUDIO_STORE} (recent audio spans per stream),
 * {@value #PENDING_STORE} (frames waiting for their audio), {@value #HISTORY_STORE} (the smoothing window).
 */
public final class FusionTopology {
    public static final String AUDIO_STORE = "fusion-audio-timeline";
    public static final String PENDING_STORE = "fusion-pending-frames";
    public static final String HISTORY_STORE = "fusion-smoothing-history";

    private FusionTopology() {
    }

    public static Topology build(FusionConfig config, FusionMetrics metrics, LongSupplier wallClockMs) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, VisionMessage> vision = builder.stream(Topics.VISION_FRAMES.name(),
                Consumed.with(Topics.VISION_FRAMES.keySerde(), Topics.VISION_FRAMES.valueSerde())
                        .withName("fusion-read-vision"));
        KStream<String, AudioAnalysisMessage> audio = builder.stream(Topics.AUDIO_AFFECT.name(),
                Consumed.with(Topics.AUDIO_AFFECT.keySerde(), Topics.AUDIO_AFFECT.valueSerde())
                        .withName("fusion-read-audio"));
        fuse(builder, vision, audio, config, metrics, wallClockMs)
                .to(Topics.AFFECT_FRAMES.name(), Produced.with(Topics.AFFECT_FRAMES.keySerde(),
                        Topics.AFFECT_FRAMES.valueSerde()).withName("fusion-write-affect"));
        return builder.build();
    }

    /**
     * Adds the stage's stores and processing to {@code builder}: both modalities' results in (from their topics, or
     * straight from the stages in a topology that holds them too), the public affect records out. Both inputs must
     * be keyed by stream id and come from co-partitioned topics.
     */
    public static KStream<String, AffectMessage> fuse(StreamsBuilder builder, KStream<String, VisionMessage> vision,
                                                      KStream<String, AudioAnalysisMessage> audio, FusionConfig config,
                                                      FusionMetrics metrics, LongSupplier wallClockMs) {
        // Cached stores: a stream's timeline, waiting frames and window change with every record, and reach the
        // changelog once per commit instead of once per change (three records a frame on the broker).
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(AUDIO_STORE),
                Serdes.String(), new JsonSerde<>(AudioTimeline.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PENDING_STORE),
                Serdes.String(), new JsonSerde<>(PendingFrames.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(HISTORY_STORE),
                Serdes.String(), new JsonSerde<>(SmoothingHistory.class)).withCachingEnabled());
        return vision.mapValues(v -> (StreamMessage) v, Named.as("fusion-vision-as-input"))
                .merge(audio.mapValues(v -> (StreamMessage) v, Named.as("fusion-audio-as-input")),
                        Named.as("fusion-merge-modalities"))
                .process(() -> new FusionProcessor(config, metrics, wallClockMs), Named.as("fusion-align-smooth-fuse"),
                        AUDIO_STORE, PENDING_STORE, HISTORY_STORE);
    }
}
