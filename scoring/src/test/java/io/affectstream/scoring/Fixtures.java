package io.affectstream.scoring;

import io.affectstream.wire.ActionUnit;
import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.AffectFrame.AffectFace;
import io.affectstream.wire.AffectMessage;
import io.affectstream.wire.Analysis;
import io.affectstream.wire.AnalysisStatus;
import io.affectstream.wire.Box;
import io.affectstream.wire.Expression;
import io.affectstream.wire.Expressions;
import io.affectstream.wire.Source;
import io.affectstream.wire.serde.JsonSerde;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds affect output files (JSON lines, as {@code affect run --out} writes them) and CSV files for the tests. */
final class Fixtures {
    private static final JsonSerde<AffectMessage> JSON = new JsonSerde<>(AffectMessage.class);

    private Fixtures() {
    }

    static AffectFrame frame(String stream, long index, AffectFace... faces) {
        return new AffectFrame(AffectFrame.SCHEMA_VERSION, stream, index, index * 40_000, 1_000_000 + index * 40,
                640, 480, List.of(faces), new Analysis(AnalysisStatus.ANALYSED, null),
                new AffectFrame.AudioReport(new Analysis(AnalysisStatus.ABSENT, null), null, null, null, null, null),
                new AffectFrame.Smoothing("causal", 5), new AffectFrame.Timing(1, 2, null, 3, 4, 5));
    }

    /** A face builder: box side (for "largest"), then whatever values the test needs. */
    static final class FaceBuilder {
        private final long trackId;
        private final double side;
        private Expressions expressions;
        private Double valence;
        private Double arousal;
        private AffectFrame.Fused fused;
        private final List<ActionUnit> aus = new ArrayList<>();

        FaceBuilder(long trackId, double side) {
            this.trackId = trackId;
            this.side = side;
        }

        FaceBuilder va(double v, double a) {
            valence = v;
            arousal = a;
            return this;
        }

        FaceBuilder fused(Double v, Double a) {
            fused = new AffectFrame.Fused(v, a, new AffectFrame.FusionWeights(1, 0, 1, 0));
            return this;
        }

        /** Probabilities for the named expressions, in pairs (expression, p); the rest share what is left. */
        FaceBuilder expressions(Object... pairs) {
            double[] p = new double[Expression.values().length];
            double given = 0;
            for (int i = 0; i < pairs.length; i += 2) {
                p[((Expression) pairs[i]).ordinal()] = (Double) pairs[i + 1];
                given += (Double) pairs[i + 1];
            }
            int rest = Expression.values().length - pairs.length / 2;
            for (int i = 0; i < p.length; i++) {
                if (p[i] == 0) {
                    p[i] = (1 - given) / rest;
                }
            }
            expressions = Expressions.of(p, Source.MODEL);
            return this;
        }

        FaceBuilder au(int au, double activation, Source source) {
            aus.add(new ActionUnit(au, activation, source));
            return this;
        }

        AffectFace build() {
            return new AffectFace(trackId, new Box(10, 10, side, side), 0.9, List.of(), expressions, valence, arousal,
                    valence == null ? null : Source.MODEL, aus, null, fused, List.of());
        }
    }

    static FaceBuilder face(long trackId, double side) {
        return new FaceBuilder(trackId, side);
    }

    static Path jsonl(Path file, List<AffectFrame> frames) throws IOException {
        List<String> lines = frames.stream().map(JSON::toJson).toList();
        return Files.write(file, lines);
    }

    static Path text(Path file, String... lines) throws IOException {
        return Files.write(file, List.of(lines));
    }
}
