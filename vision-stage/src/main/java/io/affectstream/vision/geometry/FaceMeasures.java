package io.affectstream.vision.geometry;

/**
 * Scale-free measures of one face from its 3-D mesh, each a distance in units of the inter-ocular distance (the
 * distance between the two eye centres, each the midpoint of its corners), so they do not depend on the face's
 * size in the image; 3-D distances, so they depend little on head pose.
 *
 * @param innerBrow  inner brow to inner eye corner, mean of both sides (rises with AU1, falls with AU4)
 * @param outerBrow  outer brow to outer eye corner, mean of both sides (rises with AU2)
 * @param browGap    between the two inner brow ends (narrows with AU4)
 * @param mouthWidth between the mouth corners (widens with AU12)
 * @param cornerLift height of the mouth corners above the inner upper lip along the face's vertical axis (AU12)
 * @param lipGap     between the inner upper and lower lip (AU25)
 * @param jawOpen    nose tip to chin (grows with AU26)
 * @param eyeOpening eye aspect ratio (Soukupová and Čech, 2016), mean of both eyes: lid distances over the
 *                   corner distance; not divided by the inter-ocular distance (already a ratio) (falls with AU43/45)
 */
public record FaceMeasures(double innerBrow, double outerBrow, double browGap, double mouthWidth, double cornerLift,
                           double lipGap, double jawOpen, double eyeOpening) {

    /** Number of measures, the length of {@link #toArray()}. */
    public static final int COUNT = 8;

    /** Measures a mesh of 468 x (x, y, z). */
    public static FaceMeasures of(float[] mesh) {
        if (mesh.length != 3 * MeshPoints.COUNT) {
            throw new IllegalArgumentException("a face mesh has " + 3 * MeshPoints.COUNT + " values, got " + mesh.length);
        }
        double[] rightEye = midpoint(mesh, MeshPoints.RIGHT_EYE_OUTER, MeshPoints.RIGHT_EYE_INNER);
        double[] leftEye = midpoint(mesh, MeshPoints.LEFT_EYE_OUTER, MeshPoints.LEFT_EYE_INNER);
        double iod = Math.max(1e-6, norm(rightEye[0] - leftEye[0], rightEye[1] - leftEye[1], rightEye[2] - leftEye[2]));
        double innerBrow = (MeshPoints.distance(mesh, MeshPoints.RIGHT_BROW_INNER, MeshPoints.RIGHT_EYE_INNER)
                + MeshPoints.distance(mesh, MeshPoints.LEFT_BROW_INNER, MeshPoints.LEFT_EYE_INNER)) / 2 / iod;
        double outerBrow = (MeshPoints.distance(mesh, MeshPoints.RIGHT_BROW_OUTER, MeshPoints.RIGHT_EYE_OUTER)
                + MeshPoints.distance(mesh, MeshPoints.LEFT_BROW_OUTER, MeshPoints.LEFT_EYE_OUTER)) / 2 / iod;
        double browGap = MeshPoints.distance(mesh, MeshPoints.RIGHT_BROW_INNER, MeshPoints.LEFT_BROW_INNER) / iod;
        double mouthWidth = MeshPoints.distance(mesh, MeshPoints.MOUTH_RIGHT, MeshPoints.MOUTH_LEFT) / iod;
        double lipGap = MeshPoints.distance(mesh, MeshPoints.UPPER_LIP_INNER, MeshPoints.LOWER_LIP_INNER) / iod;
        double jawOpen = MeshPoints.distance(mesh, MeshPoints.NOSE_TIP, MeshPoints.CHIN) / iod;
        // The face's "down" axis: forehead to chin. Corners above the lips' middle have a smaller coordinate on it.
        double[] down = unit(MeshPoints.point(mesh, MeshPoints.CHIN), MeshPoints.point(mesh, MeshPoints.FOREHEAD_TOP));
        // Against the upper lip, which moves little when the jaw drops, so an open mouth is not read as a smile.
        double[] upperLip = MeshPoints.point(mesh, MeshPoints.UPPER_LIP_INNER);
        double[] corners = midpoint(mesh, MeshPoints.MOUTH_RIGHT, MeshPoints.MOUTH_LEFT);
        double cornerLift = ((upperLip[0] - corners[0]) * down[0] + (upperLip[1] - corners[1]) * down[1]
                + (upperLip[2] - corners[2]) * down[2]) / iod;
        double eyeOpening = (aspectRatio(mesh, MeshPoints.RIGHT_EYE_EAR) + aspectRatio(mesh, MeshPoints.LEFT_EYE_EAR)) / 2;
        return new FaceMeasures(innerBrow, outerBrow, browGap, mouthWidth, cornerLift, lipGap, jawOpen, eyeOpening);
    }

    public double[] toArray() {
        return new double[] {innerBrow, outerBrow, browGap, mouthWidth, cornerLift, lipGap, jawOpen, eyeOpening};
    }

    public static FaceMeasures fromArray(double[] v) {
        return new FaceMeasures(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }

    private static double aspectRatio(float[] mesh, int[] p) {
        double width = MeshPoints.distance(mesh, p[0], p[3]);
        return width <= 0 ? 0 : (MeshPoints.distance(mesh, p[1], p[5]) + MeshPoints.distance(mesh, p[2], p[4])) / (2 * width);
    }

    private static double[] midpoint(float[] mesh, int a, int b) {
        return new double[] {(mesh[3 * a] + mesh[3 * b]) / 2.0, (mesh[3 * a + 1] + mesh[3 * b + 1]) / 2.0,
                (mesh[3 * a + 2] + mesh[3 * b + 2]) / 2.0};
    }

    private static double[] unit(double[] to, double[] from) {
        double x = to[0] - from[0];
        double y = to[1] - from[1];
        double z = to[2] - from[2];
        double n = Math.max(1e-9, norm(x, y, z));
        return new double[] {x / n, y / n, z / n};
    }

    private static double norm(double x, double y, double z) {
        return Math.sqrt(x * x + y * y + z * z);
    }
}
