package io.affectstream.vision.track;

import io.affectstream.vision.geometry.GeometryBaseline;

/**
 * A face being followed: its id, its last box (source pixels), the frame it was last seen in, and its neutral-face
 * baseline for the geometric AUs (null until landmarks have been measured on it).
 */
public record Track(long id, double x, double y, double width, double height, long lastFrame,
                    GeometryBaseline geometry) {
    public Track(long id, double x, double y, double width, double height, long lastFrame) {
        this(id, x, y, width, height, lastFrame, null);
    }

    public Track withGeometry(GeometryBaseline baseline) {
        return new Track(id, x, y, width, height, lastFrame, baseline);
    }
}
