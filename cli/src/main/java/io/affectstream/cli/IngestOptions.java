package io.affectstream.cli;

import io.affectstream.ingest.IngestConfig;
import io.affectstream.ingest.media.MediaException;
import io.affectstream.ingest.media.MediaSource;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;

/** The input options shared by {@code run} and {@code ingest}. */
final class IngestOptions {
    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE|URL|DEVICE",
            description = "Media file (mp4, mkv, avi, webm, mov, ...), rtsp/http(s) URL, or V4L2 device (/dev/video0).")
    String input;

    @Option(names = "--stream-id", paramLabel = "ID",
            description = "Stream id, the Kafka key of every record (default: input name + random suffix).")
    String streamId;

    @Option(names = "--realtime",
            description = "Pace a file at its native frame rate, as a live source would arrive.")
    boolean realtime;

    @Option(names = "--max-side", paramLabel = "PX", defaultValue = "640",
            description = "Longest side of analysed frames, aspect kept; 0 keeps the source size (default: ${DEFAULT-VALUE}).")
    int maxSide;

    @Option(names = "--jpeg-quality", paramLabel = "1-100", defaultValue = "85",
            description = "JPEG quality of frames on the wire (default: ${DEFAULT-VALUE}).")
    int jpegQuality;

    @Option(names = "--frame-encoding", paramLabel = "jpeg|raw",
            description = {"How frames travel to the vision stage: jpeg, or raw (uncompressed BGR, ~0.9 MB a 640x480",
                    "frame, no codec on either side). Default: raw to run's embedded broker, jpeg to a cluster."})
    String frameEncoding;

    @Option(names = "--audio-chunk-ms", paramLabel = "MS",
            description = {"Duration of each PCM chunk on the wire; a frame waits for the chunk that covers it",
                    "(default: " + LIVE_AUDIO_CHUNK_MS + " for live sources and --realtime, " + FILE_AUDIO_CHUNK_MS
                            + " for files read as fast as possible)."})
    Integer audioChunkMs;

    static final int LIVE_AUDIO_CHUNK_MS = 20;
    static final int FILE_AUDIO_CHUNK_MS = 50;

    @Option(names = "--max-frames", paramLabel = "N", defaultValue = "0",
            description = "Stop after N video frames; 0 means no limit (default: ${DEFAULT-VALUE}).")
    long maxFrames;

    /**
     * Ingest config on top of the given client properties; a bad value is a usage error naming the option.
     * {@code paced}: the source is live or paced, so latency matters more than the number of records.
     */
    IngestConfig toConfig(Map<String, Object> clientProperties, boolean paced) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(IngestConfig.INPUT, input);
        if (streamId != null) {
            props.put(IngestConfig.STREAM_ID, streamId);
        }
        props.put(IngestConfig.REALTIME, realtime);
        props.put(IngestConfig.ANALYSIS_MAX_SIDE, maxSide);
        props.put(IngestConfig.JPEG_QUALITY, jpegQuality);
        if (frameEncoding != null) {
            props.put(IngestConfig.FRAME_ENCODING, frameEncoding);
        }
        props.put(IngestConfig.AUDIO_CHUNK_MS, audioChunkMs != null ? audioChunkMs
                : paced ? LIVE_AUDIO_CHUNK_MS : FILE_AUDIO_CHUNK_MS);
        props.put(IngestConfig.MAX_FRAMES, maxFrames);
        try {
            return new IngestConfig(props);
        } catch (ConfigException e) {
            throw new CliError(e.getMessage(), ExitCodes.USAGE, e);
        }
    }

    /** Opens the input up front so that a bad one fails before anything else starts. */
    MediaSource open() {
        if (maxSide < 0 || maxSide > 4096) {
            throw new CliError("--max-side must be between 0 and 4096 (was " + maxSide + ")", ExitCodes.USAGE);
        }
        try {
            return MediaSource.open(input, maxSide);
        } catch (MediaException e) {
            throw new CliError(e.getMessage(), ExitCodes.BAD_INPUT, e);
        }
    }
}
