package io.affectstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code affect score} end to end on fixture files written as a user would have them. */
class ScoreCommandTest {
    @TempDir
    Path dir;

    /**
     * Four frames of stream "clip": valence 0, 1, 1, 0.5 (frame 3 is unlabelled), arousal 0.5 throughout;
     * expressions Ha, Ha, Ne, Ne; AU12 (model) 0.9, 0.4, 0.6, 0.1.
     */
    private Path affect() throws Exception {
        double[] valence = {0, 1, 1, 0.5};
        String[] label = {"happiness", "happiness", "neutral", "neutral"};
        double[] au12 = {0.9, 0.4, 0.6, 0.1};
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String probabilities = label[i].equals("happiness")
                    ? "\"neutral\":0.1,\"anger\":0,\"disgust\":0,\"fear\":0,\"happiness\":0.9,\"sadness\":0,\"surprise\":0"
                    : "\"neutral\":0.8,\"anger\":0,\"disgust\":0,\"fear\":0,\"happiness\":0.2,\"sadness\":0,\"surprise\":0";
            lines.add(String.format(Locale.ROOT, "{\"kind\":\"frame\",\"schemaVersion\":1,\"streamId\":\"clip\","
                    + "\"frameIndex\":%d,\"ptsMicros\":%d,\"capturedAtMs\":%d,\"width\":640,\"height\":480,"
                    + "\"faces\":[{\"trackId\":0,\"box\":{\"x\":10,\"y\":10,\"width\":80,\"height\":80},"
                    + "\"detectionScore\":0.9,\"expressions\":{\"probabilities\":{%s},\"label\":\"%s\",\"source\":\"model\"},"
                    + "\"valence\":%s,\"arousal\":0.5,\"vaSource\":\"model\","
                    + "\"actionUnits\":[{\"au\":12,\"activation\":%s,\"source\":\"model\"}]}],"
                    + "\"vision\":{\"status\":\"analysed\"},\"audio\":{\"analysis\":{\"status\":\"absent\"}},"
                    + "\"smoothing\":{\"mode\":\"causal\",\"windowFrames\":5},"
                    + "\"timing\":{\"ingestedAtMs\":1,\"visionAtMs\":2,\"fusedAtMs\":3,\"endToEndMs\":4,\"pipelineMs\":5}}",
                    i, i * 40_000, 1000 + i * 40, probabilities, label[i], valence[i], au12[i]));
        }
        return Files.write(dir.resolve("affect.jsonl"), lines);
    }

    private Path csv(String name, String... lines) throws Exception {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    @Test
    void scoresSelectsThresholdsAndExports() throws Exception {
        Path va = csv("va.csv", "file,frame,valence,arousal", "clip.mp4,0,0,0.1", "clip.mp4,1,0.5,0.2", "clip.mp4,2,1,0.3");
        Path expr = csv("expr.csv", "file,frame,expression", "clip,0,Ha", "clip,1,Ne", "clip,2,Ne", "clip,3,Ne");
        Path aus = csv("aus.csv", "file,frame,AU12", "clip,0,1", "clip,1,1", "clip,2,0", "clip,3,0");
        Path json = dir.resolve("out/result.json");
        Path thresholds = dir.resolve("out/thresholds.json");
        Path dict = dir.resolve("out/dict.json");
        Path frames = dir.resolve("out/frames.csv");
        CliHarness.Outcome outcome = CliHarness.run("score", "--affect", affect().toString(), "--va", va.toString(),
                "--expressions", expr.toString(), "--aus", aus.toString(), "--json", json.toString(),
                "--select-thresholds", thresholds.toString(), "--export-dict", dict.toString(),
                "--export-csv", frames.toString());
        assertEquals(0, outcome.exitCode(), outcome.stderr());

        // valence: truth [0, 0.5, 1] vs [0, 1, 1] -> CCC 0.8 (see MetricsTest); arousal constant 0.5 -> 0
        // expressions: truth Ha Ne Ne Ne vs Ha Ha Ne Ne -> accuracy 3/4; F1 Ha 2/3, Ne 4/5 -> macro 11/15
        // AU12 at 0.5: predicted 1 0 1 0 vs 1 1 0 0 -> TP 1 FP 1 TN 1 FN 1: accuracy 0.5, F1 0.5
        assertTrue(outcome.stdout().contains("valence     0.8000"), outcome.stdout());
        assertTrue(outcome.stdout().contains("accuracy 0.7500   macro F1 0.7333"), outcome.stdout());
        JsonNode result = new ObjectMapper().readTree(json.toFile());
        assertEquals(0.8, result.at("/valenceArousal/valence/ccc").asDouble(), 1e-9);
        assertEquals(0.0, result.at("/valenceArousal/arousal/ccc").asDouble(), 1e-9);
        assertEquals(1, result.at("/valenceArousal/valence/coverage/unlabelledOutputFrames").asInt());
        assertEquals(11.0 / 15, result.at("/expressions/macroF1").asDouble(), 1e-9);
        assertEquals(0.5, result.at("/actionUnits/meanF1").asDouble(), 1e-9);
        assertEquals(0.5, result.at("/actionUnits/emotionetFinal").asDouble(), 1e-9);

        // AU12 sorted 0.9 T, 0.6 F, 0.4 T, 0.1 F: F1 2/3, 1/2, 4/5, 2/3 -> threshold 0.4
        JsonNode selected = new ObjectMapper().readTree(thresholds.toFile());
        assertEquals(0.4, selected.at("/thresholds/12").asDouble(), 1e-12);
        assertTrue(outcome.stdout().contains("AU12   threshold 0.4000   F1 0.8000"), outcome.stdout());

        assertEquals("{\n  \"clip\" : \"Ha\"\n}\n", Files.readString(dict));
        assertEquals(List.of("file,frame,valence,arousal,expression,AU12", "clip,0,0.0,0.5,Ha,1", "clip,1,1.0,0.5,Ha,0",
                "clip,2,1.0,0.5,Ne,1", "clip,3,0.5,0.5,Ne,0"), Files.readAllLines(frames));

        // scoring again with the selected thresholds: AU12 predicted 1 1 1 0 -> F1 4/5
        CliHarness.Outcome rescored = CliHarness.run("score", "--affect", affect().toString(), "--aus", aus.toString(),
                "--thresholds", thresholds.toString(), "--json", json.toString());
        assertEquals(0, rescored.exitCode(), rescored.stderr());
        assertEquals(0.8, new ObjectMapper().readTree(json.toFile()).at("/actionUnits/meanF1").asDouble(), 1e-9);
    }

    @Test
    void badInputsEndInOneLineNamingTheFileAndLine() throws Exception {
        Path bad = csv("bad.csv", "file,frame,valence,arousal", "clip,0,0.1,0.2", "clip,one,0.1,0.2");
        CliHarness.Outcome outcome = CliHarness.run("score", "--affect", affect().toString(), "--va", bad.toString());
        assertEquals(ExitCodes.BAD_INPUT, outcome.exitCode());
        List<String> lines = outcome.stderr().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), outcome.stderr());
        assertTrue(lines.get(0).startsWith("affect: error: " + bad + " line 3: frame 'one'"), lines.get(0));
        assertFalse(outcome.stderr().contains("\tat "));

        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
        CliHarness.Outcome noFrames = CliHarness.run("score", "--affect", empty.toString(), "--va", bad.toString());
        assertEquals(ExitCodes.BAD_INPUT, noFrames.exitCode());
        assertTrue(noFrames.stderr().contains(empty + ": no affect frames"), noFrames.stderr());
    }

    @Test
    void badOptionsAreUsageErrorsAndHelpHasAnExample() throws Exception {
        CliHarness.Outcome nothing = CliHarness.run("score", "--affect", affect().toString());
        assertEquals(ExitCodes.USAGE, nothing.exitCode());
        assertTrue(nothing.stderr().contains("nothing to do"), nothing.stderr());
        CliHarness.Outcome face = CliHarness.run("score", "--affect", affect().toString(), "--export-csv", "x.csv",
                "--face", "biggest");
        assertEquals(ExitCodes.USAGE, face.exitCode());
        assertTrue(face.stderr().contains("--face"), face.stderr());
        CliHarness.Outcome source = CliHarness.run("score", "--affect", affect().toString(), "--export-csv", "x.csv",
                "--au-source", "derived");
        assertEquals(ExitCodes.USAGE, source.exitCode());
        CliHarness.Outcome help = CliHarness.run("score", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.stdout().contains("java -jar affect.jar score"), help.stdout());
    }
}
