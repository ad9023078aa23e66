package io.affectstream.vision.geometry;

import io.affectstream.wire.ActionUnit;
import io.affectstream.wire.Source;

import java.util.List;

/**
 * AU estimates <b>measured</b> from landmark geometry (source {@code geometry}; a heuristic, not a trained AU
 * detector), each the change of one {@link FaceMeasures} measure from the track's own neutral baseline mapped
 * linearly onto [0, 1] between a start and a full change (in inter-ocular distances; the eye opening as a fraction of
 * its neutral value):
 *
 * <pre>
 * AU1  inner brow raiser   innerBrow rises                      0.02 .. 0.10
 * AU2  outer brow raiser   outerBrow rises                      0.02 .. 0.10
 * AU4  brow lowerer        innerBrow falls + browGap narrows    0.02 .. 0.10
 * AU12 lip corner puller   mean of mouthWidth widening          0.03 .. 0.15
 *                          and cornerLift rising                0.01 .. 0.06
 * AU25 lips part           lipGap opens                         0.02 .. 0.10
 * AU26 jaw drop            jawOpen grows                        0.05 .. 0.25
 * AU45 blink               eyeOpening falls, relative           0.15 .. 0.50
 * AU43 eyes closed         AU45's value once the eyes have stayed closed (AU45 >= 0.5) for 0.5 s, else 0
 * </pre>
 *
 * The ramps are this project's choice, set so that the test faces read as expected; they are not published values.
 * The baseline follows the frames where the face looks neutral (the caller says which: top expression neutral, or
 * every frame when no expression model runs); until the first such frame it is {@link #PRIOR}.
 */
public final class GeometricActionUnits {
    /** Neutral frames the baseline averages over (then it follows them exponentially). */
    public static final int WINDOW = 30;
    /** Eye closure longer than this is AU43 (eyes closed) rather than a blink. */
    public static final long CLOSED_MICROS = 500_000;
    /**
     * Prior for a neutral face, used until a track has a neutral frame of its own. Measured with FaceMesh on the ten
     * faces of the project's test photos (testkit media: the astronaut and two face-api group photos): the medians of
     * the brow, jaw and eye measures, which smiles hardly move; mouth width, corner lift and lip gap from the one
     * face there that the expression models call neutral. A small sample: a track's own neutral frames replace it.
     */
    public static final FaceMeasures PRIOR = new FaceMeasures(0.465, 0.298, 0.475, 0.69, -0.04, 0.045, 1.20, 0.39);

    /** One frame's AUs and the track's updated baseline. */
    public record Result(List<ActionUnit> actionUnits, GeometryBaseline baseline) {
    }

    private GeometricActionUnits() {
    }

    /**
     * @param measures  this frame's measures
     * @param baseline  the track's baseline so far
     * @param neutral   whether this frame looks neutral (then it updates the baseline, after being scored)
     * @param ptsMicros the frame's presentation time
     */
    public static Result step(FaceMeasures measures, GeometryBaseline baseline, boolean neutral, long ptsMicros) {
        FaceMeasures b = FaceMeasures.fromArray(baseline.neutral());
        double au1 = ramp(measures.innerBrow() - b.innerBrow(), 0.02, 0.10);
        double au2 = ramp(measures.outerBrow() - b.outerBrow(), 0.02, 0.10);
        double au4 = ramp((b.innerBrow() - measures.innerBrow()) + (b.browGap() - measures.browGap()), 0.02, 0.10);
        double au12 = (ramp(measures.mouthWidth() - b.mouthWidth(), 0.03, 0.15)
                + ramp(measures.cornerLift() - b.cornerLift(), 0.01, 0.06)) / 2;
        double au25 = ramp(measures.lipGap() - b.lipGap(), 0.02, 0.10);
        double au26 = ramp(measures.jawOpen() - b.jawOpen(), 0.05, 0.25);
        double au45 = b.eyeOpening() <= 0 ? 0
                : ramp((b.eyeOpening() - measures.eyeOpening()) / b.eyeOpening(), 0.15, 0.50);
        long closedSince = au45 >= 0.5
                ? (baseline.eyesClosedSincePtsMicros() >= 0 ? baseline.eyesClosedSincePtsMicros() : ptsMicros) : -1;
        double au43 = closedSince >= 0 && ptsMicros - closedSince >= CLOSED_MICROS ? au45 : 0;

        double[] next = baseline.neutral();
        long frames = baseline.neutralFrames();
        if (neutral) {
            frames++;
            double weight = 1.0 / Math.min(frames, WINDOW);
            double[] m = measures.toArray();
            for (int i = 0; i < next.length; i++) {
                next[i] += (m[i] - next[i]) * weight;
            }
        }
        List<ActionUnit> aus = List.of(
                new ActionUnit(1, au1, Source.GEOMETRY), new ActionUnit(2, au2, Source.GEOMETRY),
                new ActionUnit(4, au4, Source.GEOMETRY), new ActionUnit(12, au12, Source.GEOMETRY),
                new ActionUnit(25, au25, Source.GEOMETRY), new ActionUnit(26, au26, Source.GEOMETRY),
                new ActionUnit(43, au43, Source.GEOMETRY), new ActionUnit(45, au45, Source.GEOMETRY));
        return new Result(aus, new GeometryBaseline(next, frames, closedSince));
    }

    static double ramp(double change, double start, double full) {
        return Math.max(0, Math.min(1, (change - start) / (full - start)));
    }
}
