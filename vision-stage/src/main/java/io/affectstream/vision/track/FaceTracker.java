package io.affectstream.vision.track;

import io.affectstream.vision.geometry.GeometryBaseline;
import io.affectstream.vision.detect.Detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gives each face a track id that stays the same from frame to frame: detections are matched to the stream's
 * live tracks greedily by box overlap (IoU), then by centre distance for faces that moved fast; a track not
 * seen for {@code maxMissedFrames} frames is forgotten, and an unmatched detection starts a new track.
 * Pure: the per-stream {@link TrackState} goes in and out, so the stage can keep it in a state store.
 */
public final class FaceTracker {
    private final double minIou;
    private final int maxMissedFrames;

    /**
     * @param minIou          smallest overlap that counts as the same face
     * @param maxMissedFrames frames a face may go undetected before its track ends
     */
    public FaceTracker(double minIou, int maxMissedFrames) {
        this.minIou = minIou;
        this.maxMissedFrames = maxMissedFrames;
    }

    /** The result of one frame: a track id per detection (same order) and the stream's new state. */
    public record Update(long[] trackIds, TrackState state) {
    }

    public Update update(TrackState state, long frameIndex, List<Detection> detections) {
        List<Track> live = new ArrayList<>();
        for (Track t : state.tracks()) {
            if (frameIndex - t.lastFrame() <= maxMissedFrames) {
                live.add(t);
            }
        }
        long[] ids = new long[detections.size()];
        java.util.Arrays.fill(ids, -1);
        boolean[] trackTaken = new boolean[live.size()];

        List<double[]> pairs = new ArrayList<>();   // {iou, detection, track}
        for (int d = 0; d < detections.size(); d++) {
            Detection det = detections.get(d);
            for (int t = 0; t < live.size(); t++) {
                Track tr = live.get(t);
                double iou = Detection.iou(det.x(), det.y(), det.width(), det.height(), tr.x(), tr.y(), tr.width(),
                        tr.height());
                if (iou >= minIou) {
                    pairs.add(new double[] {iou, d, t});
                }
            }
        }
        pairs.sort(Comparator.comparingDouble((double[] p) -> p[0]).reversed());
        for (double[] p : pairs) {
            int d = (int) p[1];
            int t = (int) p[2];
            if (ids[d] < 0 && !trackTaken[t]) {
                ids[d] = live.get(t).id();
                trackTaken[t] = true;
            }
        }
        // A face that moved more than its overlap allows: nearest free track within half a face size.
        for (int d = 0; d < detections.size(); d++) {
            if (ids[d] >= 0) {
                continue;
            }
            Detection det = detections.get(d);
            int best = -1;
            double bestDistance = Double.MAX_VALUE;
            for (int t = 0; t < live.size(); t++) {
                if (trackTaken[t]) {
                    continue;
                }
                Track tr = live.get(t);
                double dx = (det.x() + det.width() / 2) - (tr.x() + tr.width() / 2);
                double dy = (det.y() + det.height() / 2) - (tr.y() + tr.height() / 2);
                double distance = Math.hypot(dx, dy);
                if (distance < 0.5 * Math.max(tr.width(), tr.height()) && distance < bestDistance) {
                    best = t;
                    bestDistance = distance;
                }
            }
            if (best >= 0) {
                ids[d] = live.get(best).id();
                trackTaken[best] = true;
            }
        }
        long nextId = state.nextId();
        List<Track> next = new ArrayList<>();
        for (int t = 0; t < live.size(); t++) {
            if (!trackTaken[t]) {
                next.add(live.get(t));
            }
        }
        for (int d = 0; d < detections.size(); d++) {
            GeometryBaseline carried = null;
            if (ids[d] < 0) {
                ids[d] = nextId++;
            } else {
                for (Track t : live) {
                    if (t.id() == ids[d]) {
                        carried = t.geometry();
                    }
                }
            }
            Detection det = detections.get(d);
            next.add(new Track(ids[d], det.x(), det.y(), det.width(), det.height(), frameIndex, carried));
        }
        return new Update(ids, new TrackState(next, nextId));
    }
}
