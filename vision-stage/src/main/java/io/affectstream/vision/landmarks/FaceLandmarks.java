package io.affectstream.vision.landmarks;

import java.util.Arrays;

/**
 * The 468 FaceMesh points of one face, in frame pixels, with the model's face-presence score.
 *
 * <p>Point indices are MediaPipe's canonical face mesh ({@code canonical_face_model} of google/mediapipe). The named
 * accessors take their indices from the mesh annotations of the human library 3.3.6
 * ({@code package/src/face/facemeshcoords.ts}, {@code meshAnnotations}), the same package the model comes from;
 * each constant below names the annotation it is taken from. "Right" and "left" are the subject's: in a frontal,
 * unmirrored view the right eye is on the image's left.
 *
 * @param points     {@code 3 * 468} values, {@code x, y, z} per point (see {@link Landmark})
 * @param faceScore  the model's face flag in [0, 1]: how sure it is that the crop holds a face (not calibrated)
 * @param region     the crop the points were found in
 */
public record FaceLandmarks(double[] points, double faceScore, FaceRegion region) {
    /** Number of mesh points. */
    public static final int COUNT = 468;

    /** {@code rightEyeUpper0}, subject's right upper eyelid, outer to inner. */
    static final int[] RIGHT_EYE_UPPER = {246, 161, 160, 159, 158, 157, 173};
    /** {@code rightEyeLower0}: outer corner, lower eyelid, inner corner. */
    static final int[] RIGHT_EYE_LOWER = {33, 7, 163, 144, 145, 153, 154, 155, 133};
    /** {@code leftEyeUpper0}. */
    static final int[] LEFT_EYE_UPPER = {466, 388, 387, 386, 385, 384, 398};
    /** {@code leftEyeLower0}: outer corner, lower eyelid, inner corner. */
    static final int[] LEFT_EYE_LOWER = {263, 249, 390, 373, 374, 380, 381, 382, 362};
    /** {@code rightEyebrowUpper}, outer to inner. */
    static final int[] RIGHT_BROW_UPPER = {156, 70, 63, 105, 66, 107, 55, 193};
    /** {@code leftEyebrowUpper}, outer to inner. */
    static final int[] LEFT_BROW_UPPER = {383, 300, 293, 334, 296, 336, 285, 417};

    static final int RIGHT_EYE_OUTER = RIGHT_EYE_LOWER[0];      // 33
    static final int RIGHT_EYE_INNER = RIGHT_EYE_LOWER[8];      // 133
    static final int RIGHT_UPPER_LID = RIGHT_EYE_UPPER[3];      // 159, middle of rightEyeUpper0
    static final int RIGHT_LOWER_LID = RIGHT_EYE_LOWER[4];      // 145, middle of rightEyeLower0
    static final int LEFT_EYE_OUTER = LEFT_EYE_LOWER[0];        // 263
    static final int LEFT_EYE_INNER = LEFT_EYE_LOWER[8];        // 362
    static final int LEFT_UPPER_LID = LEFT_EYE_UPPER[3];        // 386
    static final int LEFT_LOWER_LID = LEFT_EYE_LOWER[4];        // 374
    static final int RIGHT_BROW_OUTER = RIGHT_BROW_UPPER[1];    // 70
    static final int RIGHT_BROW_MIDDLE = RIGHT_BROW_UPPER[3];   // 105
    static final int RIGHT_BROW_INNER = RIGHT_BROW_UPPER[5];    // 107
    static final int LEFT_BROW_OUTER = LEFT_BROW_UPPER[1];      // 300
    static final int LEFT_BROW_MIDDLE = LEFT_BROW_UPPER[3];     // 334
    static final int LEFT_BROW_INNER = LEFT_BROW_UPPER[5];      // 336
    /** {@code noseTip}. */
    static final int NOSE_TIP = 1;
    /** Ends of {@code lipsLowerOuter} (61 ... 291): the mouth corners. */
    static final int MOUTH_RIGHT = 61;
    static final int MOUTH_LEFT = 291;
    /** Middles of {@code lipsUpperOuter}, {@code lipsLowerOuter}, {@code lipsUpperInner}, {@code lipsLowerInner}. */
    static final int UPPER_LIP_TOP = 0;
    static final int LOWER_LIP_BOTTOM = 17;
    static final int UPPER_LIP_INNER = 13;
    static final int LOWER_LIP_INNER = 14;
    /** First and middle points of {@code silhouette}: top of the forehead and the chin. */
    static final int FOREHEAD = 10;
    static final int CHIN = 152;

    public FaceLandmarks {
        if (points.length != 3 * COUNT) {
            throw new IllegalArgumentException("need " + 3 * COUNT + " values (468 x, y, z), got " + points.length);
        }
        points = points.clone();
    }

    @Override
    public double[] points() {
        return points.clone();
    }

