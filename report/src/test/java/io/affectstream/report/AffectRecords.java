package io.affectstream.report;

import io.affectstream.wire.ActionUnit;
import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.AffectFrame.AffectFace;
import io.affectstream.wire.AffectMessage;
import io.affectstream.wire.Analysis;
import io.affectstream.wire.AnalysisStatus;
import io.affectstream.wire.Box;
import io.affectstream.wire.EndOfStream;
import io.affectstream.wire.EndReason;
import io.affectstream.wire.Expressions;
import io.affectstream.wire.Modality;
import io.affectstream.wire.Source;
import io.affectstream.wire.serde.JsonSerde;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Affect records made in code for the report tests: one face of known box and values per frame. */
final class AffectRecords {
    static final String STREAM = "clip-1";
    static final long TRACK = 7;
    private static final JsonSerde<AffectMessage> JSON = new JsonSerde<>(AffectMessage.class);

    private AffectRecords() {
    }

    /** The face of frame {@code i}: a fixed box, happiness rising, valence/arousal moving along a known path. */
    static AffectFace face(long trackId, Box box, int i, int frames) {
        double t = i / (double) Math.max(1, frames - 1);
        double happy = 0.3 + 0.6 * t;
        double rest = (1 - happy) / 6;
        Expressions expressions = Expressions.of(new double[] {rest, rest, rest, rest, happy, rest, rest}, Source.MODEL);
        List<ActionUnit> aus = List.of(new ActionUnit(12, happy, Source.EXPRESSION_TABLE),
                new ActionUnit(25, happy * 0.9, Source.EXPRESSION_TABLE), new ActionUnit(6, 0.51 * happy, Source.EXPRESSION_TABLE),
                new ActionUnit(4, rest * 2, Source.EXPRESSION_TABLE), new ActionUnit(1, rest, Source.EXPRESSION_TABLE),
                new ActionUnit(15, rest * 0.5, Source.EXPRESSION_TABLE), new ActionUnit(26, rest * 0.3, Source.EXPRESSION_TABLE));
        double valence = -0.5 + t;
        double arousal = 0.4 - 0.5 * t;
        AffectFrame.Fused fused = new AffectFrame.Fused(valence, arousal * 0.8,
                new AffectFrame.FusionWeights(1, 0, 0.7, 0.3));
        return new AffectFace(trackId, box, 0.95, List.of(), expressions, valence, arousal, Source.DERIVED, aus, null,
                fused, List.of("test"));
    }

    /** One record per frame at {@code frameRate}, each with the faces {@code faces} gives for its index. */
    static List<AffectFrame> frames(int count, double frameRate, int width, int height,
                                    java.util.function.IntFunction<List<AffectFace>> faces) {
        List<AffectFrame> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long pts = Math.round(i * 1_000_000 / frameRate);
            AffectFrame.AudioReport audio = new AffectFrame.AudioReport(new Analysis(AnalysisStatus.ANALYSED, null),
                    i % 10 < 5 ? 0.9 : 0.1, i % 10 < 5 ? 0.2 : null, null, Source.DERIVED, List.of());
            out.add(new AffectFrame(AffectFrame.SCHEMA_VERSION, STREAM, i, pts, 1_700_000_000_000L + pts / 1000,
                    width, height, faces.apply(i), new Analysis(AnalysisStatus.ANALYSED, "made in a test"), audio,
                    new AffectFrame.Smoothing("causal", 5), new AffectFrame.Timing(0, 0, null, 0, 0, 0)));
        }
        return out;
    }

    /** Writes the records as {@code affect run --out} does, plus the topic's end-of-stream line a dump would have. */
    static Path write(Path file, List<AffectFrame> frames) throws IOException {
        List<String> lines = new ArrayList<>();
        frames.forEach(f -> lines.add(JSON.toJson(f)));
        lines.add(JSON.toJson(new EndOfStream(STREAM, Modality.VIDEO, frames.size(), 0, EndReason.COMPLETED, null)));
        return Files.write(file, lines);
    }
}
