package io.affectstream.wire;

import java.util.List;
import java.util.Objects;

/**
 * The vision stage's result for one video frame.
 *
 * @param streamId       the stream
 * @param frameIndex     index of the video frame
 * @param ptsMicros      presentation time, microseconds from the start of the source
 * @param capturedAtMs   capture time, epoch ms (the Kafka record timestamp)
 * @param width          width of the analysed image, pixels
 * @param height         height of the analysed image, pixels
 * @param sourceWidth    width of the source frame, pixels (face boxes are in these pixels)
 * @param sourceHeight   height of the source frame, pixels
 * @param audioTrack     whether the source has an audio track
 * @param analysis       whether faces were looked for, and if not why
 * @param faces          faces found, empty when none (or when {@code analysis} says none were looked for)
 * @param ingestedAtMs   wall-clock time ingest published the frame, epoch ms
 * @param visionAtMs     wall-clock time the vision stage finished the frame, epoch ms
 */
public record VisionFrame(String streamId, long frameIndex, long ptsMicros, long capturedAtMs,
                          int width, int height, int sourceWidth, int sourceHeight, boolean audioTrack,
                          Analysis analysis, List<Face> faces, long ingestedAtMs, long visionAtMs)
        implements VisionMessage {

    public VisionFrame {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(analysis, "analysis");
        faces = List.copyOf(faces);
    }
}