    /** Point {@code index} (0-467) of MediaPipe's mesh. */
    public Landmark point(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IndexOutOfBoundsException("mesh point " + index + " (0-" + (COUNT - 1) + ")");
        }
        return new Landmark(points[3 * index], points[3 * index + 1], points[3 * index + 2]);
    }

    private Landmark mean(int[] first, int[] second) {
        Landmark[] all = new Landmark[first.length + second.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = point(i < first.length ? first[i] : second[i - first.length]);
        }
        return Landmark.mean(all);
    }

    /** Centre of the right eye's lid contour (16 points), independent of where the iris looks. */
    public Landmark rightEyeCentre() {
        return mean(RIGHT_EYE_UPPER, RIGHT_EYE_LOWER);
    }

    /** Centre of the left eye's lid contour (16 points). */
    public Landmark leftEyeCentre() {
        return mean(LEFT_EYE_UPPER, LEFT_EYE_LOWER);
    }

    public Landmark rightEyeOuterCorner() {
        return point(RIGHT_EYE_OUTER);
    }

    public Landmark rightEyeInnerCorner() {
        return point(RIGHT_EYE_INNER);
    }

    public Landmark leftEyeInnerCorner() {
        return point(LEFT_EYE_INNER);
    }

    public Landmark leftEyeOuterCorner() {
        return point(LEFT_EYE_OUTER);
    }

    public Landmark rightUpperLid() {
        return point(RIGHT_UPPER_LID);
    }

    public Landmark rightLowerLid() {
        return point(RIGHT_LOWER_LID);
    }

    public Landmark leftUpperLid() {
        return point(LEFT_UPPER_LID);
    }

    public Landmark leftLowerLid() {
        return point(LEFT_LOWER_LID);
    }

    public Landmark rightBrowOuter() {
        return point(RIGHT_BROW_OUTER);
    }

    public Landmark rightBrowMiddle() {
        return point(RIGHT_BROW_MIDDLE);
    }

    public Landmark rightBrowInner() {
        return point(RIGHT_BROW_INNER);
    }

    public Landmark leftBrowOuter() {
        return point(LEFT_BROW_OUTER);
    }

    public Landmark leftBrowMiddle() {
        return point(LEFT_BROW_MIDDLE);
    }

    public Landmark leftBrowInner() {
        return point(LEFT_BROW_INNER);
    }

    public Landmark noseTip() {
        return point(NOSE_TIP);
    }

    /** The subject's right mouth corner (image left in a frontal view). */
    public Landmark mouthRightCorner() {
        return point(MOUTH_RIGHT);
    }

    public Landmark mouthLeftCorner() {
        return point(MOUTH_LEFT);
    }

    /** Top edge of the upper lip, on the midline. */
    public Landmark upperLipTop() {
        return point(UPPER_LIP_TOP);
    }

    /** Bottom edge of the lower lip, on the midline. */
    public Landmark lowerLipBottom() {
        return point(LOWER_LIP_BOTTOM);
    }

    /** Inner (mouth-opening) edge of the upper lip, on the midline. */
    public Landmark upperLipInner() {
        return point(UPPER_LIP_INNER);
    }

    /** Inner (mouth-opening) edge of the lower lip, on the midline. */
    public Landmark lowerLipInner() {
        return point(LOWER_LIP_INNER);
    }

    public Landmark forehead() {
        return point(FOREHEAD);
    }

    public Landmark chin() {
        return point(CHIN);
    }

    /** Distance between the two eye centres, frame pixels: a scale for normalising other distances. */
    public double interocularDistance() {
        return rightEyeCentre().distance2d(leftEyeCentre());
    }

    /**
     * The five alignment points, {@code x0, y0, ..., x4, y4}, in the order of
     * {@link io.affectstream.vision.align.FaceAligner}'s template: right eye centre, left eye centre, nose tip,
     * right mouth corner, left mouth corner (the subject's sides; image left first in a frontal view).
     */
    public double[] fivePoints() {
        Landmark[] p = {rightEyeCentre(), leftEyeCentre(), noseTip(), mouthRightCorner(), mouthLeftCorner()};
        double[] out = new double[10];
        for (int i = 0; i < p.length; i++) {
            out[2 * i] = p[i].x();
            out[2 * i + 1] = p[i].y();
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaceLandmarks f && Arrays.equals(points, f.points) && faceScore == f.faceScore
                && region.equals(f.region);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(points) + Double.hashCode(faceScore);
    }

    @Override
    public String toString() {
        return String.format("FaceLandmarks[score %.3f, eyes (%.1f, %.1f) (%.1f, %.1f), nose (%.1f, %.1f)]", faceScore,
                rightEyeCentre().x(), rightEyeCentre().y(), leftEyeCentre().x(), leftEyeCentre().y(),
                noseTip().x(), noseTip().y());
    }
}
