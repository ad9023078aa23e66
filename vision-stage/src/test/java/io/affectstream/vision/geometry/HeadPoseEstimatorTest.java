package io.affectstream.vision.geometry;

import io.affectstream.wire.ActionUnit;
import io.affectstream.wire.HeadPose;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HeadPoseEstimatorTest {
    @Test
    void aFrontalFaceHasNoRotation() {
        HeadPose pose = HeadPoseEstimator.estimate(new SyntheticMesh().frontal());
        assertEquals(0, pose.yawDeg(), 1e-3);
        assertEquals(0, pose.pitchDeg(), 1e-3);
        assertEquals(0, pose.rollDeg(), 1e-3);
    }

    @Test
    void recoversEachRotationWithItsSign() {
        SyntheticMesh face = new SyntheticMesh();
        assertEquals(25, HeadPoseEstimator.estimate(face.rotated(25, 0, 0)).yawDeg(), 1e-3);
        assertEquals(-25, HeadPoseEstimator.estimate(face.rotated(-25, 0, 0)).yawDeg(), 1e-3);
        assertEquals(15, HeadPoseEstimator.estimate(face.rotated(0, 15, 0)).pitchDeg(), 1e-3);
        assertEquals(-20, HeadPoseEstimator.estimate(face.rotated(0, 0, -20)).rollDeg(), 1e-3);
        HeadPose combined = HeadPoseEstimator.estimate(face.rotated(20, -10, 12));
        assertEquals(20, combined.yawDeg(), 1.5);
        assertEquals(-10, combined.pitchDeg(), 1.5);
        assertEquals(12, combined.rollDeg(), 1.5);
    }

    @Test
    void headMovementAusFollowThePoseWithADeadZone() {
        List<ActionUnit> aus = HeadPoseEstimator.actionUnits(new HeadPose(30, -17.5, 3));
        assertEquals(List.of(51, 52, 53, 54, 55, 56), aus.stream().map(ActionUnit::au).toList());
        assertEquals(1.0, aus.get(0).activation(), 1e-9);   // turned left fully
        assertEquals(0.0, aus.get(1).activation(), 1e-9);
        assertEquals(0.0, aus.get(2).activation(), 1e-9);
        assertEquals(0.5, aus.get(3).activation(), 1e-9);   // (17.5 - 5) / 25 down
        assertEquals(0.0, aus.get(4).activation(), 1e-9);   // 3 degrees: inside the dead zone
        assertEquals(0.0, aus.get(5).activation(), 1e-9);
    }
}
