package io.affectstream.fusion;

import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.AffectMessage;
import io.affectstream.wire.Analysis;
import io.affectstream.wire.AnalysisStatus;
import io.affectstream.wire.AudioAnalysis;
import io.affectstream.wire.EndOfStream;
import io.affectstream.wire.EndReason;
import io.affectstream.wire.Modality;
import io.affectstream.wire.StreamMessage;
import io.affectstream.wire.VisionFrame;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.function.LongSupplier;

/**
 * Turns each vision result into the public affect record, saying for every frame what is known of the audio at
 * its time: absent (the frame itself says the source has no audio track), not analysed (audio arrived, no audio model yet), or missing (nothing
 * covering the frame had arrived). Both inputs of one stream arrive in the same task, in timestamp order.
 */
final class FusionProcessor implements Processor<String, StreamMessage, String, AffectMessage> {
    private static final Analysis AUDIO_ABSENT = new Analysis(AnalysisStatus.ABSENT, "the input has no audio track");
    private static final Analysis AUDIO_ENDED = new Analysis(AnalysisStatus.ABSENT, "the audio track ended before this frame");
    private static final Analysis AUDIO_MISSING = new Analysis(AnalysisStatus.MISSING,
            "no audio covering this frame had arrived");

    private final FusionMetrics metrics;
    private final LongSupplier wallClockMs;
    private ProcessorContext<String, AffectMessage> context;
    private KeyValueStore<String, StreamProgress> progress;

    FusionProcessor(FusionMetrics metrics, LongSupplier wallClockMs) {
        this.metrics = metrics;
        this.wallClockMs = wallClockMs;
    }

    @Override
    public void init(ProcessorContext<String, AffectMessage> context) {
        this.context = context;
        this.progress = context.getStateStore(FusionTopology.PROGRESS_STORE);
    }

    @Override
    public void process(Record<String, StreamMessage> record) {
        String streamId = record.key();
        StreamProgress state = progress.get(streamId);
        if (state == null) {
            state = StreamProgress.NONE;
        }
        StreamMessage message = record.value();
        if (message instanceof AudioAnalysis audio) {
            save(streamId, new StreamProgress(audio.sampleRateHz(),
                    Math.max(state.audioEndSample(), audio.sampleOffset() + audio.sampleCount()),
                    state.audioEnded(), false, state.videoEnded()));
        } else if (message instanceof VisionFrame frame) {
            publish(record, frame, audioFor(frame, state));
        } else if (message instanceof EndOfStream end && end.modality() == Modality.AUDIO) {
            save(streamId, new StreamProgress(state.sampleRateHz(), state.audioEndSample(), true,
                    end.reason() == EndReason.NO_TRACK, state.videoEnded()));
        } else if (message instanceof EndOfStream end) {
            save(streamId, new StreamProgress(state.sampleRateHz(), state.audioEndSample(), state.audioEnded(),
                    state.audioAbsent(), true));
            context.forward(record.withValue((AffectMessage) end));
        }
    }

    private Analysis audioFor(VisionFrame frame, StreamProgress state) {
        if (!frame.audioTrack() || state.audioAbsent()) {
            return AUDIO_ABSENT;
        }
        if (state.audioCovers(frame.ptsMicros())) {
            return FusionTopology.AUDIO_NOT_ANALYSED;
        }
        return state.audioEnded() ? AUDIO_ENDED : AUDIO_MISSING;
    }

    private void publish(Record<String, StreamMessage> record, VisionFrame frame, Analysis audio) {
        long now = wallClockMs.getAsLong();
        AffectFrame out = new AffectFrame(AffectFrame.SCHEMA_VERSION, frame.streamId(), frame.frameIndex(),
                frame.ptsMicros(), frame.capturedAtMs(), frame.sourceWidth(), frame.sourceHeight(), frame.faces(),
                frame.analysis(), new AffectFrame.AudioReport(audio, null, null, null),
                new AffectFrame.Timing(frame.ingestedAtMs(), frame.visionAtMs(), now, now - frame.ingestedAtMs()));
        metrics.framePublished(audio.status().wireName(), frame.ingestedAtMs(), frame.visionAtMs(), now);
        context.forward(record.withValue((AffectMessage) out));
    }

    // A stream whose both ends have been seen needs no memory any more.
    private void save(String streamId, StreamProgress state) {
        if (state.finished()) {
            progress.delete(streamId);
        } else {
            progress.put(streamId, state);
        }
    }
}
