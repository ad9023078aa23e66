package io.affectstream.vision.geometry;

import io.affectstream.vision.landmarks.FaceLandmarks;
import io.affectstream.vision.landmarks.FaceRegion;
import io.affectstream.wire.Box;

/**
 * A schematic face mesh for tests: only the landmarks the geometry reads are placed, in a frontal face frame
 * (x to the image's right, y down, z away from the camera, pixels, inter-ocular distance 60), then moved by
 * expression-like edits and a head rotation.
 */
final class SyntheticMesh {
    private static final int POINTS = FaceLandmarks.COUNT;
    private final float[] mesh = new float[3 * POINTS];

    SyntheticMesh() {
        set(10, 0, -90, 0);     // forehead
        set(152, 0, 110, 0);    // chin
        set(1, 0, 40, -30);     // nose tip
        // Eye lid contours (human's meshAnnotations): an ellipse 30 wide, 10 high around (-30, 0) and (30, 0),
        // so the inter-ocular distance is 60 and the lid-middle aspect ratio 10 / 30.
        eye(-30, new int[] {33, 246, 161, 160, 159, 158, 157, 173, 133}, new int[] {7, 163, 144, 145, 153, 154, 155});
        eye(30, new int[] {263, 466, 388, 387, 386, 385, 384, 398, 362}, new int[] {249, 390, 373, 374, 380, 381, 382});
        set(107, -15, -27, 0);  // right brow, inner end
        set(336, 15, -27, 0);   // left brow, inner end
        set(70, -45, -27, 0);   // right brow, outer
        set(300, 45, -27, 0);   // left brow, outer
        set(61, -25, 75, 0);    // mouth corners
        set(291, 25, 75, 0);
        set(13, 0, 75, 0);      // inner lips
        set(14, 0, 75.6f, 0);
    }

    /** Corners and upper lid from the image's left to right, then the lower lid between the corners. */
    private void eye(float centreX, int[] cornerUpperCorner, int[] lower) {
        boolean right = centreX < 0;
        int n = cornerUpperCorner.length;
        for (int i = 0; i < n; i++) {
            double t = (double) i / (n - 1);                // 0 .. 1 across the eye
            float x = (float) ((right ? -15 : 15) * (1 - 2 * t));
            float y = (float) (-5 * Math.sqrt(Math.max(0, 1 - (x / 15.0) * (x / 15.0))));
            set(cornerUpperCorner[i], centreX + x, y, 0);
        }
        for (int i = 0; i < lower.length; i++) {
            double t = (i + 1.0) / (lower.length + 1);
            float x = (float) ((right ? -15 : 15) * (1 - 2 * t));
            float y = (float) (5 * Math.sqrt(Math.max(0, 1 - (x / 15.0) * (x / 15.0))));
            set(lower[i], centreX + x, y, 0);
        }
    }

    SyntheticMesh set(int index, float x, float y, float z) {
        mesh[3 * index] = x;
        mesh[3 * index + 1] = y;
        mesh[3 * index + 2] = z;
        return this;
    }

    SyntheticMesh move(int index, float dx, float dy) {
        mesh[3 * index] += dx;
        mesh[3 * index + 1] += dy;
        return this;
    }

    /**
     * Rotated by roll (about the view axis), then pitch (about x), then yaw (about y), degrees: the face's pose is
     * {@code Ry(yaw) Rx(pitch) Rz(roll)}, the convention {@link HeadPoseEstimator} reads.
     */
    FaceLandmarks rotated(double yawDeg, double pitchDeg, double rollDeg) {
        double y = Math.toRadians(yawDeg);
        double p = Math.toRadians(pitchDeg);
        double r = Math.toRadians(rollDeg);
        double[] out = new double[mesh.length];
        for (int i = 0; i < POINTS; i++) {
            double x0 = mesh[3 * i];
            double y0 = mesh[3 * i + 1];
            double z0 = mesh[3 * i + 2];
            // Roll: the face's x axis turns towards +y (the subject's left side down) for a positive angle.
            double x1 = x0 * Math.cos(r) - y0 * Math.sin(r);
            double y1 = x0 * Math.sin(r) + y0 * Math.cos(r);
            // Pitch: the facing direction (0, 0, -1) turns towards -y (up in the image) for a positive angle.
            double y2 = y1 * Math.cos(p) + z0 * Math.sin(p);
            double z2 = -y1 * Math.sin(p) + z0 * Math.cos(p);
            // Yaw: the facing direction turns towards +x for a positive angle.
            double x3 = x1 * Math.cos(y) - z2 * Math.sin(y);
            double z3 = x1 * Math.sin(y) + z2 * Math.cos(y);
            out[3 * i] = x3 + 320;
            out[3 * i + 1] = y2 + 240;
            out[3 * i + 2] = z3;
        }
        return new FaceLandmarks(out, 1, FaceRegion.around(new Box(220, 130, 200, 220), 1.5));
    }

    FaceLandmarks frontal() {
        return rotated(0, 0, 0);
    }
}
