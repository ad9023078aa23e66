package io.affectstream.vision.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * MediaPipe's weighted non-maximum suppression: candidates are taken best first; every remaining candidate
 * overlapping the best by at least the IoU threshold joins its group; the group becomes one detection whose box
 * and keypoints are the score-weighted mean of the group's and whose score is the best one's.
 */
final class WeightedNms {
    private WeightedNms() {
    }

    static List<Detection> apply(List<Detection> candidates, double iouThreshold) {
        List<Detection> remaining = new ArrayList<>(candidates);
        remaining.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> out = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Detection best = remaining.get(0);
            List<Detection> group = new ArrayList<>();
            List<Detection> rest = new ArrayList<>();
            for (Detection d : remaining) {
                (best.iou(d) >= iouThreshold ? group : rest).add(d);
            }
            out.add(merge(best, group));
            remaining = rest;
        }
        return out;
    }

    private static Detection merge(Detection best, List<Detection> group) {
        double total = 0;
        double x = 0;
        double y = 0;
        double w = 0;
        double h = 0;
        double[] keypoints = new double[best.keypoints().length];
        for (Detection d : group) {
            double s = d.score();
            total += s;
            x += s * d.x();
            y += s * d.y();
            w += s * d.width();
            h += s * d.height();
            double[] k = d.keypoints();
            for (int i = 0; i < keypoints.length; i++) {
                keypoints[i] += s * k[i];
            }
        }
        for (int i = 0; i < keypoints.length; i++) {
            keypoints[i] /= total;
        }
        return new Detection(x / total, y / total, w / total, h / total, best.score(), keypoints);
    }
}
