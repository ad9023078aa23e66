package io.affectstream.wire;

import io.affectstream.wire.serde.AudioMessageSerde;
import io.affectstream.wire.serde.JsonSerde;
import io.affectstream.wire.serde.VideoMessageSerde;
import org.apache.kafka.common.serialization.Serdes;

import java.util.List;
import java.util.Map;

/**
 * The one catalog of the pipeline's topics: ingest → video/audio → vision/audio stages → fusion → affect.
 * Every topic is keyed by stream id, so all records of one stream share a partition and stay in order, and the
 * topics are co-partitioned (same partition count) so that fusion can read both modalities of a stream in one task.
 * No topic name appears anywhere else in the code base.
 */
public final class Topics {
    /** Largest record the media topics accept; a 640 px JPEG frame is typically 20-80 kB. */
    public static final int MAX_MEDIA_RECORD_BYTES = 8 * 1024 * 1024;

    private static final Map<String, String> MEDIA_CONFIGS = Map.of(
            "max.message.bytes", Integer.toString(MAX_MEDIA_RECORD_BYTES),
            "retention.ms", Long.toString(6L * 3600 * 1000));
    private static final Map<String, String> ANALYSIS_CONFIGS = Map.of(
            "retention.ms", Long.toString(24L * 3600 * 1000));
    private static final Map<String, String> OUTPUT_CONFIGS = Map.of(
            "retention.ms", Long.toString(7L * 24 * 3600 * 1000));

    public static final Topic<String, VideoMessage> VIDEO_FRAMES = new Topic<>("affect.ingest.video",
            Serdes.String(), new VideoMessageSerde(), MEDIA_CONFIGS,
            "decoded video frames (JPEG at the analysis size) and the video end-of-stream, binary");

    public static final Topic<String, AudioMessage> AUDIO_CHUNKS = new Topic<>("affect.ingest.audio",
            Serdes.String(), new AudioMessageSerde(), MEDIA_CONFIGS,
            "mono 44.1 kHz 16-bit PCM chunks with sample offsets and the audio end-of-stream, binary");

    public static final Topic<String, VisionMessage> VISION_FRAMES = new Topic<>("affect.vision.frames",
            Serdes.String(), new JsonSerde<>(VisionMessage.class), ANALYSIS_CONFIGS,
            "per-frame faces from the vision stage, JSON");

    public static final Topic<String, AudioAnalysisMessage> AUDIO_AFFECT = new Topic<>("affect.audio.affect",
            Serdes.String(), new JsonSerde<>(AudioAnalysisMessage.class), ANALYSIS_CONFIGS,
            "per-chunk speech activity and audio affect from the audio stage, JSON");

    public static final Topic<String, AffectMessage> AFFECT_FRAMES = new Topic<>("affect.frames",
            Serdes.String(), new JsonSerde<>(AffectMessage.class), OUTPUT_CONFIGS,
            "the public per-frame affect records, JSON, one per video frame");

    /** Records a stage could not read, with the error in the {@code __streams.errors.*} headers. */
    public static final Topic<byte[], byte[]> DEAD_LETTERS = new Topic<>("affect.dead-letters",
            Serdes.ByteArray(), Serdes.ByteArray(), ANALYSIS_CONFIGS,
            "records a stage could not deserialize or process, as they arrived, with the error in headers");

    private Topics() {
    }

    /** Every topic of the pipeline, in pipeline order. */
    public static List<Topic<?, ?>> all() {
        return List.of(VIDEO_FRAMES, AUDIO_CHUNKS, VISION_FRAMES, AUDIO_AFFECT, AFFECT_FRAMES, DEAD_LETTERS);
    }
}
