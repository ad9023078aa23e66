package io.affectstream.vision.landmarks;

/**
 * One face-mesh point in frame pixels.
 *
 * @param x to the right
 * @param y down
 * @param z depth relative to the face's centre, in the same pixel scale as x and y; smaller is nearer the camera
 */
public record Landmark(double x, double y, double z) {

    /** The mean of some points. */
    static Landmark mean(Landmark... points) {
        double x = 0, y = 0, z = 0;
        for (Landmark p : points) {
            x += p.x;
            y += p.y;
            z += p.z;
        }
        return new Landmark(x / points.length, y / points.length, z / points.length);
    }

    /** Distance in 3-D (x, y and the depth z share one pixel scale). */
    public double distance(Landmark o) {
        double dx = x - o.x;
        double dy = y - o.y;
        double dz = z - o.z;
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    public double distance2d(Landmark o) {
        return Math.hypot(x - o.x, y - o.y);
    }
}
