package io.affectstream.ingest;

import io.affectstream.wire.ImageEncoding;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ingest settings. Keys are declared once here with type, default, validation and doc; every other key is a
 * Kafka producer property and is passed through unchanged.
 */
public final class IngestConfig extends AbstractConfig {
    public static final String BOOTSTRAP_SERVERS = ProducerConfig.BOOTSTRAP_SERVERS_CONFIG;
    public static final String INPUT = "input";
    public static final String STREAM_ID = "stream.id";
    public static final String ANALYSIS_MAX_SIDE = "analysis.max.side";
    public static final String JPEG_QUALITY = "jpeg.quality";
    public static final String FRAME_ENCODING = "frame.encoding";
    public static final String AUDIO_CHUNK_MS = "audio.chunk.ms";
    public static final String REALTIME = "realtime";
    public static final String MAX_FRAMES = "max.frames";

    static final ConfigDef DEFINITION = new ConfigDef()
            .define(BOOTSTRAP_SERVERS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                    Importance.HIGH, "Kafka brokers to publish to, host:port[,host:port...].")
            .define(INPUT, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "A media file, an rtsp/http(s) URL, or a V4L2 device such as /dev/video0.")
            .define(STREAM_ID, Type.STRING, "", Importance.HIGH,
                    "Id of the stream, the Kafka key of all its records (default: input name + random suffix).")
            .define(ANALYSIS_MAX_SIDE, Type.INT, 640, ConfigDef.Range.between(0, 4096), Importance.MEDIUM,
                    "Longest side of published frames in pixels, aspect ratio kept (0: source size).")
            .define(JPEG_QUALITY, Type.INT, 85, ConfigDef.Range.between(1, 100), Importance.MEDIUM,
                    "JPEG quality of published frames, 1-100.")
            .define(FRAME_ENCODING, Type.STRING, "jpeg", ConfigDef.ValidString.in(
                    ImageEncoding.JPEG.settingName(), ImageEncoding.RAW_BGR.settingName()), Importance.MEDIUM,
                    "How frames travel: jpeg (compact, for a networked cluster) or raw (uncompressed BGR, about 0.9 MB"
                            + " a 640x480 frame, no codec: for a broker on the same machine).")
            .define(AUDIO_CHUNK_MS, Type.INT, 50, ConfigDef.Range.between(10, 1000), Importance.MEDIUM,
                    "Duration of each published PCM chunk in ms (the audio latency floor).")
            .define(REALTIME, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Pace a file at its native rate; live sources are paced by nature.")
            .define(MAX_FRAMES, Type.LONG, 0L, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Stop after this many video frames (0: no limit).");

    private static final Set<String> OWN_KEYS = Set.of(INPUT, STREAM_ID, ANALYSIS_MAX_SIDE, JPEG_QUALITY,
            FRAME_ENCODING, AUDIO_CHUNK_MS, REALTIME, MAX_FRAMES);

    public IngestConfig(Map<?, ?> originals) {
        super(DEFINITION, originals, false);
    }

    public String input() {
        return getString(INPUT);
    }

    /** The configured stream id, or one made from the input's name and a random suffix. */
    public String streamId() {
        String configured = getString(STREAM_ID);
        return configured.isBlank() ? defaultStreamId(input()) : configured;
    }

    public int analysisMaxSide() {
        return getInt(ANALYSIS_MAX_SIDE);
    }

    public int jpegQuality() {
        return getInt(JPEG_QUALITY);
    }

    public ImageEncoding frameEncoding() {
        return ImageEncoding.fromSetting(getString(FRAME_ENCODING));
    }

    public int audioChunkMs() {
        return getInt(AUDIO_CHUNK_MS);
    }

    public boolean realtime() {
        return getBoolean(REALTIME);
    }

    public long maxFrames() {
        return getLong(MAX_FRAMES);
    }

    /** Producer properties: every key that is not ingest's own, plus what a media producer needs. */
    public Map<String, Object> producerProperties() {
        Map<String, Object> props = new HashMap<>();
        originals().forEach((k, v) -> {
            if (!OWN_KEYS.contains(k)) {
                props.put(k, v);
            }
        });
        props.put(BOOTSTRAP_SERVERS, String.join(",", getList(BOOTSTRAP_SERVERS)));
        props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, io.affectstream.wire.Topics.MAX_MEDIA_RECORD_BYTES);
        return props;
    }

    static String defaultStreamId(String input) {
        String path = input.replaceFirst("^[a-zA-Z0-9+.-]+://", "").replaceAll("[?#].*$", "");
        String name = path.substring(path.lastIndexOf('/') + 1);
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        String clean = stem.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
        return (clean.isEmpty() ? "stream" : clean) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x10000000);
    }
}
