package io.affectstream.fusion;

import io.affectstream.wire.ActionUnit;
import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.AffectFrame.AffectFace;
import io.affectstream.wire.AffectFrame.AudioReport;
import io.affectstream.wire.AnalysisStatus;
import io.affectstream.wire.Expressions;
import io.affectstream.wire.Face;
import io.affectstream.wire.VisionFrame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Turns one aligned frame, seen in the context of its neighbours, into the public record: per track, the median
 * of each value over the window; then decision-level fusion of the face and audio estimates.
 *
 * <p>A track's window only spans frames where the track is present without a break: when a track is lost its
 * history stops counting. Expression probabilities are smoothed per class, then renormalised to sum to 1.
 * Stream-level audio is smoothed the same way over frames whose audio was analysed.
 */
final class FrameSmoother {
    private final int window;
    private final boolean centred;
    private final FusionConfig.Attribution attribution;
    private final double speechThreshold;
    private final CccWeights weights;
    private final AffectFrame.Smoothing smoothing;

    FrameSmoother(int window, boolean centred, FusionConfig.Attribution attribution, double speechThreshold,
                  CccWeights weights) {
        this.window = window;
        this.centred = centred;
        this.attribution = attribution;
        this.speechThreshold = speechThreshold;
        this.weights = weights;
        this.smoothing = new AffectFrame.Smoothing(centred ? "centred" : "causal", window);
    }

    /** Frames before a frame that its window may use. */
    int pastFrames() {
        return centred ? window / 2 : window - 1;
    }

    /** Frames after a frame that its window needs; publishing waits for them. */
    int futureFrames() {
        return centred ? window / 2 : 0;
    }

    /**
     * The public record for {@code frames.get(p)}.
     *
     * @param frames    aligned frames in order (the history)
     * @param p         which one to publish
     * @param fusedAtMs publication time
     */
    AffectFrame smooth(List<AlignedFrame> frames, int p, long fusedAtMs) {
        int lo;
        int hi;
        if (centred) {
            // Shrink symmetrically at the ends of a stream, so the window stays centred with an odd count.
            int radius = Math.min(futureFrames(), Math.min(p, frames.size() - 1 - p));
            lo = p - radius;
            hi = p + radius;
        } else {
            lo = Math.max(0, p - pastFrames());
            hi = p;
        }
        AlignedFrame current = frames.get(p);
        VisionFrame frame = current.frame();

        AudioReport audio = smoothAudio(frames, p, lo, hi);
        List<Long> attributed = attributedTracks(frame.faces(), audio);
        Double audioValence = audio.valence();
        Double audioArousal = audio.arousal();

        List<AffectFace> faces = new ArrayList<>(frame.faces().size());
        for (Face face : frame.faces()) {
            List<Face> track = trackWindow(frames, p, lo, hi, face.trackId());
            Double valence = median(track, Face::valence);
            Double arousal = median(track, Face::arousal);
            boolean getsAudio = attributed.contains(face.trackId());
            CccWeights.Fusion fv = weights.valence(valence, getsAudio ? audioValence : null);
            CccWeights.Fusion fa = weights.arousal(arousal, getsAudio ? audioArousal : null);
            AffectFrame.Fused fused = fv.value() == null && fa.value() == null ? null
                    : new AffectFrame.Fused(fv.value(), fa.value(), new AffectFrame.FusionWeights(
                            fv.visionWeight(), fv.audioWeight(), fa.visionWeight(), fa.audioWeight()));
            faces.add(new AffectFace(face.trackId(), face.box(), face.detectionScore(), face.keypoints(),
                    smoothExpressions(track, face), valence, arousal, face.vaSource(), smoothActionUnits(track, face),
                    face.headPose(), fused, face.models()));
        }
        AudioReport published = new AudioReport(audio.analysis(), audio.speechProbability(), audio.arousal(),
                audio.valence(), audio.source(), attributed);
        long ptsToFused = fusedAtMs - frame.capturedAtMs();
        return new AffectFrame(AffectFrame.SCHEMA_VERSION, frame.streamId(), frame.frameIndex(), frame.ptsMicros(),
                frame.capturedAtMs(), frame.sourceWidth(), frame.sourceHeight(), faces, frame.analysis(), published,
                smoothing, new AffectFrame.Timing(frame.ingestedAtMs(), frame.visionAtMs(), current.audioAtMs(),
                fusedAtMs, ptsToFused, fusedAtMs - frame.ingestedAtMs()));
    }

