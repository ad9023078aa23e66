package io.affectstream.audio;

import io.affectstream.wire.Analysis;
import io.affectstream.wire.AnalysisStatus;
import io.affectstream.wire.AudioAnalysis;
import io.affectstream.wire.AudioAnalysisMessage;
import io.affectstream.wire.AudioChunk;
import io.affectstream.wire.AudioMessage;
import io.affectstream.wire.EndOfStream;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * One {@link AudioAnalysis} per chunk, then the end-of-stream unchanged. The stream's carry-over state lives in
 * {@value AudioTopology#STREAM_STORE}, the CNN-GRU's recurrent state in {@value AudioTopology#MODEL_STORE}; both are
 * changelogged, so a restarted or moved task continues the stream where it stood. Both are dropped at the end.
 */
final class AudioProcessor implements FixedKeyProcessor<String, AudioMessage, AudioAnalysisMessage> {
    private static final Logger log = LoggerFactory.getLogger(AudioProcessor.class);
    private static final int MAX_WARNED = 1000;

    private final AudioModels models;
    private final AudioConfig config;
    private final AudioMetrics metrics;
    private final LongSupplier wallClockMs;
    private final Set<String> warned = new LinkedHashSet<>();
    private FixedKeyProcessorContext<String, AudioAnalysisMessage> context;
    private KeyValueStore<String, StreamState> streams;
    private KeyValueStore<String, AudioAffectModel.State> modelStates;
    private AudioAnalyzer analyzer;

    AudioProcessor(AudioModels models, AudioConfig config, AudioMetrics metrics, LongSupplier wallClockMs) {
        this.models = models;
        this.config = config;
        this.metrics = metrics;
        this.wallClockMs = wallClockMs;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, AudioAnalysisMessage> context) {
        this.context = context;
        this.streams = context.getStateStore(AudioTopology.STREAM_STORE);
        this.modelStates = context.getStateStore(AudioTopology.MODEL_STORE);
        this.analyzer = new AudioAnalyzer(models.acquire(), config.vadThreshold(), metrics, wallClockMs);
    }

    @Override
    public void process(FixedKeyRecord<String, AudioMessage> record) {
        if (record.value() instanceof EndOfStream end) {
            streams.delete(end.streamId());
            modelStates.delete(end.streamId());
            warned.remove(end.streamId());
            context.forward(record.withValue(end));
            return;
        }
        AudioChunk chunk = (AudioChunk) record.value();
        String id = chunk.streamId();
        String unusable = AudioAnalyzer.unusable(chunk);
        if (unusable != null) {
            if (warned.add(id)) {
                log.warn("Stream {}: {}; its audio goes out as not_analysed", id, unusable);
                if (warned.size() > MAX_WARNED) {
                    warned.remove(warned.iterator().next());
                }
            }
            long now = wallClockMs.getAsLong();
            metrics.chunkDone(AnalysisStatus.NOT_ANALYSED.wireName(), chunk.frameCount() / (double) chunk.sampleRateHz(),
                    chunk.ingestedAtMs(), now);
            context.forward(record.withValue(new AudioAnalysis(id, chunk.sampleOffset(), chunk.frameCount(),
                    chunk.sampleRateHz(), chunk.capturedAtMs(), new Analysis(AnalysisStatus.NOT_ANALYSED, unusable),
                    null, null, null, null, chunk.ingestedAtMs(), now)));
            return;
        }

        StreamState state = streams.get(id);
        if (state == null || state.sampleRateHz != chunk.sampleRateHz() || state.channels != chunk.channels()
                || state.nextOffset != chunk.sampleOffset()) {
            if (state != null) {
                log.info("Stream {}: audio continues at sample {} ({} Hz x{}) where {} ({} Hz x{}) was expected; "
                                + "analysis windows start over there", id, chunk.sampleOffset(), chunk.sampleRateHz(),
                        chunk.channels(), state.nextOffset, state.sampleRateHz, state.channels);
            }
            state = StreamState.startRun(state, chunk.sampleRateHz(), chunk.channels(), chunk.sampleOffset());
        }
        AudioAffectModel.State modelState = null;
        if (analyzer.usesModel()) {
            modelState = modelStates.get(id);
            if (!analyzer.fits(modelState)) {
                modelState = analyzer.newModelState();
            }
        }
        AudioAnalysis result = analyzer.analyse(state, modelState, chunk);
        streams.put(id, state);
        if (modelState != null) {
            modelStates.put(id, modelState);
        }
        context.forward(record.withValue(result));
    }

    @Override
    public void close() {
        if (analyzer != null) {
            analyzer = null;
            models.release();
        }
    }
}
