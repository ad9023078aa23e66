package io.affectstream.vision;

import io.affectstream.vision.sequence.HiddenStateSerde;
import io.affectstream.vision.track.TrackState;
import io.affectstream.wire.Analysis;
import io.affectstream.wire.AnalysisStatus;
import io.affectstream.wire.EndOfStream;
import io.affectstream.wire.Topics;
import io.affectstream.wire.VideoFrame;
import io.affectstream.wire.VideoMessage;
import io.affectstream.wire.VisionFrame;
import io.affectstream.wire.VisionMessage;
import io.affectstream.wire.serde.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * The vision stage: video topic → one {@link VisionFrame} per frame (and the end-of-stream) → vision topic.
 * With a face analyser, each frame's faces are detected, tracked and analysed (tracks per stream, with each track's
 * neutral-face baseline, in the changelogged store {@value #TRACKS_STORE}; with a sequence model, each track's
 * recurrent state in the changelogged store {@value #SEQUENCE_STORE}); without one, frames pass through with status {@code not_analysed}. No face value is
 * ever made up.
 */
public final class VisionTopology {
    public static final String TRACKS_STORE = "vision-tracks";
    /** Per-track recurrent state of the sequence model, keyed {@code streamId/trackId}; only with such a model. */
    public static final String SEQUENCE_STORE = "vision-sequence-state";
    static final Analysis NO_MODEL = new Analysis(AnalysisStatus.NOT_ANALYSED, "no face model configured");

    private VisionTopology() {
    }

    /** The topology without face analysis (frames pass through, marked {@code not_analysed}). */
    public static Topology build(VisionConfig config, VisionMetrics metrics, LongSupplier wallClockMs) {
        return build(config, metrics, wallClockMs, null);
    }

    static Topology build(VisionConfig config, VisionMetrics metrics, LongSupplier wallClockMs, FaceAnalyser analyser) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(TRACKS_STORE),
                Serdes.String(), new JsonSerde<>(TrackState.class)));
        boolean sequence = analyser != null && analyser.hasSequenceModel();
        if (sequence) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SEQUENCE_STORE),
                    Serdes.String(), new HiddenStateSerde()));
        }
        String[] stores = sequence ? new String[] {TRACKS_STORE, SEQUENCE_STORE} : new String[] {TRACKS_STORE};
        builder.stream(Topics.VIDEO_FRAMES.name(), Consumed.with(Topics.VIDEO_FRAMES.keySerde(),
                        Topics.VIDEO_FRAMES.valueSerde()).withName("vision-read-frames"))
                .processValues(() -> new Analyse(analyser, metrics, wallClockMs), Named.as("vision-analyse"), stores)
                .to(Topics.VISION_FRAMES.name(), Produced.with(Topics.VISION_FRAMES.keySerde(),
                        Topics.VISION_FRAMES.valueSerde()).withName("vision-write-results"));
        return builder.build();
    }

    private static final class Analyse implements FixedKeyProcessor<String, VideoMessage, VisionMessage> {
        private final FaceAnalyser analyser;
        private final VisionMetrics metrics;
        private final LongSupplier wallClockMs;
        private FixedKeyProcessorContext<String, VisionMessage> context;
        private KeyValueStore<String, TrackState> tracks;
        private FaceAnalyser.HiddenStates hidden = FaceAnalyser.HiddenStates.NONE;

        Analyse(FaceAnalyser analyser, VisionMetrics metrics, LongSupplier wallClockMs) {
            this.analyser = analyser;
            this.metrics = metrics;
            this.wallClockMs = wallClockMs;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, VisionMessage> context) {
            this.context = context;
            this.tracks = context.getStateStore(TRACKS_STORE);
            if (analyser != null && analyser.hasSequenceModel()) {
                hidden = new StoredHiddenStates(context.getStateStore(SEQUENCE_STORE));
            }
        }

        @Override
        public void process(FixedKeyRecord<String, VideoMessage> record) {
            if (record.value() instanceof EndOfStream end) {
                TrackState last = tracks.get(end.streamId());
                if (last != null) {
                    last.tracks().forEach(t -> hidden.delete(end.streamId(), t.id()));
                }
                tracks.delete(end.streamId());
                context.forward(record.withValue(end));
                return;
            }
            VideoFrame frame = (VideoFrame) record.value();
            Analysis analysis = NO_MODEL;
            List<io.affectstream.wire.Face> faces = List.of();
            if (analyser != null) {
                TrackState state = tracks.get(frame.streamId());
                FaceAnalyser.Result result = analyser.analyse(frame, state == null ? TrackState.EMPTY : state, hidden);
                tracks.put(frame.streamId(), result.tracks());
                analysis = result.analysis();
                faces = result.faces();
            }
            long now = wallClockMs.getAsLong();
            metrics.frameDone(analysis.status().wireName(), faces.size(), frame.ingestedAtMs(), now);
            context.forward(record.withValue(new VisionFrame(frame.streamId(), frame.frameIndex(), frame.ptsMicros(),
                    frame.capturedAtMs(), frame.width(), frame.height(), frame.sourceWidth(), frame.sourceHeight(),
                    frame.audioTrack(), analysis, faces, frame.ingestedAtMs(), now)));
        }
    }

    /** The sequence model's per-track states in the store, keyed {@code streamId/trackId}. */
    private record StoredHiddenStates(KeyValueStore<String, float[]> store) implements FaceAnalyser.HiddenStates {
        private static String key(String streamId, long trackId) {
            return streamId + "/" + trackId;
        }

        @Override
        public float[] get(String streamId, long trackId) {
            return store.get(key(streamId, trackId));
        }

        @Override
        public void put(String streamId, long trackId, float[] state) {
            store.put(key(streamId, trackId), state);
        }

        @Override
        public void delete(String streamId, long trackId) {
            store.delete(key(streamId, trackId));
        }
    }
}
