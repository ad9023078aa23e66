package io.affectstream.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.affectstream.cli.CliError;
import io.affectstream.cli.ExitCodes;
import io.affectstream.wire.serde.JsonSerde;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code scripts/python-baseline/baseline.py} on the clip: the vision stage's default per-frame work in one
 * plain Python process (OpenCV decode; the same BlazeFace, mini-Xception, face-api and FaceMesh ONNX files, and
 * Silero VAD on the audio, through onnxruntime, or the vision models through OpenCV's dnn where onnxruntime is not
 * installed). Its per-frame faces are read back for {@link Agreement}.
 *
 * @param fps     frames per second over its loop (model loading and warm-up excluded)
 * @param summary the script's JSON summary line, as printed
 * @param runtime the runtime the script ran the models on, as it names it
 * @param frames  per frame, the faces it found
 */
record PythonBaseline(double fps, double wallSeconds, String summary, String runtime, List<List<FrameFace>> frames) {
    /** The virtualenv scripts/install-python-baseline.sh makes, relative to the repository root. */
    static final String VENV_PYTHON = "target/python-baseline/venv/bin/python";
    /** The Debian fallback's interpreter. */
    static final String SYSTEM_PYTHON = "/usr/bin/python3";

    /**
     * A face as either side reports it: box in the frame's pixels, top expression of the ensemble (wire name), and,
     * where that side has them, mini-Xception's own top expression and the FaceMesh eye centres.
     *
     * @param miniXception mini-Xception's top expression, or null
     * @param eyes         right eye x, y, left eye x, y (the subject's; FaceMesh lid contours), frame pixels, or null
     */
    record FrameFace(double x, double y, double width, double height, String label, String miniXception,
                     double[] eyes) {
    }

    /** The install script's virtualenv when it exists (run from the repository root), else the system Python. */
    static String defaultPython() {
        return Files.isExecutable(Path.of(VENV_PYTHON)) ? VENV_PYTHON : SYSTEM_PYTHON;
    }

    /**
     * Runs the baseline on {@code clip} with the vision stage's {@code detector} (front, back) and {@code expressions}
     * (ensemble, mini-xception), timing its process from launch to exit.
     */
    static PythonBaseline run(String python, Path script, String clip, String detector, String expressions,
                              Path workDir, int warmUp, int timeoutSeconds) {
        if (!Files.isRegularFile(script)) {
            throw new CliError("the Python baseline script '" + script + "' does not exist; run bench from the"
                    + " repository root or give --baseline-script", ExitCodes.USAGE);
        }
        Path dump = workDir.resolve("python-faces.jsonl");
        Path out = workDir.resolve("python-stdout.txt");
        Path err = workDir.resolve("python-stderr.txt");
        List<String> command = List.of(python, script.toString(), "--clip", clip, "--dump", dump.toString(),
                "--warmup", Integer.toString(warmUp), "--detector", detector, "--expressions", expressions);
        try {
            long launched = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CliError("the Python baseline took longer than " + timeoutSeconds + " s; gave up",
                        ExitCodes.PIPELINE_FAILED);
            }
            double wall = (System.nanoTime() - launched) / 1e9;
            String stderr = Files.readString(err, StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                String last = stderr.lines().reduce((a, b) -> b).orElse("no message");
                throw new CliError("the Python baseline (" + String.join(" ", command) + ") failed with exit code "
                        + process.exitValue() + ": " + last + (stderr.contains("No module named") ? " (run"
                        + " scripts/install-python-baseline.sh, or give --python)" : ""), ExitCodes.PIPELINE_FAILED);
            }
            String summary = Files.readString(out, StandardCharsets.UTF_8).strip().lines().reduce((a, b) -> b)
                    .orElseThrow(() -> new CliError("the Python baseline printed nothing", ExitCodes.PIPELINE_FAILED));
            JsonNode json = JsonSerde.mapper().readTree(summary);
            if (json == null || !json.path("fps").isNumber() || json.path("fps").asDouble() <= 0) {
                throw new CliError("the Python baseline's summary has no frames/s: " + summary,
                        ExitCodes.PIPELINE_FAILED);
            }
            return new PythonBaseline(json.get("fps").asDouble(), wall, summary, json.path("runtime").asText("?"),
                    readFaces(dump));
        } catch (IOException e) {
            throw new CliError("cannot run the Python baseline with '" + python + "': " + e.getMessage()
                    + " (see --python)", ExitCodes.USAGE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliError("interrupted while the Python baseline ran", ExitCodes.INTERRUPTED, e);
        }
    }

    private static List<List<FrameFace>> readFaces(Path dump) throws IOException {
        List<List<FrameFace>> frames = new ArrayList<>();
        for (String line : Files.readAllLines(dump, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            List<FrameFace> faces = new ArrayList<>();
            for (JsonNode f : JsonSerde.mapper().readTree(line).path("faces")) {
                JsonNode b = f.path("box");
                JsonNode e = f.path("eyes");
                double[] eyes = e.size() == 4 ? new double[]{e.get(0).asDouble(), e.get(1).asDouble(),
                        e.get(2).asDouble(), e.get(3).asDouble()} : null;
                faces.add(new FrameFace(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(),
                        b.get(3).asDouble(), f.path("label").asText(), f.path("mini_xception").asText(null), eyes));
            }
            frames.add(faces);
        }
        return frames;
    }
}
