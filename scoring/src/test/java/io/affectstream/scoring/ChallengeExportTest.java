package io.affectstream.scoring;

import io.affectstream.wire.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.affectstream.scoring.Fixtures.face;
import static io.affectstream.scoring.Fixtures.frame;
import static io.affectstream.wire.Expression.HAPPINESS;
import static io.affectstream.wire.Expression.NEUTRAL;
import static io.affectstream.wire.Expression.SURPRISE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The challenge submission forms, byte for byte, and read back as ground truth. */
class ChallengeExportTest {
    @TempDir
    Path dir;

    private AffectOutput output() throws Exception {
        return AffectOutput.read(Fixtures.jsonl(dir.resolve("out.jsonl"), List.of(
                // stream a: mean Ha (0.6 + 0.2)/2 = 0.4 < Ne (0.3 + 0.7)/2 = 0.5 -> Ne
                frame("a", 0, face(1, 50).expressions(HAPPINESS, 0.6, NEUTRAL, 0.3).va(0.25, -0.5)
                        .au(12, 0.8, Source.MODEL).au(4, 0.1, Source.MODEL).build()),
                frame("a", 1, face(1, 50).expressions(HAPPINESS, 0.2, NEUTRAL, 0.7).va(0.5, 0.0).fused(0.125, null)
                        .au(12, 0.3, Source.MODEL).build()),
                frame("b", 0, face(2, 50).expressions(SURPRISE, 0.9).build()),
                frame("b", 1),
                frame("c", 0))));
    }

    @Test
    void theClassDictionaryHoldsTheArgmaxOfTheMeanProbabilitiesPerStream() throws Exception {
        List<String> warnings = new ArrayList<>();
        ChallengeExport export = new ChallengeExport(output(), ScoringOptions.defaults());
        assertEquals(Map.of("a", "Ne", "b", "Su"), export.classDictionary(warnings));
        assertTrue(warnings.get(0).contains("'c'"), warnings.toString());
        Path file = dir.resolve("dict.json");
        export.writeClassDictionary(file, new ArrayList<>());
        assertEquals("{\n  \"a\" : \"Ne\",\n  \"b\" : \"Su\"\n}\n", Files.readString(file));
    }

    @Test
    void thePerFrameCsvHasOneRowPerOutputFrame() throws Exception {
        Path file = dir.resolve("frames.csv");
        new ChallengeExport(output(), ScoringOptions.defaults().withThresholds(new AuThresholds(Map.of(12, 0.25))))
                .writeFrameCsv(file);
        // frame 1 of a: fused valence 0.125 wins, fused arousal absent -> vision arousal 0; AU12 0.3 >= 0.25
        assertEquals(List.of(
                "file,frame,valence,arousal,expression,AU4,AU12",
                "a,0,0.25,-0.5,Ha,0,1",
                "a,1,0.125,0.0,Ne,,1",
                "b,0,,,Su,,",
                "b,1,,,,,",
                "c,0,,,,,"), Files.readAllLines(file));
    }

    @Test
    void theCsvScoresPerfectlyAsItsOwnGroundTruth() throws Exception {
        AffectOutput out = output();
        Path file = dir.resolve("frames.csv");
        new ChallengeExport(out, ScoringOptions.defaults().withFrameBase(1)).writeFrameCsv(file);
        Scorer scorer = new Scorer(out, ScoringOptions.defaults().withFrameBase(1));
        assertEquals(1.0, scorer.scoreValenceArousal(GroundTruth.readValenceArousal(file, 1), file).valence().ccc(), 1e-12);
        assertEquals(1.0, scorer.scoreExpressions(GroundTruth.readExpressions(file, 1)).accuracy());
        assertEquals(1.0, scorer.scoreActionUnits(GroundTruth.readActionUnits(readableAus(file), 1)).meanAccuracy());
    }

    /** The AU part of the export, in the AU ground-truth form. */
    private Path readableAus(Path frames) throws Exception {
        List<String> lines = Files.readAllLines(frames).stream().map(l -> {
            String[] f = l.split(",", -1);
            return f[0] + "," + f[1] + "," + f[5] + "," + f[6];
        }).toList();
        return Files.write(dir.resolve("aus.csv"), lines);
    }
}
