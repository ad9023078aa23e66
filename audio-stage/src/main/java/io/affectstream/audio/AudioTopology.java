package io.affectstream.audio;

import io.affectstream.wire.Analysis;
import io.affectstream.wire.AnalysisStatus;
import io.affectstream.wire.AudioAnalysis;
import io.affectstream.wire.AudioAnalysisMessage;
import io.affectstream.wire.Topics;
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
 * The audio stage: audio topic ({@code AudioChunk}s, then the end-of-stream) → one {@link AudioAnalysis} per chunk
 * (speech probability, arousal during speech, valence when a model gives it), then the end-of-stream unchanged →
 * audio-affect topic. See docs/audio.md for the analysis, its granularity and its latency.
 *
 * <p>State, per stream, in two named in-memory stores, changelogged: {@value #STREAM_STORE} (carry-over buffers
 * of the analysis windows, the VAD's recurrent state, prosody norms) and {@value #MODEL_STORE} (the CNN-GRU's
 * hidden state, when one is configured).
 */
public final class AudioTopology {
    public static final String STREAM_STORE = "audio-stream-state";
    public static final String MODEL_STORE = "audio-model-state";
    static final Analysis ANALYSED = new Analysis(AnalysisStatus.ANALYSED, null);

    private AudioTopology() {
    }

    /** The topology with the models {@code config} names, opened now (a bad model file fails here). */
    public static Topology build(AudioConfig config, AudioMetrics metrics, LongSupplier wallClockMs) {
        return build(config, AudioModels.load(config, metrics), metrics, wallClockMs);
    }

    public static Topology build(AudioConfig config, AudioModels models, AudioMetrics metrics, LongSupplier wallClockMs) {
        StreamsBuilder builder = new StreamsBuilder();
        analyse(builder, config, models, metrics, wallClockMs)
                .to(Topics.AUDIO_AFFECT.name(), Produced.with(Topics.AUDIO_AFFECT.keySerde(),
                        Topics.AUDIO_AFFECT.valueSerde()).withName("audio-write-results"));
        return builder.build();
    }

    /**
     * Adds the stage's stores and processing to {@code builder}: the audio topic in, the analyses out, for the caller
     * to send on (to the audio-affect topic, or straight to fusion in a topology that holds both).
     */
    public static KStream<String, AudioAnalysisMessage> analyse(StreamsBuilder builder, AudioConfig config,
                                                                AudioModels models, AudioMetrics metrics,
                                                                LongSupplier wallClockMs) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STREAM_STORE),
                Serdes.String(), StateSerde.STREAM).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(MODEL_STORE),
                Serdes.String(), StateSerde.MODEL).withCachingEnabled());
        return builder.stream(Topics.AUDIO_CHUNKS.name(), Consumed.with(Topics.AUDIO_CHUNKS.keySerde(),
                        Topics.AUDIO_CHUNKS.valueSerde()).withName("audio-read-chunks"))
                .processValues(() -> new AudioProcessor(models, config, metrics, wallClockMs),
                        Named.as("audio-analyse"), STREAM_STORE, MODEL_STORE);
    }
}
