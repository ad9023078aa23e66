package io.affectstream.wire;

import java.util.Objects;

/**
 * One face found in a frame. The vision issue adds expressions, valence/arousal and AUs here.
 *
 * @param trackId        identity of the face across frames of one stream
 * @param box            face box in source-frame pixels
 * @param detectionScore detector confidence in [0, 1]
 */
public record Face(long trackId, Box box, double detectionScore) {
    public Face {
        Objects.requireNonNull(box, "box");
    }
}
