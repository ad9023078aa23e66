package io.affectstream.vision.geometry;

import io.affectstream.vision.landmarks.FaceLandmarks;
import io.affectstream.vision.landmarks.Landmark;
import io.affectstream.wire.ActionUnit;
import io.affectstream.wire.HeadPose;
import io.affectstream.wire.Source;

import java.util.List;

/**
 * Head pose from the 3-D FaceMesh landmarks, and the head-movement AUs 51-56 from it (affect-spec §1: a head-pose
 * problem, better solved from pose than from the aligned crop).
 *
 * <p>The face's own axes are built from the mesh: x from the subject's right to left outer eye corner, y from the
 * top of the forehead to the chin (made orthogonal to x), z = x × y, pointing into the image. In image axes (x right,
 * y down, z away from the camera, as FaceMesh gives them), the facing direction is n = -z. The pose is read as
 * {@code Ry(yaw) Rx(pitch) Rz(roll)}: yaw = atan2(n.x, -n.z) (positive when the subject turns to their left, i.e.
 * towards the image's right), pitch = atan2(-n.y, |n.xz|) (positive head up), and roll the angle of the face's x axis
 * from where yaw and pitch alone would put it (positive when the subject tilts to their left).
 *
 * <p>AUs 51-56 are a <b>heuristic</b> reading of the pose (source {@code head_pose}): activation 0 within
 * {@value #DEAD_ZONE_DEG} degrees of facing the camera, rising linearly to 1 at {@value #FULL_DEG} degrees. These
 * two constants are this project's choice, not published values.
 */
public final class HeadPoseEstimator {
    /** Angles up to this many degrees read as no head movement (landmark jitter, people rarely face a camera exactly). */
    public static final double DEAD_ZONE_DEG = 5;
    /** Angle at which a head-movement AU reads 1. */
    public static final double FULL_DEG = 30;

    private HeadPoseEstimator() {
    }

    /** The pose of a face from its mesh. */
    public static HeadPose estimate(FaceLandmarks face) {
        double[] right = xyz(face.rightEyeOuterCorner());
        double[] left = xyz(face.leftEyeOuterCorner());
        double[] top = xyz(face.forehead());
        double[] chin = xyz(face.chin());
        double[] x = normalise(minus(left, right));
        double[] yRaw = minus(chin, top);
        double[] y = normalise(minus(yRaw, scale(x, dot(yRaw, x))));
        double[] z = cross(x, y);
        double nx = -z[0];
        double ny = -z[1];
        double nz = -z[2];
        double yaw = Math.atan2(nx, -nz);
        double pitch = Math.atan2(-ny, Math.hypot(nx, nz));
        // Roll: the angle of the face's x axis from where yaw and pitch alone would put it (e1), towards e2.
        double[] e1 = {Math.cos(yaw), 0, Math.sin(yaw)};
        double[] e2 = {Math.sin(pitch) * Math.sin(yaw), Math.cos(pitch), -Math.sin(pitch) * Math.cos(yaw)};
        double roll = Math.atan2(dot(x, e2), dot(x, e1));
        return new HeadPose(Math.toDegrees(yaw), Math.toDegrees(pitch), Math.toDegrees(roll));
    }

    /** AUs 51 (turn left), 52 (turn right), 53 (up), 54 (down), 55 (tilt left), 56 (tilt right). */
    public static List<ActionUnit> actionUnits(HeadPose pose) {
        return List.of(
                new ActionUnit(51, activation(pose.yawDeg()), Source.HEAD_POSE),
                new ActionUnit(52, activation(-pose.yawDeg()), Source.HEAD_POSE),
                new ActionUnit(53, activation(pose.pitchDeg()), Source.HEAD_POSE),
                new ActionUnit(54, activation(-pose.pitchDeg()), Source.HEAD_POSE),
                new ActionUnit(55, activation(pose.rollDeg()), Source.HEAD_POSE),
                new ActionUnit(56, activation(-pose.rollDeg()), Source.HEAD_POSE));
    }

    static double activation(double signedDeg) {
        return Math.max(0, Math.min(1, (signedDeg - DEAD_ZONE_DEG) / (FULL_DEG - DEAD_ZONE_DEG)));
    }

    private static double[] xyz(Landmark p) {
        return new double[] {p.x(), p.y(), p.z()};
    }

    private static double[] minus(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static double[] scale(double[] a, double s) {
        return new double[] {a[0] * s, a[1] * s, a[2] * s};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double[] normalise(double[] a) {
        double n = Math.sqrt(dot(a, a));
        return n == 0 ? new double[] {1, 0, 0} : scale(a, 1 / n);
    }
}
