package io.affectstream.wire;

/**
 * An axis-aligned box in source-frame pixels, origin top-left.
 *
 * @param x      left edge
 * @param y      top edge
 * @param width  width
 * @param height height
 */
public record Box(double x, double y, double width, double height) {
}
