package io.affectstream.fusion;

import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.AffectFrame.AudioReport;
import io.affectstream.wire.AffectMessage;
import io.affectstream.wire.Analysis;
import io.affectstream.wire.AnalysisStatus;
import io.affectstream.wire.AudioAnalysis;
import io.affectstream.wire.EndOfStream;
import io.affectstream.wire.EndReason;
import io.affectstream.wire.Modality;
import io.affectstream.wire.StreamMessage;
import io.affectstream.wire.VisionFrame;
import io.affectstream.wire.VisionMessage;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Aligns each vision result with the audio covering its capture time, then smooths and fuses it.
 *
 * <p>Alignment is by event time with a bounded wait: a frame whose audio has not arrived waits (in the
 * {@value FusionTopology#PENDING_STORE} store) until the audio reaches its presentation time, the audio ends, or
 * {@code fusion.audio.max.wait.ms} of wall clock pass; then it goes out with audio {@code missing}. Frames of a
 * stream leave in order, so a later frame never overtakes a waiting one. A wall-clock punctuation enforces the
 * bound even when no record arrives, so nothing waits forever.
 */
final class FusionProcessor implements Processor<String, StreamMessage, String, AffectMessage> {
    private static final Analysis AUDIO_NO_TRACK = new Analysis(AnalysisStatus.ABSENT, "the input has no audio track");
    private static final Analysis AUDIO_ENDED = new Analysis(AnalysisStatus.ABSENT,
            "the audio track ended before this frame");

    private final FusionConfig config;
    private final FusionMetrics metrics;
    private final LongSupplier wallClockMs;
    private final FrameSmoother smoother;
    private final Analysis audioMissing;
    private ProcessorContext<String, AffectMessage> context;
    private CachedStore<AudioTimeline> audioStore;
    private CachedStore<PendingFrames> pendingStore;
    private CachedStore<SmoothingHistory> historyStore;

    FusionProcessor(FusionConfig config, FusionMetrics metrics, LongSupplier wallClockMs) {
        this.config = config;
        this.metrics = metrics;
        this.wallClockMs = wallClockMs;
        this.smoother = new FrameSmoother(config.smoothingWindow(), config.centred(), config.attribution(),
                config.speechThreshold(), config.weights());
        this.audioMissing = new Analysis(AnalysisStatus.MISSING,
                "no audio covering this frame arrived within " + config.audioMaxWaitMs() + " ms");
    }

    @Override
    public void init(ProcessorContext<String, AffectMessage> context) {
        this.context = context;
        this.audioStore = new CachedStore<>(context.getStateStore(FusionTopology.AUDIO_STORE));
        this.pendingStore = new CachedStore<>(context.getStateStore(FusionTopology.PENDING_STORE));
        this.historyStore = new CachedStore<>(context.getStateStore(FusionTopology.HISTORY_STORE));
        context.schedule(Duration.ofMillis(config.punctuateMs()), PunctuationType.WALL_CLOCK_TIME, this::releaseAll);
    }

    @Override
    public void process(Record<String, StreamMessage> record) {
        String streamId = record.key();
        if (streamId == null) {
            return;
        }
        StreamMessage message = record.value();
        if (message instanceof AudioAnalysis span) {
            AudioTimeline timeline = timeline(streamId);
            if (timeline.covers(span)) {
                metrics.duplicateDropped("audio");
                return;
            }
            audioStore.put(streamId, timeline.with(span));
        } else if (message instanceof EndOfStream end && end.modality() == Modality.AUDIO) {
            save(streamId, timeline(streamId).end(end.reason() == EndReason.NO_TRACK));
        } else if (message instanceof VisionMessage vision) {
            PendingFrames pending = pendingStore.get(streamId);
            if (vision instanceof VisionFrame frame && frame.frameIndex() <= lastFrameIndex(streamId, pending)) {
                metrics.duplicateDropped("vision");
                return;
            }
            List<VisionMessage> messages = new ArrayList<>(pending == null ? List.of() : pending.messages());
            List<Long> arrived = new ArrayList<>(pending == null ? List.of() : pending.arrivedAtMs());
            messages.add(vision);
            arrived.add(wallClockMs.getAsLong());
            pendingStore.put(streamId, new PendingFrames(messages, arrived));
        }
        release(streamId, wallClockMs.getAsLong());
    }

    /**
     * The index of the stream's newest frame seen (waiting, or in the smoothing window), or -1. Frames of a stream
     * arrive in order, so one at or below it is a repeat: under at-least-once, a restarted vision stage sends again
     * what it had sent since its last commit. (After a stream's end its state is gone, and so is this memory.)
     */
    private long lastFrameIndex(String streamId, PendingFrames pending) {
        if (pending != null) {
            for (int i = pending.messages().size() - 1; i >= 0; i--) {
                if (pending.messages().get(i) instanceof VisionFrame frame) {
                    return frame.frameIndex();
                }
            }
        }
        SmoothingHistory history = historyStore.get(streamId);
        if (history == null || history.frames().isEmpty()) {
            return -1;
        }
        return history.frames().get(history.frames().size() - 1).frame().frameIndex();
    }

    private AudioTimeline timeline(String streamId) {
        AudioTimeline timeline = audioStore.get(streamId);
        return timeline == null ? AudioTimeline.EMPTY : timeline;
    }

    private void releaseAll(long nowMs) {
        for (String streamId : pendingStore.keys()) {
            release(streamId, nowMs);
        }
    }

    /** Publishes the stream's waiting frames, oldest first, for as long as each one's audio is settled. */
    private void release(String streamId, long nowMs) {
        PendingFrames pending = pendingStore.get(streamId);
        if (pending == null) {
            return;
        }
        AudioTimeline before = timeline(streamId);
        AudioTimeline timeline = before;
        int released = 0;
        for (int i = 0; i < pending.messages().size(); i++) {
            VisionMessage message = pending.messages().get(i);
            long arrivedAtMs = pending.arrivedAtMs().get(i);
            if (message instanceof EndOfStream end) {
                flushAndEnd(streamId, end);
                timeline = timeline.endVideo();
                released++;
                continue;
            }
            VisionFrame frame = (VisionFrame) message;
            AlignedFrame aligned = align(frame, timeline, arrivedAtMs, nowMs);
            if (aligned == null) {
                break;
            }
            timeline = timeline.prunedBefore(frame.ptsMicros());
            metrics.audioWaited(frame, nowMs - arrivedAtMs, aligned.audio().analysis().status());
            publish(streamId, aligned);
            released++;
        }
        if (released == 0) {
            return;
        }
        if (released == pending.messages().size()) {
            pendingStore.delete(streamId);
        } else {
            pendingStore.put(streamId, new PendingFrames(
                    pending.messages().subList(released, pending.messages().size()),
                    pending.arrivedAtMs().subList(released, pending.arrivedAtMs().size())));
        }
        if (timeline != before) {
            save(streamId, timeline);
        }
    }

    // A stream whose audio and video have both ended needs no memory any more.
    private void save(String streamId, AudioTimeline timeline) {
        if (timeline.finished()) {
            audioStore.delete(streamId);
        } else {
            audioStore.put(streamId, timeline);
        }
    }

    /** The frame with its audio settled, or null when it should still wait. */
    private AlignedFrame align(VisionFrame frame, AudioTimeline timeline, long arrivedAtMs, long nowMs) {
        if (!frame.audioTrack() || timeline.noTrack()) {
            return new AlignedFrame(frame, report(AUDIO_NO_TRACK), null, arrivedAtMs);
        }
        if (timeline.reaches(frame.ptsMicros())) {
            AudioAnalysis span = timeline.spanAt(frame.ptsMicros());
            if (span != null) {
                return new AlignedFrame(frame, new AudioReport(span.analysis(), span.speechProbability(),
                        span.arousal(), span.valence(), span.source(), List.of()), span.audioAtMs(), arrivedAtMs);
            }
            return new AlignedFrame(frame, report(new Analysis(AnalysisStatus.MISSING,
                    "the audio has a gap at this frame's time")), null, arrivedAtMs);
        }
        if (timeline.ended()) {
            return new AlignedFrame(frame, report(AUDIO_ENDED), null, arrivedAtMs);
        }
        if (nowMs - arrivedAtMs >= config.audioMaxWaitMs()) {
            return new AlignedFrame(frame, report(audioMissing), null, arrivedAtMs);
        }
        return null;
    }

    private static AudioReport report(Analysis analysis) {
        return new AudioReport(analysis, null, null, null, null, List.of());
    }

    /** Adds a frame to the smoothing history and publishes whichever frame now has its full window. */
    private void publish(String streamId, AlignedFrame aligned) {
        SmoothingHistory history = historyStore.get(streamId);
        List<AlignedFrame> frames = new ArrayList<>(history == null ? List.of() : history.frames());
        int unpublished = (history == null ? 0 : history.unpublished()) + 1;
        frames.add(aligned);
        if (unpublished > smoother.futureFrames()) {
            forward(frames, frames.size() - unpublished);
            unpublished--;
        }
        int keep = smoother.pastFrames() + 1 + smoother.futureFrames();
        if (frames.size() > keep) {
            frames = frames.subList(frames.size() - keep, frames.size());
        }
        historyStore.put(streamId, new SmoothingHistory(frames, unpublished));
    }

    private void forward(List<AlignedFrame> frames, int index) {
        long now = wallClockMs.getAsLong();
        AffectFrame out = smoother.smooth(frames, index, now);
        VisionFrame source = frames.get(index).frame();
        metrics.framePublished(out);
        context.forward(new Record<>(source.streamId(), (AffectMessage) out, source.capturedAtMs()));
    }

    /** Publishes frames still waiting for a future half-window (centred mode), then the end. */
    private void flushAndEnd(String streamId, EndOfStream end) {
        SmoothingHistory history = historyStore.get(streamId);
        if (history != null) {
            List<AlignedFrame> frames = history.frames();
            for (int i = frames.size() - history.unpublished(); i < frames.size(); i++) {
                forward(frames, i);
            }
            historyStore.delete(streamId);
        }
        context.forward(new Record<>(streamId, (AffectMessage) end, end.capturedAtMs()));
    }
}
