package io.affectstream.ingest.media;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.ShortBuffer;
import java.nio.file.Path;

/**
 * Writes a short clip of known content (H.264/AAC in mp4, mov and mkv; VP8/Opus in webm; MPEG-4/MP3 in avi), for tests, benchmarks and the demo: a moving gradient with
 * the frame number printed on it (and an optional photo panned across), and a two-tone audio track whose
 * loudness swells once a second. No binary fixtures are committed; clips are made when needed.
 */
public final class SyntheticClip {
    private int width = 640;
    private int height = 480;
    private double frameRate = 25;
    private double seconds = 10;
    private int audioSampleRateHz = 16_000;
    private boolean video = true;
    private boolean audio = true;
    private BufferedImage photo;

    public SyntheticClip size(int width, int height) {
        this.width = width;
        this.height = height;
        return this;
    }

    public SyntheticClip frameRate(double frameRate) {
        this.frameRate = frameRate;
        return this;
    }

    public SyntheticClip seconds(double seconds) {
        this.seconds = seconds;
        return this;
    }

    public SyntheticClip audioSampleRate(int hz) {
        this.audioSampleRateHz = hz;
        return this;
    }

    public SyntheticClip withoutAudio() {
        this.audio = false;
        return this;
    }

    public SyntheticClip withoutVideo() {
        this.video = false;
        return this;
    }

    /** A photo drawn centred on each frame, drifting slowly (e.g. a face, for the vision stage). */
    public SyntheticClip photo(BufferedImage photo) {
        this.photo = photo;
        return this;
    }

    /** Number of video frames the clip will have. */
    public int frameCount() {
        return video ? (int) Math.round(seconds * frameRate) : 0;
    }

    /**
     * Writes the clip. MP4 output gets its index at the front ("faststart"), so a cut-off copy still opens.
     *
     * @throws MediaException when FFmpeg cannot write it
     */
    public Path writeTo(Path file) throws MediaException {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toString(),
                video ? width : 0, video ? height : 0, audio ? 1 : 0);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            String name = file.getFileName().toString();
            String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
            recorder.setFormat(extension.equals("mkv") ? "matroska" : extension);
            if (video) {
                recorder.setVideoCodec(videoCodec(extension));
                recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                recorder.setFrameRate(frameRate);
                recorder.setGopSize((int) Math.round(frameRate));
                recorder.setVideoBitrate(1_000_000);
            }
            if (audio) {
                recorder.setAudioCodec(audioCodec(extension));
                recorder.setSampleRate(audioSampleRateHz);
                recorder.setAudioBitrate(64_000);
            }
            if (extension.equals("mp4") || extension.equals("mov")) {
                recorder.setOption("movflags", "+faststart");
            }
            recorder.start();
            BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            long totalSamples = Math.round(seconds * audioSampleRateHz);
            long samplesWritten = 0;
            int frames = video ? frameCount() : (int) Math.ceil(seconds * 25);
            double frameSeconds = video ? 1 / frameRate : 1 / 25.0;
            for (int i = 0; i < frames; i++) {
                if (video) {
                    drawFrame(canvas, i);
                    recorder.record(converter.getFrame(canvas));
                }
                if (audio) {
                    long until = Math.min(totalSamples, Math.round((i + 1) * frameSeconds * audioSampleRateHz));
                    short[] pcm = audioSamples(samplesWritten, (int) (until - samplesWritten));
                    samplesWritten = until;
                    if (pcm.length > 0) {
                        recorder.recordSamples(audioSampleRateHz, 1, ShortBuffer.wrap(pcm));
                    }
                }
            }
            recorder.stop();
            return file;
        } catch (FrameRecorder.Exception | RuntimeException e) {
            throw new MediaException("cannot write clip '" + file + "': " + MediaSource.describe(e), e);
        }
    }

    // What each container is normally found with (and what the bundled FFmpeg build can encode).
    private static int videoCodec(String extension) {
        return switch (extension) {
            case "webm" -> avcodec.AV_CODEC_ID_VP8;
            case "avi" -> avcodec.AV_CODEC_ID_MPEG4;
            default -> avcodec.AV_CODEC_ID_H264;
        };
    }

    private static int audioCodec(String extension) {
        return switch (extension) {
            case "webm" -> avcodec.AV_CODEC_ID_OPUS;
            case "avi" -> avcodec.AV_CODEC_ID_MP3;
            default -> avcodec.AV_CODEC_ID_AAC;
        };
    }

    /** Draws frame {@code index} as the clip has it into {@code canvas}, an image of the clip's size. */
    public void drawFrame(BufferedImage canvas, int index) {
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            float phase = (float) (index / Math.max(1.0, frameCount() - 1.0));
            g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(phase, 0.5f, 0.9f),
                    width, height, Color.getHSBColor(phase + 0.5f, 0.6f, 0.4f)));
            g.fillRect(0, 0, width, height);
            if (photo != null) {
                double scale = Math.min(width * 0.8 / photo.getWidth(), height * 0.8 / photo.getHeight());
                int w = (int) (photo.getWidth() * scale);
                int h = (int) (photo.getHeight() * scale);
                int dx = (int) (Math.sin(index * 0.05) * width * 0.05);
                g.drawImage(photo, (width - w) / 2 + dx, (height - h) / 2, w, h, null);
            }
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(3));
            int x = (int) ((index * 7L) % Math.max(1, width - 40));
            g.drawRect(x, height - 40, 30, 30);
            g.setFont(new Font(Font.MONOSPACED, Font.BOLD, Math.max(12, height / 16)));
            g.drawString("frame " + index, 12, height / 12 + 4);
        } finally {
            g.dispose();
        }
    }

    /**
     * {@code count} samples of the clip's audio from sample {@code from}, at its audio rate: 220 Hz + 330 Hz, swelling
     * once a second, so that level and pitch analysers have something to see.
     */
    public short[] audioSamples(long from, int count) {
        short[] pcm = new short[count];
        for (int i = 0; i < count; i++) {
            double t = (from + i) / (double) audioSampleRateHz;
            double envelope = 0.25 + 0.2 * Math.sin(2 * Math.PI * t);
            double value = envelope * (Math.sin(2 * Math.PI * 220 * t) + 0.5 * Math.sin(2 * Math.PI * 330 * t));
            pcm[i] = (short) Math.round(Math.max(-1, Math.min(1, value)) * 24_000);
        }
        return pcm;
    }
}
