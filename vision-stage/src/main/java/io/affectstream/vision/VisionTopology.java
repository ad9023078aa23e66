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
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The vision stage: video topic → one {@link VisionFrame} per frame (and the end-of-stream) → vision topic.
 * With a face analyser, each frame's faces are detected, tracked and analysed (tracks per stream, with each track's
 * neutral-face baseline, in the changelogged store {@value #TRACKS_STORE}; with a sequence model, each track's
 * recurrent state in the changelogged store {@value #SEQUENCE_STORE}); without one, frames pass through with status
 * {@code not_analysed}. No face value is ever made up.
 *
 * <p>With {@code vision.batch.max.frames} above 1, frames are held until that many are waiting or the oldest has
 * waited {@code vision.batch.max.wait.ms}, or a stream ends; then the faces of all of them go through each face model
 * in one run, and the frames come out in the order they came in. Held frames are kept in the changelogged store
 * {@value #BUFFER_STORE}, so a crash or a rebalance loses none of those whose input offsets were committed.
 */
public final class VisionTopology {
    public static final String TRACKS_STORE = "vision-tracks";
    /** Per-track recurrent state of the sequence model, keyed {@code streamId/trackId}; only with such a model. */
    public static final String SEQUENCE_STORE = "vision-sequence-state";
    /** Frames held for the next micro-batch, keyed by arrival order; only when batching across frames. */
    public static final String BUFFER_STORE = "vision-frame-buffer";
    static final Analysis NO_MODEL = new Analysis(AnalysisStatus.NOT_ANALYSED, "no face model configured");

    private VisionTopology() {
    }

    /** The topology without face analysis (frames pass through, marked {@code not_analysed}). */
    public static Topology build(VisionConfig config, VisionMetrics metrics, LongSupplier wallClockMs) {
        return build(config, metrics, wallClockMs, null);
    }

    static Topology build(VisionConfig config, VisionMetrics metrics, LongSupplier wallClockMs, FaceAnalyser analyser) {
        StreamsBuilder builder = new StreamsBuilder();
        analyse(builder, config, metrics, wallClockMs, analyser)
                .to(Topics.VISION_FRAMES.name(), Produced.with(Topics.VISION_FRAMES.keySerde(),
                        Topics.VISION_FRAMES.valueSerde()).withName("vision-write-results"));
        return builder.build();
    }

    /**
     * Adds the stage's stores and processing to {@code builder}: the video topic in, the vision results out, for the
     * caller to send on (to the vision topic, or straight to fusion in a topology that holds both).
     */
    static KStream<String, VisionMessage> analyse(StreamsBuilder builder, VisionConfig config, VisionMetrics metrics,
                                                  LongSupplier wallClockMs, FaceAnalyser analyser) {
        List<String> stores = new ArrayList<>(List.of(TRACKS_STORE));
        // Cached stores: a key written several times between two commits reaches the changelog once, at the commit
        // (a stream's tracks change every frame; a held frame that leaves within the interval never reaches it).
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(TRACKS_STORE),
                Serdes.String(), new JsonSerde<>(TrackState.class)).withCachingEnabled());
        if (analyser != null && analyser.hasSequenceModel()) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SEQUENCE_STORE),
                    Serdes.String(), new HiddenStateSerde()).withCachingEnabled());
            stores.add(SEQUENCE_STORE);
        }
        Batching batching = analyser == null ? Batching.NONE
                : new Batching(config.batchMaxFrames(), config.batchMaxWaitMs());
        if (batching.acrossFrames()) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(BUFFER_STORE),
                    Serdes.Long(), new HeldFrame.WireSerde()).withCachingEnabled());
            stores.add(BUFFER_STORE);
        }
        return builder.stream(Topics.VIDEO_FRAMES.name(), Consumed.with(Topics.VIDEO_FRAMES.keySerde(),
                        Topics.VIDEO_FRAMES.valueSerde()).withName("vision-read-frames"))
                .process(() -> new Analyse(analyser, metrics, wallClockMs, batching), Named.as("vision-analyse"),
                        stores.toArray(String[]::new));
    }

    /** How many frames a micro-batch may hold, and how long its oldest frame may wait (wall clock). */
    record Batching(int maxFrames, long maxWaitMs) {
        static final Batching NONE = new Batching(1, 0);

        boolean acrossFrames() {
            return maxFrames > 1;
        }

        /** How often the held frames' wait is checked: half the longest wait, between 1 and 50 ms. */
        static long checkEveryMs(long maxWaitMs) {
            return Math.max(1, Math.min(50, maxWaitMs / 2));
        }
    }

    /** A frame waiting for its micro-batch: its key in the buffer store, its record, and since when it waits. */
    private record Held(long sequence, Record<String, VideoMessage> record, long sinceMs) {
    }

    private static final class Analyse implements Processor<String, VideoMessage, String, VisionMessage> {
        private final FaceAnalyser analyser;
        private final VisionMetrics metrics;
        private final LongSupplier wallClockMs;
        private final Batching batching;
        private final List<Held> held = new ArrayList<>();
        private ProcessorContext<String, VisionMessage> context;
        private KeyValueStore<String, TrackState> tracks;
        private KeyValueStore<Long, HeldFrame> buffer;
        private long nextSequence;
        private FaceAnalyser.HiddenStates hidden = FaceAnalyser.HiddenStates.NONE;

        Analyse(FaceAnalyser analyser, VisionMetrics metrics, LongSupplier wallClockMs, Batching batching) {
            this.analyser = analyser;
            this.metrics = metrics;
            this.wallClockMs = wallClockMs;
            this.batching = batching;
        }

        @Override
        public void init(ProcessorContext<String, VisionMessage> context) {
            this.context = context;
            this.tracks = context.getStateStore(TRACKS_STORE);
            if (analyser != null && analyser.hasSequenceModel()) {
                hidden = new StoredHiddenStates(context.getStateStore(SEQUENCE_STORE));
            }
            if (batching.acrossFrames()) {
                buffer = context.getStateStore(BUFFER_STORE);
                // Frames held before a restart or a move of this task come back from the changelog: held since the
                // epoch, they are due at the first check. Keys are non-negative longs, which the store orders as
                // they came in.
                try (KeyValueIterator<Long, HeldFrame> restored = buffer.all()) {
                    while (restored.hasNext()) {
                        KeyValue<Long, HeldFrame> kv = restored.next();
                        held.add(new Held(kv.key, kv.value.toRecord(), 0));
                        nextSequence = kv.key + 1;
                    }
                }
                context.schedule(Duration.ofMillis(Batching.checkEveryMs(batching.maxWaitMs())),
                        PunctuationType.WALL_CLOCK_TIME, this::flushIfDue);
            }
        }

        @Override
        public void process(Record<String, VideoMessage> record) {
            if (record.value() instanceof EndOfStream end) {
                flush();
                TrackState last = tracks.get(end.streamId());
                if (last != null) {
                    last.tracks().forEach(t -> hidden.delete(end.streamId(), t.id()));
                }
                tracks.delete(end.streamId());
                context.forward(record.withValue(end));
                return;
            }
            if (buffer == null) {
                analyseAndForward(List.of(record));
                return;
            }
            long sequence = nextSequence++;
            buffer.put(sequence, HeldFrame.of(record));
            held.add(new Held(sequence, record, context.currentSystemTimeMs()));
            if (held.size() >= batching.maxFrames()) {
                flush();
            }
        }

        private void flushIfDue(long nowMs) {
            if (!held.isEmpty() && nowMs - held.get(0).sinceMs() >= batching.maxWaitMs()) {
                flush();
            }
        }

        /** Everything held, as one micro-batch; each frame leaves the buffer store as its result goes out. */
        private void flush() {
            if (held.isEmpty()) {
                return;
            }
            List<Held> batch = List.copyOf(held);
            held.clear();
            try {
                analyseAndForward(batch.stream().map(Held::record).toList());
            } finally {
                // A batch that failed is not retried here: the exception goes to the stage's processing-error
                // handler like a single frame's would, and under exactly-once an aborted transaction puts the frames
                // back in the store.
                batch.forEach(h -> buffer.delete(h.sequence()));
            }
        }

        private void analyseAndForward(List<Record<String, VideoMessage>> records) {
            List<VideoFrame> frames = records.stream().map(r -> (VideoFrame) r.value()).toList();
            List<FaceAnalyser.Observation> seen = analyser == null ? null : analyser.observe(frames);
            if (analyser != null) {
                metrics.batch(frames.size());
            }
            for (int i = 0; i < frames.size(); i++) {
                VideoFrame frame = frames.get(i);
                Analysis analysis = NO_MODEL;
                List<io.affectstream.wire.Face> faces = List.of();
                if (analyser != null) {
                    TrackState state = tracks.get(frame.streamId());
                    FaceAnalyser.Result result = analyser.conclude(frame, seen.get(i),
                            state == null ? TrackState.EMPTY : state, hidden);
                    tracks.put(frame.streamId(), result.tracks());
                    analysis = result.analysis();
                    faces = result.faces();
                }
                long now = wallClockMs.getAsLong();
                metrics.frameDone(analysis.status().wireName(), faces.size(), frame.ingestedAtMs(), now);
                context.forward(records.get(i).withValue(new VisionFrame(frame.streamId(), frame.frameIndex(),
                        frame.ptsMicros(), frame.capturedAtMs(), frame.width(), frame.height(), frame.sourceWidth(),
                        frame.sourceHeight(), frame.audioTrack(), analysis, faces, frame.ingestedAtMs(), now)));
            }
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
