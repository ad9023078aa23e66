package io.affectstream.scoring;

import io.affectstream.wire.ActionUnit;
import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.AffectFrame.AffectFace;
import io.affectstream.wire.AffectFrame.Fused;
import io.affectstream.wire.Box;
import io.affectstream.wire.Expressions;
import io.affectstream.wire.Source;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Picks, per the options, the face of a frame and the values of it that are scored. */
final class Predictions {
    private final ScoringOptions options;

    Predictions(ScoringOptions options) {
        this.options = options;
    }

    /** The scored face: the given track, or the largest box (lowest trackId on a tie). */
    Optional<AffectFace> face(AffectFrame frame) {
        if (options.trackId() != null) {
            return frame.faces().stream().filter(f -> f.trackId() == options.trackId()).findFirst();
        }
        return frame.faces().stream()
                .max(Comparator.comparingDouble((AffectFace f) -> area(f.box()))
                        .thenComparing(Comparator.comparingLong(AffectFace::trackId).reversed()));
    }

    /** Valence, or null when the chosen source has none. */
    Double valence(AffectFrame frame, AffectFace face) {
        Fused fused = face == null ? null : face.fused();
        return pick(fused == null ? null : fused.valence(), face == null ? null : face.valence(), frame.audio().valence());
    }

    /** Arousal, or null when the chosen source has none. */
    Double arousal(AffectFrame frame, AffectFace face) {
        Fused fused = face == null ? null : face.fused();
        return pick(fused == null ? null : fused.arousal(), face == null ? null : face.arousal(), frame.audio().arousal());
    }

    private Double pick(Double fused, Double vision, Double audio) {
        return switch (options.vaSource()) {
            case AUTO -> fused != null ? fused : vision;
            case FUSED -> fused;
            case VISION -> vision;
            case AUDIO -> audio;
        };
    }

    /** Whether the VA source needs a face at all (audio VA is stream-level). */
    boolean vaNeedsFace() {
        return options.vaSource() != ScoringOptions.VaSource.AUDIO;
    }

    Expressions expressions(AffectFace face) {
        return face.expressions();
    }

    /** The AU's activation from the chosen source (or the first present by preference), or null. */
    Double auActivation(AffectFace face, int au) {
        List<Source> sources = options.auSource() == null ? ScoringOptions.AU_SOURCES : List.of(options.auSource());
        for (Source source : sources) {
            for (ActionUnit unit : face.actionUnits()) {
                if (unit.au() == au && unit.source() == source) {
                    return unit.activation();
                }
            }
        }
        return null;
    }

    double threshold(int au) {
        return options.thresholds().threshold(au);
    }

    private static double area(Box box) {
        return Math.max(0, box.width()) * Math.max(0, box.height());
    }
}
