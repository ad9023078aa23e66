package io.affectstream.cli.bench;

import io.affectstream.ingest.media.Decoded;
import io.affectstream.ingest.media.MediaException;
import io.affectstream.ingest.media.MediaInfo;
import io.affectstream.ingest.media.MediaSource;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The clip as {@code bench} uses it: the ingest decoder's speed over the whole clip (no Kafka, no JPEG), and what
 * the model benchmarks feed their models: the first frames and all of the audio.
 *
 * @param info         what the decoder reported about the clip
 * @param decode       frames decoded per second over the whole clip (images and audio both decoded, as ingest does)
 * @param warmUpFrames frames decoded in an untimed pass first
 * @param frames       copies of the first decoded frames, at the analysis size, 3-byte BGR
 * @param audio        all of the clip's audio, mono 16-bit at {@link MediaSource#SAMPLE_RATE_HZ}
 */
public record ClipSample(MediaInfo info, Throughput decode, int warmUpFrames, List<BufferedImage> frames,
                         short[] audio) {

    /**
     * Decodes {@code warmUpFrames} untimed, then the whole clip timed, keeping the first {@code keepFrames} frames.
     *
     * @param maxSide the analysis size, as {@code run --max-side}
     * @throws MediaException when the clip cannot be opened or decoded, or has no video
     */
    public static ClipSample decode(String clip, int maxSide, int warmUpFrames, int keepFrames) throws MediaException {
        int warmedUp = 0;
        try (MediaSource source = MediaSource.open(clip, maxSide)) {
            if (!source.info().hasVideo()) {
                throw new MediaException("cannot benchmark '" + clip + "': it has no video track");
            }
            for (Decoded d = source.next(); d != null && warmedUp < warmUpFrames; d = source.next()) {
                if (d instanceof Decoded.Image) {
                    warmedUp++;
                }
            }
        }
        List<BufferedImage> kept = new ArrayList<>();
        short[] audio = new short[0];
        int audioLength = 0;
        long images = 0;
        long start = System.nanoTime();
        MediaInfo info;
        try (MediaSource source = MediaSource.open(clip, maxSide)) {
            info = source.info();
            for (Decoded d = source.next(); d != null; d = source.next()) {
                if (d instanceof Decoded.Image image) {
                    images++;
                    if (kept.size() < keepFrames) {
                        kept.add(copy(image.image()));
                    }
                } else if (d instanceof Decoded.Samples samples) {
                    short[] s = samples.samples();
                    if (audioLength + s.length > audio.length) {
                        audio = Arrays.copyOf(audio, Math.max(2 * audio.length, audioLength + s.length));
                    }
                    System.arraycopy(s, 0, audio, audioLength, s.length);
                    audioLength += s.length;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (images == 0) {
            throw new MediaException("cannot benchmark '" + clip + "': no video frame could be decoded");
        }
        return new ClipSample(info, new Throughput(images, images, seconds), warmedUp, List.copyOf(kept),
                Arrays.copyOf(audio, audioLength));
    }

    /** Video frames per second of the clip (25 when the container does not say). */
    public double frameRate() {
        return info.frameRate() > 0 ? info.frameRate() : 25;
    }

    /** The decoder reuses its image: keep a copy. */
    private static BufferedImage copy(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] to = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && image.getRaster().getDataBuffer() instanceof DataBufferByte bytes
                && bytes.getData().length == to.length && bytes.getOffset() == 0) {
            System.arraycopy(bytes.getData(), 0, to, 0, to.length);
        } else {
            java.awt.Graphics2D g = out.createGraphics();
            g.drawImage(image, 0, 0, null);
            g.dispose();
        }
        return out;
    }
}
