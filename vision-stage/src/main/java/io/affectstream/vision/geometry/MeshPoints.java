package io.affectstream.vision.geometry;

/**
 * The FaceMesh landmark indices the geometry reads (MediaPipe's 468-point canonical mesh topology; "right" and
 * "left" are the subject's). A mesh is a float array of 468 x (x, y, z).
 */
final class MeshPoints {
    static final int FOREHEAD_TOP = 10;
    static final int CHIN = 152;
    static final int NOSE_TIP = 1;

    static final int RIGHT_EYE_OUTER = 33;
    static final int RIGHT_EYE_INNER = 133;
    static final int LEFT_EYE_INNER = 362;
    static final int LEFT_EYE_OUTER = 263;
    /** Eye-aspect-ratio points per eye, p1..p6 of Soukupová and Čech: corner, two upper lid, corner, two lower lid. */
    static final int[] RIGHT_EYE_EAR = {33, 160, 158, 133, 153, 144};
    static final int[] LEFT_EYE_EAR = {362, 385, 387, 263, 373, 380};

    static final int RIGHT_BROW_INNER = 107;
    static final int RIGHT_BROW_OUTER = 70;
    static final int LEFT_BROW_INNER = 336;
    static final int LEFT_BROW_OUTER = 300;

    static final int MOUTH_RIGHT = 61;
    static final int MOUTH_LEFT = 291;
    static final int UPPER_LIP_INNER = 13;
    static final int LOWER_LIP_INNER = 14;

    static final int COUNT = 468;

    private MeshPoints() {
    }

    static double[] point(float[] mesh, int index) {
        return new double[] {mesh[3 * index], mesh[3 * index + 1], mesh[3 * index + 2]};
    }

    static double distance(float[] mesh, int a, int b) {
        double dx = mesh[3 * a] - mesh[3 * b];
        double dy = mesh[3 * a + 1] - mesh[3 * b + 1];
        double dz = mesh[3 * a + 2] - mesh[3 * b + 2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
