package io.affectstream.vision.detect;

/**
 * One face found by the detector, in the pixels of the image it was given.
 *
 * @param x         left edge
 * @param y         top edge
 * @param width     box width
 * @param height    box height
 * @param score     detector confidence in [0, 1]
 * @param keypoints six (x, y) pairs in {@link #KEYPOINT_NAMES} order
 */
public record Detection(double x, double y, double width, double height, double score, double[] keypoints) {
    /** BlazeFace's keypoints; "right"/"left" are the subject's. */
    public static final String[] KEYPOINT_NAMES = {
        "right_eye", "left_eye", "nose_tip", "mouth_centre", "right_ear_tragion", "left_ear_tragion"};

    public Detection {
        keypoints = keypoints.clone();
    }

    @Override
    public double[] keypoints() {
        return keypoints.clone();
    }

    double area() {
        return Math.max(0, width) * Math.max(0, height);
    }

    /** Intersection over union of two boxes. */
    public static double iou(double ax, double ay, double aw, double ah, double bx, double by, double bw, double bh) {
        double ix = Math.max(0, Math.min(ax + aw, bx + bw) - Math.max(ax, bx));
        double iy = Math.max(0, Math.min(ay + ah, by + bh) - Math.max(ay, by));
        double inter = ix * iy;
        double union = Math.max(0, aw) * Math.max(0, ah) + Math.max(0, bw) * Math.max(0, bh) - inter;
        return union <= 0 ? 0 : inter / union;
    }

    double iou(Detection o) {
        return iou(x, y, width, height, o.x, o.y, o.width, o.height);
    }
}
