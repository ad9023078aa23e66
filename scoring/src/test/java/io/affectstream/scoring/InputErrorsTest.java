package io.affectstream.scoring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.affectstream.scoring.Fixtures.face;
import static io.affectstream.scoring.Fixtures.frame;
import static io.affectstream.scoring.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Empty, malformed and inconsistent inputs end in one message that names the file, the line and the problem. */
class InputErrorsTest {
    @TempDir
    Path dir;

    private static void assertMessage(Runnable read, String... fragments) {
        ScoringException e = assertThrows(ScoringException.class, read::run);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' not in: " + e.getMessage());
        }
    }

    @Test
    void anEmptyAffectFileIsAnError() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n\n");
        assertMessage(() -> AffectOutput.read(empty), empty.toString(), "no affect frames");
        Path missing = dir.resolve("nope.jsonl");
        assertMessage(() -> AffectOutput.read(missing), missing.toString(), "no such file");
    }

    @Test
    void aMalformedAffectLineIsNamed() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Fixtures.jsonl(file, List.of(frame("s", 0)));
        Files.writeString(file, "{\"kind\":\"frame\",\"streamId\":\n", java.nio.file.StandardOpenOption.APPEND);
        assertMessage(() -> AffectOutput.read(file), file + " line 2", "not an affect frame");
        Path array = Files.writeString(dir.resolve("array.jsonl"), "[1,2]\n");
        assertMessage(() -> AffectOutput.read(array), array + " line 1", "not a JSON object");
    }

    @Test
    void aTopicDumpWithKeysAndEndRecordsIsRead() throws Exception {
        Path plain = Fixtures.jsonl(dir.resolve("plain.jsonl"), List.of(frame("s", 0, face(1, 40).build()), frame("s", 1)));
        List<String> lines = Files.readAllLines(plain);
        Path dump = Files.write(dir.resolve("dump.txt"), List.of("s\t" + lines.get(0), lines.get(1),
                "{\"kind\":\"end_of_stream\",\"streamId\":\"s\",\"modality\":\"video\",\"count\":2,\"capturedAtMs\":5,"
                        + "\"reason\":\"completed\"}"));
        AffectOutput out = AffectOutput.read(dump);
        assertEquals(2, out.frames());
        assertEquals(1, out.streams().get("s").get(0L).faces().size());
    }

    @Test
    void aFrameGivenTwiceIsAnError() throws Exception {
        Path file = Fixtures.jsonl(dir.resolve("twice.jsonl"), List.of(frame("s", 3), frame("s", 3)));
        assertMessage(() -> AffectOutput.read(file), file + " line 2", "frame 3", "line 1");
    }

    @Test
    void csvProblemsNameTheFileAndLine() throws Exception {
        Path empty = text(dir.resolve("empty.csv"));
        assertMessage(() -> GroundTruth.readValenceArousal(empty, 0), empty.toString(), "empty",
                "file,frame,valence,arousal");
        Path headerOnly = text(dir.resolve("header.csv"), "file,frame,valence,arousal");
        assertMessage(() -> GroundTruth.readValenceArousal(headerOnly, 0), headerOnly.toString(), "no data rows");
        Path fields = text(dir.resolve("fields.csv"), "file,frame,valence,arousal", "a,0,0.1,0.2", "a,1,0.1");
        assertMessage(() -> GroundTruth.readValenceArousal(fields, 0), fields + " line 3", "expected 4", "got 3");
        Path frame = text(dir.resolve("frame.csv"), "file,frame,valence,arousal", "a,x1,0.1,0.2");
        assertMessage(() -> GroundTruth.readValenceArousal(frame, 0), frame + " line 2", "frame 'x1'");
        Path range = text(dir.resolve("range.csv"), "file,frame,valence,arousal", "", "a,0,1.5,0.2");
        assertMessage(() -> GroundTruth.readValenceArousal(range, 0), range + " line 3", "valence 1.5", "[-1, 1]");
        Path column = text(dir.resolve("column.csv"), "file,frame,valence,excitement", "a,0,0.1,0.2");
        assertMessage(() -> GroundTruth.readValenceArousal(column, 0), column + " line 1", "no 'arousal' column");
        Path twice = text(dir.resolve("twice.csv"), "file,frame,valence,arousal", "a,1,0.1,0.2", "a,1,0.3,0.2");
        assertMessage(() -> GroundTruth.readValenceArousal(twice, 1), twice + " line 3", "frame 1 is", "first on line 2");
    }

    @Test
    void unknownLabelsAreNamed() throws Exception {
        Path expr = text(dir.resolve("e.csv"), "file,frame,expression", "a,0,Ha", "a,1,contempt");
        assertMessage(() -> GroundTruth.readExpressions(expr, 0), expr + " line 3", "'contempt'", "Su");
        Path au = text(dir.resolve("au.csv"), "file,frame,AU1,AU12", "a,0,1,0", "a,1,2,0");
        assertMessage(() -> GroundTruth.readActionUnits(au, 0), au + " line 3", "AU1 is '2'");
        Path header = text(dir.resolve("h.csv"), "file,frame,AU1,smile", "a,0,1,0");
        assertMessage(() -> GroundTruth.readActionUnits(header, 0), header + " line 1", "'smile'");
    }

    @Test
    void quotedFileNamesMayHoldCommas() throws Exception {
        Path csv = text(dir.resolve("q.csv"), "file,expression", "\"take 1, part \"\"b\"\".mp4\",Su");
        GroundTruth.ExpressionTruth truth = GroundTruth.readExpressions(csv, 0);
        assertEquals("take 1, part \"b\".mp4", truth.rows().get(0).file());
        assertTrue(truth.perFile());
    }

    @Test
    void thresholdFileProblemsNameTheFile() throws Exception {
        Path missing = dir.resolve("none.json");
        assertMessage(() -> AuThresholds.load(missing), missing.toString(), "no such file");
        Path notJson = Files.writeString(dir.resolve("bad.json"), "{\"thresholds\": {\"1\": }");
        assertMessage(() -> AuThresholds.load(notJson), notJson.toString(), "not valid JSON");
        Path noObject = Files.writeString(dir.resolve("noobj.json"), "{\"1\": 0.3}");
        assertMessage(() -> AuThresholds.load(noObject), noObject.toString(), "no \"thresholds\" object");
        Path badKey = Files.writeString(dir.resolve("key.json"), "{\"thresholds\": {\"smile\": 0.3}}");
        assertMessage(() -> AuThresholds.load(badKey), badKey.toString(), "'smile' is not an AU number");
        Path badValue = Files.writeString(dir.resolve("value.json"), "{\"thresholds\": {\"12\": \"high\"}}");
        assertMessage(() -> AuThresholds.load(badValue), badValue.toString(), "\"12\"");
    }

    @Test
    void aThresholdsFileRoundTripsAndUnlistedAusUseTheDefault() throws Exception {
        Path file = dir.resolve("t.json");
        new AuThresholds(java.util.Map.of(12, 0.37, 4, 0.62)).write(file);
        AuThresholds back = AuThresholds.load(file);
        assertEquals(0.37, back.threshold(12));
        assertEquals(0.62, back.threshold(4));
        assertEquals(0.5, back.threshold(25));
        Path handWritten = Files.writeString(dir.resolve("hand.json"), "{\"thresholds\": {\"AU6\": 0.25}}");
        assertEquals(0.25, AuThresholds.load(handWritten).threshold(6));
    }
}
