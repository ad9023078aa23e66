package io.affectstream.ingest.media;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.bytedeco.javacpp.BytePointer;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes one input (file, network URL or V4L2 device) with FFmpeg: video scaled to the analysis size in
 * 3-byte BGR, audio resampled to mono {@value #SAMPLE_RATE_HZ} Hz signed 16-bit. Presentation times are made
 * relative to the first timestamp the source delivers, so a live stream starts near zero like a file.
 *
 * <p>Not thread-safe: one thread opens, reads and closes it.
 */
public final class MediaSource implements AutoCloseable {
    /** The rate of the reference audio models (affect-spec §2): every sample on the wire is at this rate. */
    public static final int SAMPLE_RATE_HZ = 44_100;

    private static final Pattern FFMPEG_ERROR = Pattern.compile("error (-?\\d+)");
    private static final int NETWORK_TIMEOUT_MICROS = 10_000_000;

    private final FFmpegFrameGrabber grabber;
    private final MediaInfo info;
    private final Java2DFrameConverter converter = new Java2DFrameConverter();
    private BufferedImage image;
    private long firstTimestampMicros = Long.MIN_VALUE;
    private long imagesDecoded;

    private MediaSource(FFmpegFrameGrabber grabber, MediaInfo info) {
        this.grabber = grabber;
        this.info = info;
    }

    /** Lets FFmpeg's own log through (warnings and up) or silences it; it is silenced by default. */
    public static void ffmpegLogging(boolean verbose) {
        if (verbose) {
            FFmpegLogCallback.set();
            avutil.av_log_set_level(avutil.AV_LOG_WARNING);
        } else {
            avutil.av_log_set_level(avutil.AV_LOG_QUIET);
        }
    }

    static {
        ffmpegLogging(false);
    }

    /**
     * Opens and probes {@code input}.
     *
     * @param input       a file path, a URL or a device such as {@code /dev/video0}
     * @param maxLongSide longest side of the published frames in pixels (0 keeps the source size)
     * @throws MediaException when the input is missing, unreadable, not media, or has neither audio nor video
     */
    public static MediaSource open(String input, int maxLongSide) throws MediaException {
        SourceKind kind = SourceKind.of(input);
        String target = input.startsWith("v4l2:") ? input.substring("v4l2:".length()) : input;
        if (kind == SourceKind.FILE) {
            checkReadableFile(input);
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(target);
        grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_S16);
        grabber.setSampleRate(SAMPLE_RATE_HZ);
        grabber.setAudioChannels(1);
        if (kind == SourceKind.DEVICE) {
            grabber.setFormat("video4linux2");
        }
        if (kind == SourceKind.NETWORK) {
            // Without timeouts a dead camera blocks the grabber forever.
            grabber.setOption("rw_timeout", Integer.toString(NETWORK_TIMEOUT_MICROS));
            grabber.setOption("timeout", Integer.toString(NETWORK_TIMEOUT_MICROS));
            if (input.toLowerCase(java.util.Locale.ROOT).startsWith("rtsp")) {
                grabber.setOption("rtsp_transport", "tcp");
            }
        }
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            closeQuietly(grabber);
            throw new MediaException("cannot open input '" + input + "': " + describe(e), e);
        }
        boolean hasVideo = grabber.hasVideo() && grabber.getImageWidth() > 0 && grabber.getImageHeight() > 0;
        boolean hasAudio = grabber.hasAudio() && grabber.getAudioChannels() > 0;
        if (!hasVideo && !hasAudio) {
            closeQuietly(grabber);
            throw new MediaException("cannot use input '" + input + "': it has no decodable video or audio stream");
        }
        int sourceWidth = hasVideo ? grabber.getImageWidth() : 0;
        int sourceHeight = hasVideo ? grabber.getImageHeight() : 0;
        int[] analysis = hasVideo ? AnalysisSize.fit(sourceWidth, sourceHeight, maxLongSide) : new int[] {0, 0};
        if (hasVideo) {
            // Scaling inside FFmpeg (swscale) is far cheaper than scaling a full-size image in Java.
            grabber.setImageWidth(analysis[0]);
            grabber.setImageHeight(analysis[1]);
        }
        long length = kind == SourceKind.FILE && hasVideo ? grabber.getLengthInVideoFrames() : -1;
        long duration = grabber.getLengthInTime() > 0 ? grabber.getLengthInTime() : -1;
        MediaInfo info = new MediaInfo(input, kind, String.valueOf(grabber.getFormat()), hasVideo, hasAudio,
                hasVideo ? grabber.getFrameRate() : 0, length > 0 ? length : -1, duration,
                sourceWidth, sourceHeight, analysis[0], analysis[1],
                hasAudio ? SAMPLE_RATE_HZ : 0, hasAudio ? grabber.getAudioChannels() : 0);
        return new MediaSource(grabber, info);
    }

    public MediaInfo info() {
        return info;
    }

    /**
     * Decodes the next image or run of samples.
     *
     * @return the item, or null at the end of the source
     * @throws MediaException when decoding fails part way
     */
    public Decoded next() throws MediaException {
        while (true) {
            Frame frame;
            try {
                frame = grabber.grabFrame(info.hasAudio(), info.hasVideo(), true, false, false);
            } catch (FrameGrabber.Exception | RuntimeException e) {
                throw new MediaException("decoding '" + info.input() + "' failed after " + imagesDecoded
                        + " frames: " + describe(e), e);
            }
            if (frame == null) {
                return null;
            }
            if (frame.image != null && info.hasVideo()) {
                BufferedImage image = toImage(frame);
                imagesDecoded++;
                return new Decoded.Image(relative(frame.timestamp), image);
            }
            if (frame.samples != null && info.hasAudio() && frame.samples.length > 0
                    && frame.samples[0] instanceof ShortBuffer buffer) {
                short[] samples = new short[buffer.remaining()];
                buffer.duplicate().get(samples);
                return new Decoded.Samples(relative(frame.timestamp), samples);
            }
            // data or subtitle packets, or an empty frame: nothing to publish
        }
    }

    /**
     * The decoded frame as a {@code TYPE_3BYTE_BGR} image, reused from call to call like the converter's. The grabber
     * already delivers BGR24, the same byte order as that image type, so rows are bulk-copied; JavaCV's converter
     * would walk every pixel through its gamma-and-flip loop, the ingest thread's largest cost. Other layouts still go
     * through the converter.
     */
    private BufferedImage toImage(Frame frame) {
        if (frame.imageDepth != Frame.DEPTH_UBYTE || frame.imageChannels != 3 || frame.image.length != 1
                || !(frame.image[0] instanceof ByteBuffer pixels)) {
            return converter.getBufferedImage(frame);
        }
        int width = frame.imageWidth;
        int height = frame.imageHeight;
        if (image == null || image.getWidth() != width || image.getHeight() != height) {
            image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        }
        byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        int row = 3 * width;
        for (int y = 0; y < height; y++) {
            pixels.get(y * frame.imageStride, data, y * row, row);
        }
        return image;
    }

    private long relative(long timestampMicros) {
        if (firstTimestampMicros == Long.MIN_VALUE) {
            firstTimestampMicros = timestampMicros;
        }
        return Math.max(0, timestampMicros - firstTimestampMicros);
    }

    @Override
    public void close() {
        closeQuietly(grabber);
        converter.close();
    }

    private static void checkReadableFile(String input) throws MediaException {
        Path path = Path.of(input);
        if (!Files.exists(path)) {
            throw new MediaException("cannot open input '" + input + "': no such file");
        }
        if (Files.isDirectory(path)) {
            throw new MediaException("cannot open input '" + input + "': it is a directory, not a media file");
        }
        if (!Files.isReadable(path)) {
            throw new MediaException("cannot open input '" + input + "': permission denied");
        }
        try {
            if (Files.size(path) == 0) {
                throw new MediaException("cannot open input '" + input + "': the file is empty");
            }
        } catch (java.io.IOException e) {
            throw new MediaException("cannot open input '" + input + "': " + e.getMessage(), e);
        }
    }

    /** FFmpeg's own words for the error code inside a JavaCV exception message, when there is one. */
    static String describe(Throwable e) {
        String message = String.valueOf(e.getMessage());
        Matcher m = FFMPEG_ERROR.matcher(message);
        if (m.find()) {
            try {
                int code = Integer.parseInt(m.group(1));
                try (BytePointer buffer = new BytePointer(256)) {
                    if (avutil.av_strerror(code, buffer, 256) == 0) {
                        // the buffer is longer than the message: stop at FFmpeg's NUL, not at the buffer's end
                        String reason = buffer.getString();
                        int nul = reason.indexOf('\0');
                        reason = nul >= 0 ? reason.substring(0, nul) : reason;
                        if (code == avutil.AVERROR_INVALIDDATA()) {
                            return "not a media file FFmpeg can read (" + reason + ")";
                        }
                        return reason;
                    }
                }
            } catch (NumberFormatException ignored) {
                // fall through to the raw message
            }
        }
        return message.lines().findFirst().orElse(e.getClass().getSimpleName());
    }

    private static void closeQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception | RuntimeException ignored) {
            // closing a half-opened grabber: nothing left to report
        }
    }
}
