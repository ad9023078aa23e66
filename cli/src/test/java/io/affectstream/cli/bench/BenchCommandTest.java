package io.affectstream.cli.bench;

import io.affectstream.cli.CliHarness;
import io.affectstream.ingest.media.SyntheticClip;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench's parts that need no broker, on a one-second clip made here; no timing is asserted, only that each figure is there. */
class BenchCommandTest {
    private static final Pattern RATE = Pattern.compile("([0-9]+\\.[0-9]+) (frames|faces|chunks)/s");

    @TempDir
    static Path dir;
    static Path clip;

    @BeforeAll
    static void writeClip() throws Exception {
        try (InputStream photo = BenchCommandTest.class.getResourceAsStream("/media/astronaut.jpg")) {
            clip = new SyntheticClip().size(320, 240).frameRate(10).seconds(1).photo(ImageIO.read(photo))
                    .writeTo(dir.resolve("tiny.mp4"));
        }
    }

    private static double firstRate(String output, String linePrefix) {
        String line = output.lines().filter(l -> l.startsWith(linePrefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting '" + linePrefix + "' in:\n" + output));
        Matcher m = RATE.matcher(line);
        assertTrue(m.find(), line);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void printsEveryFigureWithoutKafkaAndAppendsOneWellFormedRow() throws Exception {
        Path table = dir.resolve("benchmarks.md");
        Files.writeString(table, "# Benchmarks\n\nEarlier figures, kept as they are.\n");
        CliHarness.Outcome result = CliHarness.run("bench", "--input", clip.toString(), "--no-pipeline",
                "--seconds", "0.2", "--warmup", "2", "--batch", "2", "--benchmarks-file", table.toString());
        assertEquals(0, result.exitCode(), result.stderr());
        String out = result.stdout();
        assertTrue(firstRate(out, "decode only") > 0, out);
        assertTrue(firstRate(out, "model blazeface-back-256") > 0, out);
        assertTrue(firstRate(out, "model mini-xception") > 0, out);
        assertTrue(firstRate(out, "model silero-vad-v5") > 0, out);
        assertTrue(firstRate(out, "model face-api-expression") > 0, out);
        assertTrue(firstRate(out, "model mediapipe-facemesh") > 0, out);
        for (String model : List.of("mini-xception", "face-api-expression", "mediapipe-facemesh")) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith("model " + model) && l.contains("batch 2: ")), out);
        }
        assertTrue(firstRate(out, "slowest part") > 0, out);
        assertTrue(firstRate(out, "vision stage without Kafka") > 0, out);
        assertTrue(out.contains("cores"), out);
        assertTrue(out.contains("ONNX Runtime "), out);

        List<String> lines = Files.readAllLines(table);
        assertEquals("Earlier figures, kept as they are.", lines.get(2));
        int header = lines.indexOf(BenchmarksFile.HEADER);
        assertTrue(header > 0, String.join("\n", lines));
        assertEquals(header + 3, lines.size(), "header, separator and one row:\n" + String.join("\n", lines));
        String row = lines.get(header + 2);
        assertEquals(cells(BenchmarksFile.HEADER), cells(row), row);
        assertTrue(row.startsWith("| 20") && row.contains("bench --input " + clip), row);
        assertTrue(row.contains("not run"), "the pipeline was skipped: " + row);
        assertTrue(row.contains("ExecutionProvider"), "the provider is named: " + row);
    }

    @Test
    void aSecondRunAddsARowToTheSameTableAndOtherContentStartsANewOne() throws Exception {
        Path table = dir.resolve("append.md");
        BenchReport report = report();
        BenchmarksFile.append(table, report, "bench --input a.mp4");
        BenchmarksFile.append(table, report, "bench --input b.mp4");
        List<String> lines = Files.readAllLines(table);
        assertEquals(1, lines.stream().filter(BenchmarksFile.HEADER::equals).count());
        assertEquals(2, lines.stream().filter(l -> l.startsWith("| 20")).count());
        Files.writeString(table, Files.readString(table) + "\nA note written after the table.\n");
        BenchmarksFile.append(table, report, "bench --input c.mp4");
        lines = Files.readAllLines(table);
        assertEquals(2, lines.stream().filter(BenchmarksFile.HEADER::equals).count());
        assertTrue(lines.get(lines.size() - 1).contains("c.mp4"));
    }

    @Test
    void aCellWithABarDoesNotBreakTheRow() {
        String row = BenchmarksFile.row(report(), "bench --input a|b.mp4");
        assertEquals(cells(BenchmarksFile.HEADER), cells(row), row);
    }

    @Test
    void agreementComparesLabelsAndEyeCentresWhereBothSidesHaveThem() {
        PythonBaseline.FrameFace python = new PythonBaseline.FrameFace(10, 10, 50, 50, "happiness", "happiness",
                new double[]{20, 30, 40, 30});
        PythonBaseline.FrameFace java = new PythonBaseline.FrameFace(11, 10, 50, 52, "happiness", "neutral",
                new double[]{20, 33, 40, 30});
        PythonBaseline.FrameFace record = new PythonBaseline.FrameFace(10, 10, 50, 50, "sadness", null, null);
        Agreement withJava = Agreement.of(List.of(List.of(python)), List.of(List.of(java)));
        assertEquals(1, withJava.faces());
        assertEquals(2.0, withJava.maxBoxDeltaPx(), 1e-9);
        assertEquals(1, withJava.sameLabel());
        assertEquals(1, withJava.miniXceptionPairs());
        assertEquals(0, withJava.sameMiniXception());
        assertEquals(1, withJava.eyePairs());
        assertEquals(3.0, withJava.maxEyeDeltaPx(), 1e-9);
        Agreement withRecords = Agreement.of(List.of(List.of(python), List.of()), List.of(List.of(record), List.of()));
        assertEquals(2, withRecords.sameFaceCount());
        assertEquals(0, withRecords.sameLabel());
        assertEquals(0, withRecords.eyePairs());
        assertTrue(!withRecords.toString().contains("eye"), withRecords.toString());
    }

    @Test
    void badOptionsAndInputsAreNamed() {
        CliHarness.Outcome missing = CliHarness.run("bench", "--input", dir.resolve("nope.mp4").toString(),
                "--no-append");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.stderr().contains("nope.mp4") && missing.stderr().contains("no such file"),
                missing.stderr());
        CliHarness.Outcome batch = CliHarness.run("bench", "--input", clip.toString(), "--batch", "0");
        assertEquals(2, batch.exitCode());
        assertTrue(batch.stderr().contains("--batch"), batch.stderr());
    }

    /** Unescaped bars: the cell count plus one. */
    private static int cells(String row) {
        return row.replace("\\|", "").length() - row.replace("\\|", "").replace("|", "").length();
    }

    private static BenchReport report() {
        MachineFacts machine = new MachineFacts(2, "Test CPU", 1024, "JVM", "1.0", "0.1 0.2 0.3");
        Throughput t = new Throughput(100, 100, 1);
        return new BenchReport(java.time.LocalDate.of(2026, 1, 2), "a.mp4", 10, 25, 320, 240, machine, "0.4 0.5 0.6",
                2, 0.2, t, 2, List.of(new BenchReport.ModelResult("m", "faces", "CPU", 1, t, 4, t)), null, null, null, null,
                null, null);
    }
}
