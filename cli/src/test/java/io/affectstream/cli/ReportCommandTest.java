package io.affectstream.cli;

import io.affectstream.ingest.media.MediaSource;
import io.affectstream.ingest.media.SyntheticClip;
import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.AffectMessage;
import io.affectstream.wire.Analysis;
import io.affectstream.wire.AnalysisStatus;
import io.affectstream.wire.Box;
import io.affectstream.wire.Expressions;
import io.affectstream.wire.Source;
import io.affectstream.wire.serde.JsonSerde;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report subcommand: its files on success, one line naming the file (and line) on bad input. */
class ReportCommandTest {
    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static Path clip;
    private static Path affect;

    @BeforeAll
    static void clipAndRecords() throws Exception {
        MediaSource.ffmpegLogging(false);
        clip = new SyntheticClip().seconds(1).withoutAudio().writeTo(shared.resolve("clip.mp4"));
        JsonSerde<AffectMessage> json = new JsonSerde<>(AffectMessage.class);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            AffectFrame.AffectFace face = new AffectFrame.AffectFace(3, new Box(100 + i, 100, 160, 200), 0.9, List.of(),
                    Expressions.of(new double[] {0.7, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05}, Source.MODEL),
                    null, null, null, List.of(), null, null, List.of());
            lines.add(json.toJson(new AffectFrame(1, "s", i, i * 40_000L, i * 40L, 640, 480, List.of(face),
                    new Analysis(AnalysisStatus.ANALYSED, null), new AffectFrame.AudioReport(
                    new Analysis(AnalysisStatus.ABSENT, null), null, null, null, null, List.of()),
                    new AffectFrame.Smoothing("causal", 5), new AffectFrame.Timing(0, 0, null, 0, 0, 0))));
        }
        affect = Files.write(shared.resolve("affect.jsonl"), lines);
    }

    @Test
    void writesTheVideoTheChartAndThePageIntoTheOutputDirectory() {
        Path out = dir.resolve("report");
        CliHarness.Outcome outcome = CliHarness.run("report", "--input", clip.toString(), "--affect", affect.toString(),
                "--out-dir", out.toString());
        assertEquals(0, outcome.exitCode(), outcome.stderr());
        assertTrue(outcome.stderr().contains("25 frames annotated (25 with an affect record), timeline of track #3"),
                outcome.stderr());
        for (String file : List.of("annotated.mp4", "timeline.png", "report.html")) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file);
        }
    }

    @Test
    void aMalformedAffectFileEndsWithOneLineNamingFileAndLine() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(affect));
        lines.set(1, "{\"kind\":\"frame\",\"frameIndex\":");
        Path broken = Files.write(dir.resolve("broken.jsonl"), lines);
        assertOneLineError(CliHarness.run("report", "--input", clip.toString(), "--affect", broken.toString(),
                "--out-dir", dir.toString()), "affect file '" + broken + "', line 2: not JSON");
        assertFalse(Files.exists(dir.resolve("annotated.mp4")));
    }

    @Test
    void aMissingOrCorruptClipEndsWithOneLineNamingIt() throws Exception {
        Path missing = dir.resolve("missing.mp4");
        assertOneLineError(CliHarness.run("report", "--input", missing.toString(), "--affect", affect.toString(),
                "--out-dir", dir.toString()), "'" + missing + "': no such file");
        Path corrupt = Files.write(dir.resolve("corrupt.mp4"), "not a video at all".repeat(1000).getBytes());
        assertOneLineError(CliHarness.run("report", "--input", corrupt.toString(), "--affect", affect.toString(),
                "--out-dir", dir.toString()), "'" + corrupt + "'", "not a media file");
    }

    @Test
    void explainsItselfWithAnExample() {
        CliHarness.Outcome help = CliHarness.run("report", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.stdout().contains("java -jar affect.jar report --input"), help.stdout());
    }

    private static void assertOneLineError(CliHarness.Outcome outcome, String... fragments) {
        assertEquals(ExitCodes.BAD_INPUT, outcome.exitCode(), outcome.stderr());
        List<String> lines = outcome.stderr().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), outcome.stderr());
        assertTrue(lines.get(0).startsWith("affect: error: "), lines.get(0));
        for (String fragment : fragments) {
            assertTrue(lines.get(0).contains(fragment), lines.get(0));
        }
    }
}
