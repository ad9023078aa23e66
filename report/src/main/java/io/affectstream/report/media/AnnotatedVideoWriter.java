package io.affectstream.report.media;

import io.affectstream.ingest.media.MediaException;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

import java.awt.image.BufferedImage;
import java.nio.ShortBuffer;
import java.nio.file.Path;

/**
 * Writes the annotated video: H.264 in MP4 at a constant frame rate, optionally with a mono AAC track. The index
 * goes to the front of the file ("faststart") so a browser can start playing it before it has all of it, and a
 * key frame comes every second so the player can seek.
 *
 * <p>Not thread-safe: one thread opens, writes and closes it.
 */
public final class AnnotatedVideoWriter implements AutoCloseable {
    /** Bits per pixel per frame: enough that thin overlay lines and small text survive H.264's 4:2:0 chroma. */
    private static final double BITS_PER_PIXEL = 0.2;
    private static final int AUDIO_BITRATE = 96_000;

    private final Path file;
    private final FFmpegFrameRecorder recorder;
    private final Java2DFrameConverter converter = new Java2DFrameConverter();
    private final int sampleRateHz;
    private long samplesWritten;
    private boolean stopped;

    private AnnotatedVideoWriter(Path file, FFmpegFrameRecorder recorder, int sampleRateHz) {
        this.file = file;
        this.recorder = recorder;
        this.sampleRateHz = sampleRateHz;
    }

    /**
     * Creates the file and starts the encoders.
     *
     * @param width        frame width, pixels (rounded down to even, as 4:2:0 H.264 needs)
     * @param height       frame height, pixels (likewise)
     * @param frameRate    frames per second of the output
     * @param sampleRateHz sample rate of the mono audio passed to {@link #writeSamples}, or 0 for no audio track
     * @throws MediaException when FFmpeg cannot create the file or start an encoder
     */
    public static AnnotatedVideoWriter open(Path file, int width, int height, double frameRate, int sampleRateHz)
            throws MediaException {
        int evenWidth = Math.max(2, width & ~1);
        int evenHeight = Math.max(2, height & ~1);
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toString(), evenWidth, evenHeight,
                sampleRateHz > 0 ? 1 : 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(frameRate);
        recorder.setGopSize(Math.max(1, (int) Math.round(frameRate)));
        recorder.setVideoBitrate((int) Math.min(Integer.MAX_VALUE,
                Math.round(evenWidth * (double) evenHeight * frameRate * BITS_PER_PIXEL)));
        recorder.setOption("movflags", "+faststart");
        if (sampleRateHz > 0) {
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(sampleRateHz);
            recorder.setAudioBitrate(AUDIO_BITRATE);
        }
        try {
            recorder.start();
        } catch (FrameRecorder.Exception | RuntimeException e) {
            release(recorder);
            throw new MediaException("cannot write video '" + file + "': " + firstLine(e), e);
        }
        return new AnnotatedVideoWriter(file, recorder, sampleRateHz);
    }

    /** Encodes the next frame (scaled by FFmpeg if its size differs from the output's). */
    public void writeImage(BufferedImage image) throws MediaException {
        try {
            recorder.record(converter.getFrame(image));
        } catch (FrameRecorder.Exception | RuntimeException e) {
            throw new MediaException("writing video '" + file + "' failed: " + firstLine(e), e);
        }
    }

    /**
     * Encodes mono samples that start at {@code ptsMicros} of the source. A gap before them (audio that starts late,
     * or a hole in the track) is filled with silence, so sound stays in step with the pictures.
     */
    public void writeSamples(long ptsMicros, short[] samples) throws MediaException {
        if (sampleRateHz <= 0) {
            return;
        }
        long due = Math.round(ptsMicros * (double) sampleRateHz / 1_000_000);
        // fill only gaps longer than 10 ms: smaller differences are timestamp rounding, not silence
        if (due - samplesWritten > sampleRateHz / 100) {
            record(new short[(int) Math.min(Integer.MAX_VALUE, due - samplesWritten)]);
        }
        record(samples);
    }

    private void record(short[] samples) throws MediaException {
        try {
            recorder.recordSamples(sampleRateHz, 1, ShortBuffer.wrap(samples));
            samplesWritten += samples.length;
        } catch (FrameRecorder.Exception | RuntimeException e) {
            throw new MediaException("writing audio of '" + file + "' failed: " + firstLine(e), e);
        }
    }

    /** Flushes the encoders and finishes the file. */
    @Override
    public void close() throws MediaException {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            recorder.stop();
        } catch (FrameRecorder.Exception | RuntimeException e) {
            throw new MediaException("cannot finish video '" + file + "': " + firstLine(e), e);
        } finally {
            release(recorder);
            converter.close();
        }
    }

    private static void release(FFmpegFrameRecorder recorder) {
        try {
            recorder.release();
        } catch (FrameRecorder.Exception | RuntimeException ignored) {
            // already failing or finished: nothing more to report
        }
    }

    private static String firstLine(Throwable e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
    }
}
