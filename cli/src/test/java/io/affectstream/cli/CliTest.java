package io.affectstream.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What users see when the input or the options are wrong: one line, a non-zero exit, no stack trace. */
class CliTest {
    @TempDir
    Path dir;

    private static void assertOneLineError(CliHarness.Outcome outcome, int exitCode, String... fragments) {
        assertEquals(exitCode, outcome.exitCode(), outcome.stderr());
        List<String> lines = outcome.stderr().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "expected one line, got:\n" + outcome.stderr());
        assertTrue(lines.get(0).startsWith("affect: error: "), lines.get(0));
        for (String fragment : fragments) {
            assertTrue(lines.get(0).contains(fragment), lines.get(0));
        }
        assertFalse(outcome.stderr().contains("\tat "), "no stack trace");
        assertTrue(outcome.stdout().isEmpty(), "nothing on stdout");
    }

    @Test
    void randomBytesNamedMp4EndWithOneLineNamingTheInput() throws Exception {
        Path junk = dir.resolve("random.mp4");
        byte[] bytes = new byte[200_000];
        new Random(5).nextBytes(bytes);
        Files.write(junk, bytes);
        assertOneLineError(CliHarness.run("run", "--input", junk.toString()), ExitCodes.BAD_INPUT,
                junk.toString(), "not a media file");
    }

    @Test
    void aMissingInputIsNamed() {
        Path missing = dir.resolve("nope.mkv");
        assertOneLineError(CliHarness.run("run", "--input", missing.toString()), ExitCodes.BAD_INPUT,
                missing.toString(), "no such file");
    }

    @Test
    void standaloneStagesNeedABrokerAndSaySo() {
        assertOneLineError(CliHarness.run("vision"), ExitCodes.USAGE, "--bootstrap-servers");
        assertOneLineError(CliHarness.run("ingest", "--input", "x.mp4"), ExitCodes.USAGE, "--bootstrap-servers");
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        Path clip = dir.resolve("a.mp4");
        assertOneLineError(CliHarness.run("run", "--input", clip.toString(), "--max-side", "-3"), ExitCodes.USAGE,
                "--max-side");
        assertOneLineError(CliHarness.run("demo-clip", "--out", clip.toString(), "--size", "big"), ExitCodes.USAGE,
                "--size");
    }

    @Test
    void aWrongModelFileOrSettingIsNamedBeforeAnythingRuns() throws Exception {
        Path clip = new io.affectstream.ingest.media.SyntheticClip().size(160, 120).frameRate(10).seconds(1)
                .writeTo(dir.resolve("tiny.mp4"));
        Path notAModel = dir.resolve("gru.onnx");
        Files.writeString(notAModel, "not an onnx file");
        assertOneLineError(CliHarness.run("run", "--input", clip.toString(), "--set",
                "vision.sequence.model=" + notAModel), ExitCodes.USAGE, notAModel.toString());
        Path emotion = Path.of("../models/mini-xception/emotion.onnx").toAbsolutePath().normalize();
        assertOneLineError(CliHarness.run("run", "--input", clip.toString(), "--set",
                "vision.sequence.model=" + emotion), ExitCodes.USAGE, emotion.toString(), "crops");
        assertOneLineError(CliHarness.run("run", "--input", clip.toString(), "--set", "vision.expressions=smiles"),
                ExitCodes.USAGE, "vision.expressions", "smiles");
    }

    @Test
    void everySubcommandExplainsItselfWithAnExample() {
        for (String command : List.of("run", "ingest", "vision", "audio", "fusion", "demo-clip", "score", "report",
                "bench")) {
            CliHarness.Outcome help = CliHarness.run(command, "--help");
            assertEquals(0, help.exitCode(), command);
            assertTrue(help.stdout().contains("Example"), command + ":\n" + help.stdout());
            assertTrue(help.stdout().contains("java -jar affect.jar " + command), command + ":\n" + help.stdout());
        }
    }

    @Test
    void theProgressBarShowsDoneOverTotalAndRate() {
        ProgressBar bar = new ProgressBar(System.err, 250, false);
        assertEquals("[###############...............] 125/250 frames  25.0 frames/s", bar.render(125, 5));
        assertEquals("40 frames  20.0 frames/s", new ProgressBar(System.err, -1, false).render(40, 2));
    }

    @Test
    void latencyPercentilesUseTheNearestRank() {
        LatencyStats stats = new LatencyStats();
        for (int i = 100; i >= 1; i--) {
            stats.add(i);
        }
        assertEquals(50, stats.percentile(50));
        assertEquals(99, stats.percentile(99));
        assertEquals(100, stats.percentile(100));
        assertEquals(-1, new LatencyStats().percentile(50));
    }
}
