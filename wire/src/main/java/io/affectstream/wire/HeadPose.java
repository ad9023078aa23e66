package io.affectstream.wire;

/**
 * Head rotation relative to facing the camera, degrees.
 *
 * @param yawDeg   turn; positive = the subject turns to their left
 * @param pitchDeg nod; positive = head up
 * @param rollDeg  tilt; positive = the subject tilts to their left
 */
public record HeadPose(double yawDeg, double pitchDeg, double rollDeg) {
}
