package io.affectstream.vision.track;

import io.affectstream.vision.detect.Detection;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FaceTrackerTest {
    private final FaceTracker tracker = new FaceTracker(0.3, 3);

    private static Detection at(double x, double y) {
        return new Detection(x, y, 100, 100, 0.9, new double[12]);
    }

    @Test
    void aFaceKeepsItsIdWhileItMovesAndTwoFacesKeepTheirsApart() {
        FaceTracker.Update u = tracker.update(TrackState.EMPTY, 0, List.of(at(0, 0), at(300, 0)));
        assertArrayEquals(new long[] {0, 1}, u.trackIds());
        u = tracker.update(u.state(), 1, List.of(at(310, 5), at(10, 5)));   // order swapped, both moved
        assertArrayEquals(new long[] {1, 0}, u.trackIds());
    }

    @Test
    void aFastMoverIsFollowedByItsCentreWhenTheBoxesNoLongerOverlapEnough() {
        FaceTracker.Update u = tracker.update(TrackState.EMPTY, 0, List.of(at(0, 0)));
        u = tracker.update(u.state(), 1, List.of(at(45, 0)));               // IoU 0.38
        u = tracker.update(u.state(), 2, List.of(at(90, 0)));               // IoU 0.38 again
        u = tracker.update(u.state(), 3, List.of(at(130, 0)));              // IoU 0.43
        assertArrayEquals(new long[] {0}, u.trackIds());
        u = tracker.update(u.state(), 4, List.of(at(172, 25)));             // IoU 0.28: centre 49 px away
        assertArrayEquals(new long[] {0}, u.trackIds());
        u = tracker.update(u.state(), 5, List.of(at(300, 200)));           // far away: somebody else
        assertArrayEquals(new long[] {1}, u.trackIds());
    }

    @Test
    void aShortDropoutKeepsTheIdAndALongOneStartsANewTrack() {
        FaceTracker.Update u = tracker.update(TrackState.EMPTY, 0, List.of(at(0, 0)));
        u = tracker.update(u.state(), 1, List.of());
        u = tracker.update(u.state(), 3, List.of(at(5, 0)));               // missed 2 frames: same face
        assertArrayEquals(new long[] {0}, u.trackIds());
        u = tracker.update(u.state(), 10, List.of(at(5, 0)));              // missed 6: a new track
        assertArrayEquals(new long[] {1}, u.trackIds());
        assertEquals(1, u.state().tracks().size(), "the lost track is forgotten");
    }
}
