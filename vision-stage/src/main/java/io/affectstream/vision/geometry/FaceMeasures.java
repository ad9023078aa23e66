package io.affectstream.vision.geometry;

import io.affectstream.vision.landmarks.FaceLandmarks;
import io.affectstream.vision.landmarks.Landmark;

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
 * @param eyeOpening eye aspect ratio in the manner of Soukupová and Čech (2016), with one lid pair: the distance
 *                   between the middles of the upper and lower lid over the distance between the eye's corners,
 *                   mean of both eyes; already a ratio, so not divided by the inter-ocular distance (falls with AU43/45)
 */
public record FaceMeasures(double innerBrow, double outerBrow, double browGap, double mouthWidth, double cornerLift,
                           double lipGap, double jawOpen, double eyeOpening) {

    /** Number of measures, the length of {@link #toArray()}. */
    public static final int COUNT = 8;

    /** Measures a face's mesh. */
    public static FaceMeasures of(FaceLandmarks face) {
        Landmark rightEye = face.rightEyeCentre();
        Landmark leftEye = face.leftEyeCentre();
        double iod = Math.max(1e-6, rightEye.distance(leftEye));
        double innerBrow = (face.rightBrowInner().distance(face.rightEyeInnerCorner())
                + face.leftBrowInner().distance(face.leftEyeInnerCorner())) / 2 / iod;
        double outerBrow = (face.rightBrowOuter().distance(face.rightEyeOuterCorner())
                + face.leftBrowOuter().distance(face.leftEyeOuterCorner())) / 2 / iod;
        double browGap = face.rightBrowInner().distance(face.leftBrowInner()) / iod;
        double mouthWidth = face.mouthRightCorner().distance(face.mouthLeftCorner()) / iod;
        double lipGap = face.upperLipInner().distance(face.lowerLipInner()) / iod;
        double jawOpen = face.noseTip().distance(face.chin()) / iod;
        // The face's "down" axis: forehead to chin. Corners above the upper lip have a smaller coordinate on it.
        // Against the upper lip, which moves little when the jaw drops, so an open mouth is not read as a smile.
        Landmark top = face.forehead();
        Landmark chin = face.chin();
        double length = Math.max(1e-9, top.distance(chin));
        Landmark lip = face.upperLipInner();
        Landmark r = face.mouthRightCorner();
        Landmark l = face.mouthLeftCorner();
        double cornerLift = ((lip.x() - (r.x() + l.x()) / 2) * (chin.x() - top.x())
                + (lip.y() - (r.y() + l.y()) / 2) * (chin.y() - top.y())
                + (lip.z() - (r.z() + l.z()) / 2) * (chin.z() - top.z())) / length / iod;
        double eyeOpening = (face.rightUpperLid().distance(face.rightLowerLid())
                / Math.max(1e-9, face.rightEyeOuterCorner().distance(face.rightEyeInnerCorner()))
                + face.leftUpperLid().distance(face.leftLowerLid())
                / Math.max(1e-9, face.leftEyeOuterCorner().distance(face.leftEyeInnerCorner()))) / 2;
        return new FaceMeasures(innerBrow, outerBrow, browGap, mouthWidth, cornerLift, lipGap, jawOpen, eyeOpening);
    }

    public double[] toArray() {
        return new double[] {innerBrow, outerBrow, browGap, mouthWidth, cornerLift, lipGap, jawOpen, eyeOpening};
    }

    public static FaceMeasures fromArray(double[] v) {
        return new FaceMeasures(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }
}