    /** The faces of one track around frame p, stopping at the first frame where the track is missing. */
    private static List<Face> trackWindow(List<AlignedFrame> frames, int p, int lo, int hi, long trackId) {
        List<Face> track = new ArrayList<>();
        for (int q = p; q >= lo; q--) {
            Face f = find(frames.get(q).frame(), trackId);
            if (f == null) {
                break;
            }
            track.add(f);
        }
        for (int q = p + 1; q <= hi; q++) {
            Face f = find(frames.get(q).frame(), trackId);
            if (f == null) {
                break;
            }
            track.add(f);
        }
        return track;
    }

    private static Face find(VisionFrame frame, long trackId) {
        for (Face f : frame.faces()) {
            if (f.trackId() == trackId) {
                return f;
            }
        }
        return null;
    }

    /** Median of the non-null values, or null when the frame's own value (the first) is null. */
    private static <T> Double median(List<T> items, Function<T, Double> value) {
        if (items.isEmpty() || value.apply(items.get(0)) == null) {
            return null;
        }
        double[] values = items.stream().map(value).filter(v -> v != null).mapToDouble(Double::doubleValue).toArray();
        return Medians.of(values);
    }

    private static Expressions smoothExpressions(List<Face> track, Face face) {
        if (face.expressions() == null) {
            return null;
        }
        List<double[]> vectors = track.stream().filter(f -> f.expressions() != null)
                .map(f -> f.expressions().vector()).toList();
        double[] smoothed = new double[vectors.get(0).length];
        double sum = 0;
        for (int c = 0; c < smoothed.length; c++) {
            int k = c;
            smoothed[c] = Medians.of(vectors.stream().mapToDouble(v -> v[k]).toArray());
            sum += smoothed[c];
        }
        if (sum > 0) {
            for (int c = 0; c < smoothed.length; c++) {
                smoothed[c] /= sum;
            }
        }
        return Expressions.of(smoothed, face.expressions().source());
    }

    private static List<ActionUnit> smoothActionUnits(List<Face> track, Face face) {
        List<ActionUnit> out = new ArrayList<>(face.actionUnits().size());
        for (ActionUnit au : face.actionUnits()) {
            double[] values = track.stream().flatMap(f -> f.actionUnits().stream())
                    .filter(a -> a.au() == au.au() && a.source() == au.source())
                    .mapToDouble(ActionUnit::activation).toArray();
            out.add(au.withActivation(Medians.of(values)));
        }
        return out;
    }

    /** Stream-level audio, smoothed over neighbouring frames whose audio was analysed. */
    private static AudioReport smoothAudio(List<AlignedFrame> frames, int p, int lo, int hi) {
        AudioReport raw = frames.get(p).audio();
        if (raw.analysis().status() != AnalysisStatus.ANALYSED) {
            return raw;
        }
        List<AudioReport> run = new ArrayList<>();
        for (int q = p; q >= lo && frames.get(q).audio().analysis().status() == AnalysisStatus.ANALYSED; q--) {
            run.add(frames.get(q).audio());
        }
        for (int q = p + 1; q <= hi && frames.get(q).audio().analysis().status() == AnalysisStatus.ANALYSED; q++) {
            run.add(frames.get(q).audio());
        }
        return new AudioReport(raw.analysis(), median(run, AudioReport::speechProbability),
                median(run, AudioReport::arousal), median(run, AudioReport::valence), raw.source(), List.of());
    }

    /** Tracks the stream-level audio is fused into: none unless the audio is analysed speech. */
    private List<Long> attributedTracks(List<Face> faces, AudioReport audio) {
        boolean speech = audio.analysis().status() == AnalysisStatus.ANALYSED && audio.speechProbability() != null
                && audio.speechProbability() >= speechThreshold;
        if (!speech || faces.isEmpty()) {
            return List.of();
        }
        return switch (attribution) {
            case NONE -> List.of();
            case ALL -> faces.stream().map(Face::trackId).toList();
            case LARGEST -> List.of(faces.stream()
                    .max(Comparator.comparingDouble((ToDoubleFunction<Face>) Face::area)
                            .thenComparing(Face::trackId, Comparator.reverseOrder()))
                    .orElseThrow().trackId());
        };
    }

    /** Medians of small arrays. */
    static final class Medians {
        private Medians() {
        }

        /** The median (mean of the two middle values for an even count); NaN for none. */
        static double of(double[] values) {
            if (values.length == 0) {
                return Double.NaN;
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int mid = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }
}
