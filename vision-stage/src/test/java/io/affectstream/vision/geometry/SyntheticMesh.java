package io.affectstream.vision.geometry;

/**
 * A schematic face mesh for tests: only the landmarks the geometry reads are placed, in a frontal face frame
 * (x to the image's right, y down, z away from the camera, pixels, inter-ocular distance 60), then moved by
 * expression-like edits and a head rotation.
 */
final class SyntheticMesh {
    private final float[] mesh = new float[3 * MeshPoints.COUNT];

    SyntheticMesh() {
        set(MeshPoints.FOREHEAD_TOP, 0, -90, 0);
        set(MeshPoints.CHIN, 0, 110, 0);
        set(MeshPoints.NOSE_TIP, 0, 40, -30);
        set(33, -45, 0, 0);
        set(133, -15, 0, 0);
        set(362, 15, 0, 0);
        set(263, 45, 0, 0);
        // Eye lids: aspect ratio (5 + 5 + 5 + 5) / (2 * 30) = 0.333 per eye.
        set(160, -35, -5, 0);
        set(158, -25, -5, 0);
        set(153, -25, 5, 0);
        set(144, -35, 5, 0);
        set(385, 25, -5, 0);
        set(387, 35, -5, 0);
        set(373, 35, 5, 0);
        set(380, 25, 5, 0);
        set(MeshPoints.RIGHT_BROW_INNER, -15, -27, 0);
        set(MeshPoints.LEFT_BROW_INNER, 15, -27, 0);
        set(MeshPoints.RIGHT_BROW_OUTER, -45, -27, 0);
        set(MeshPoints.LEFT_BROW_OUTER, 45, -27, 0);
        set(MeshPoints.MOUTH_RIGHT, -25, 75, 0);
        set(MeshPoints.MOUTH_LEFT, 25, 75, 0);
        set(MeshPoints.UPPER_LIP_INNER, 0, 75, 0);
        set(MeshPoints.LOWER_LIP_INNER, 0, 75.6f, 0);
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
    float[] rotated(double yawDeg, double pitchDeg, double rollDeg) {
        double y = Math.toRadians(yawDeg);
        double p = Math.toRadians(pitchDeg);
        double r = Math.toRadians(rollDeg);
        float[] out = new float[mesh.length];
        for (int i = 0; i < MeshPoints.COUNT; i++) {
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
            out[3 * i] = (float) (x3 + 320);
            out[3 * i + 1] = (float) (y2 + 240);
            out[3 * i + 2] = (float) z3;
        }
        return out;
    }

    float[] frontal() {
        return rotated(0, 0, 0);
    }
}
