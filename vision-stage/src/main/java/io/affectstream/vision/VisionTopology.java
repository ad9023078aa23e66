package io.affectstream.vision;

import io.affectstream.wire.Analysis;
import io.affectstream.wire.AnalysisStatus;
import io.affectstream.wire.EndOfStream;
import io.affectstream.wire.Topics;
import io.affectstream.wire.VideoFrame;
import io.affectstream.wire.VideoMessage;
import io.affectstream.wire.VisionFrame;
import io.affectstream.wire.VisionMessage;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * The vision stage: video topic → one {@link VisionFrame} per frame (and the end-of-stream) → vision topic.
 * Until face models are configured, a frame passes through with an empty face list and status
 * {@code not_analysed}: no face value is ever made up.
 */
public final class VisionTopology {
    static final Analysis NO_MODEL = new Analysis(AnalysisStatus.NOT_ANALYSED, "no face model configured");

    private VisionTopology() {
    }

    public static Topology build(VisionConfig config, VisionMetrics metrics, LongSupplier wallClockMs) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.VIDEO_FRAMES.name(), Consumed.with(Topics.VIDEO_FRAMES.keySerde(),
                        Topics.VIDEO_FRAMES.valueSerde()).withName("vision-read-frames"))
                .mapValues(message -> analyse(message, metrics, wallClockMs), Named.as("vision-analyse"))
                .to(Topics.VISION_FRAMES.name(), Produced.with(Topics.VISION_FRAMES.keySerde(),
                        Topics.VISION_FRAMES.valueSerde()).withName("vision-write-results"));
        return builder.build();
    }

    private static VisionMessage analyse(VideoMessage message, VisionMetrics metrics, LongSupplier wallClockMs) {
        if (message instanceof EndOfStream end) {
            return end;
        }
        VideoFrame frame = (VideoFrame) message;
        long now = wallClockMs.getAsLong();
        metrics.frameDone(NO_MODEL.status().wireName(), frame.ingestedAtMs(), now);
        return new VisionFrame(frame.streamId(), frame.frameIndex(), frame.ptsMicros(), frame.capturedAtMs(),
                frame.width(), frame.height(), frame.sourceWidth(), frame.sourceHeight(), frame.audioTrack(), NO_MODEL, List.of(),
                frame.ingestedAtMs(), now);
    }
}
