package io.affectstream.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * One decoded video frame, scaled to the analysis size and encoded compactly.
 *
 * @param streamId     the stream (also the Kafka key)
 * @param frameIndex   0-based index of the frame in the stream, without gaps
 * @param ptsMicros    presentation time relative to the start of the source, microseconds
 * @param capturedAtMs capture time, epoch ms: session start + presentation time (the Kafka record timestamp)
 * @param ingestedAtMs wall-clock time at which ingest handed the frame to Kafka, epoch ms
 * @param width        width of the encoded image, pixels
 * @param height       height of the encoded image, pixels
 * @param sourceWidth  width of the source frame before scaling, pixels
 * @param sourceHeight height of the source frame before scaling, pixels
 * @param audioTrack   whether the source has an audio track (known at open, so fusion need not guess)
 * @param encoding     how {@code image} is encoded
 * @param image        the encoded image bytes
 */
public record VideoFrame(String streamId, long frameIndex, long ptsMicros, long capturedAtMs, long ingestedAtMs,
                         int width, int height, int sourceWidth, int sourceHeight, boolean audioTrack,
                         ImageEncoding encoding, byte[] image) implements VideoMessage {

    public VideoFrame {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(image, "image");
        if (frameIndex < 0) {
            throw new IllegalArgumentException("frameIndex must be >= 0, was " + frameIndex);
        }
        if (width <= 0 || height <= 0 || sourceWidth <= 0 || sourceHeight <= 0) {
            throw new IllegalArgumentException("frame sizes must be positive, were " + width + "x" + height
                    + " (source " + sourceWidth + "x" + sourceHeight + ")");
        }
        if (encoding == ImageEncoding.RAW_BGR && image.length != (long) width * height * 3) {
            throw new IllegalArgumentException("a raw BGR " + width + "x" + height + " frame has "
                    + (long) width * height * 3 + " bytes, this one " + image.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VideoFrame f && frameIndex == f.frameIndex && ptsMicros == f.ptsMicros
                && capturedAtMs == f.capturedAtMs && ingestedAtMs == f.ingestedAtMs
                && width == f.width && height == f.height && sourceWidth == f.sourceWidth
                && sourceHeight == f.sourceHeight && audioTrack == f.audioTrack && streamId.equals(f.streamId) && encoding == f.encoding
                && Arrays.equals(image, f.image);
    }

    @Override
    public int hashCode() {
        return Objects.hash(streamId, frameIndex, ptsMicros, capturedAtMs) * 31 + Arrays.hashCode(image);
    }

    @Override
    public String toString() {
        return "VideoFrame[" + streamId + " #" + frameIndex + " pts=" + ptsMicros + "us " + width + "x" + height
                + " " + encoding + " " + image.length + " B]";
    }
}
