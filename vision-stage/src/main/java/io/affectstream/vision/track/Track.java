package io.affectstream.vision.track;

/**
 * A face being followed: its id, its last box (source pixels) and the frame it was last seen in.
 */
public record Track(long id, double x, double y, double width, double height, long lastFrame) {
}
