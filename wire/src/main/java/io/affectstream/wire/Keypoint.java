package io.affectstream.wire;

/**
 * A named facial point in source-frame pixels (e.g. {@code right_eye} of the detector's six).
 *
 * @param name point name
 * @param x    horizontal position, pixels from the left
 * @param y    vertical position, pixels from the top
 */
public record Keypoint(String name, double x, double y) {
}
