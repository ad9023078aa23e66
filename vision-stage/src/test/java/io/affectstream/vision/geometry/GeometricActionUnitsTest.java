package io.affectstream.vision.geometry;

import io.affectstream.vision.landmarks.FaceLandmarks;
import io.affectstream.wire.ActionUnit;
import io.affectstream.wire.Source;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeometricActionUnitsTest {
    private static final long FRAME = 40_000;

    /** A baseline learnt from {@code frames} neutral frames of the schematic face. */
    private static GeometryBaseline neutralBaseline(int frames) {
        GeometryBaseline b = GeometryBaseline.prior();
        FaceMeasures neutral = FaceMeasures.of(new SyntheticMesh().frontal());
        for (int i = 0; i < frames; i++) {
            b = GeometricActionUnits.step(neutral, b, true, i * FRAME).baseline();
        }
        return b;
    }

    private static Map<Integer, Double> aus(FaceLandmarks mesh, GeometryBaseline baseline) {
        return GeometricActionUnits.step(FaceMeasures.of(mesh), baseline, false, 0).actionUnits().stream()
                .peek(au -> assertEquals(Source.GEOMETRY, au.source()))
                .collect(Collectors.toMap(ActionUnit::au, ActionUnit::activation));
    }

    @Test
    void aNeutralFaceAgainstItsOwnBaselineHasNoActiveAu() {
        Map<Integer, Double> aus = aus(new SyntheticMesh().frontal(), neutralBaseline(5));
        assertEquals(8, aus.size());
        aus.forEach((au, a) -> assertEquals(0.0, a, 1e-9, "AU" + au));
    }

    @Test
    void theFirstNeutralFrameReplacesThePriorAndLaterOnesAverage() {
        FaceMeasures neutral = FaceMeasures.of(new SyntheticMesh().frontal());
        GeometryBaseline one = GeometricActionUnits.step(neutral, GeometryBaseline.prior(), true, 0).baseline();
        assertEquals(1, one.neutralFrames());
        assertEquals(neutral.mouthWidth(), one.neutral()[3], 1e-12);
        FaceMeasures wider = FaceMeasures.of(new SyntheticMesh().move(61, -6, 0).move(291, 6, 0).frontal());
        GeometryBaseline two = GeometricActionUnits.step(wider, one, true, FRAME).baseline();
        assertEquals((neutral.mouthWidth() + wider.mouthWidth()) / 2, two.neutral()[3], 1e-12);
        GeometryBaseline notNeutral = GeometricActionUnits.step(wider, one, false, FRAME).baseline();
        assertEquals(one, notNeutral, "a non-neutral frame leaves the baseline alone");
    }

    @Test
    void raisedBrowsReadAsAu1AndAu2AndLoweredOnesAsAu4() {
        GeometryBaseline b = neutralBaseline(3);
        SyntheticMesh raised = new SyntheticMesh();
        for (int brow : new int[] {107, 336, 70, 300}) {
            raised.move(brow, 0, -6); // 0.1 inter-ocular distances higher
        }
        Map<Integer, Double> up = aus(raised.frontal(), b);
        assertEquals(1.0, up.get(1), 1e-6);
        assertEquals(1.0, up.get(2), 1e-6);
        assertEquals(0.0, up.get(4), 1e-9);
        SyntheticMesh frown = new SyntheticMesh().move(107, 3, 3).move(336, -3, 3);
        Map<Integer, Double> down = aus(frown.frontal(), b);
        assertTrue(down.get(4) > 0.5, "AU4 " + down.get(4));
        assertEquals(0.0, down.get(1), 1e-9);
    }

    @Test
    void aSmileReadsAsAu12AndAnOpenMouthAsAu25AndAu26() {
        GeometryBaseline b = neutralBaseline(3);
        Map<Integer, Double> smile = aus(new SyntheticMesh().move(61, -6, -4).move(291, 6, -4).frontal(), b);
        assertTrue(smile.get(12) > 0.8, "AU12 " + smile.get(12));
        assertEquals(0.0, smile.get(25), 1e-9);
        Map<Integer, Double> open = aus(new SyntheticMesh().move(14, 0, 12).move(152, 0, 15).frontal(), b);
        assertEquals(1.0, open.get(25), 1e-6);   // lips 0.21 inter-ocular distances apart
        assertEquals(0.0, open.get(12), 1e-9);
        assertTrue(open.get(26) > 0.5, "AU26 " + open.get(26));
    }

    @Test
    void closedEyesAreABlinkFirstAndAu43OnlyAfterHalfASecond() {
        GeometryBaseline b = neutralBaseline(3);
        SyntheticMesh closed = new SyntheticMesh();
        for (int lid : new int[] {159, 386}) {
            closed.move(lid, 0, 4);
        }
        FaceMeasures shut = FaceMeasures.of(closed.frontal());
        GeometricActionUnits.Result first = GeometricActionUnits.step(shut, b, false, 1_000_000);
        Map<Integer, Double> now = first.actionUnits().stream().collect(Collectors.toMap(ActionUnit::au, ActionUnit::activation));
        assertTrue(now.get(45) >= 0.5, "AU45 " + now.get(45));
        assertEquals(0.0, now.get(43), 1e-9);
        GeometricActionUnits.Result later = GeometricActionUnits.step(shut, first.baseline(), false, 1_600_000);
        assertTrue(later.actionUnits().stream().anyMatch(au -> au.au() == 43 && au.activation() >= 0.5));
        GeometricActionUnits.Result reopened = GeometricActionUnits.step(FaceMeasures.of(new SyntheticMesh().frontal()),
                later.baseline(), false, 1_640_000);
        assertEquals(-1, reopened.baseline().eyesClosedSincePtsMicros());
    }

    @Test
    void measuresDoNotDependOnTheFacesSizeOrMuchOnItsPose() {
        FaceMeasures frontal = FaceMeasures.of(new SyntheticMesh().frontal());
        FaceMeasures turned = FaceMeasures.of(new SyntheticMesh().rotated(25, 10, -8));
        assertEquals(frontal.mouthWidth(), turned.mouthWidth(), 1e-4);
        assertEquals(frontal.innerBrow(), turned.innerBrow(), 1e-4);
        assertEquals(frontal.cornerLift(), turned.cornerLift(), 1e-4);
        assertEquals(frontal.eyeOpening(), turned.eyeOpening(), 1e-4);
    }
}
