package io.affectstream.vision.geometry;

/**
 * One track's running neutral face, kept with the track in the stage's state store: the mean of its
 * {@link FaceMeasures} over the frames where it looked neutral (the last {@value GeometricActionUnits#WINDOW} of
 * them, exponentially), and since when its eyes have been closed.
 *
 * @param neutral              mean measures of the neutral frames ({@link FaceMeasures#toArray()} layout); the
 *                             population prior until the first neutral frame
 * @param neutralFrames        how many neutral frames went into it (0: still the prior)
 * @param eyesClosedSincePtsMicros presentation time the eyes closed, or -1 when they are open
 */
public record GeometryBaseline(double[] neutral, long neutralFrames, long eyesClosedSincePtsMicros) {
    public GeometryBaseline {
        neutral = neutral.clone();
        if (neutral.length != FaceMeasures.COUNT) {
            throw new IllegalArgumentException("a baseline has " + FaceMeasures.COUNT + " measures, got " + neutral.length);
        }
    }

    /** A new track's baseline: the population prior. */
    public static GeometryBaseline prior() {
        return new GeometryBaseline(GeometricActionUnits.PRIOR.toArray(), 0, -1);
    }

    @Override
    public double[] neutral() {
        return neutral.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeometryBaseline b && java.util.Arrays.equals(neutral, b.neutral)
                && neutralFrames == b.neutralFrames && eyesClosedSincePtsMicros == b.eyesClosedSincePtsMicros;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(neutral) * 31 + Long.hashCode(neutralFrames * 31 + eyesClosedSincePtsMicros);
    }
}
