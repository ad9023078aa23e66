package io.affectstream.tfjs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line: converts a TF.js graph model to ONNX.
 *
 * <pre>
 * java -cp ... io.affectstream.tfjs.TfjsToOnnx model.json out.onnx
 *     [--input TF_NAME=ONNX_NAME]... [--output TF_NAME=ONNX_NAME]... [--meta KEY=VALUE]... [--graph-name NAME]
 *     [--preset human-emotion|human-facemesh]
 * </pre>
 *
 * {@code --preset human-emotion} sets the names and metadata of the shipped {@code models/mini-xception/emotion.onnx}
 * ({@link #HUMAN_EMOTION}), {@code --preset human-facemesh} those of {@code models/facemesh/facemesh.onnx}
 * ({@link #HUMAN_FACEMESH}); explicit options given after a preset add to or override it. The output is deterministic:
 * the same input files and options give the same bytes.
 */
public final class TfjsToOnnx {
    /** Class order of the mini-Xception FER2013 softmax, as the human library labels it. */
    public static final String HUMAN_EMOTION_LABELS = "angry,disgust,fear,happy,sad,surprise,neutral";

    /** The options that produce the committed {@code models/mini-xception/emotion.onnx}. */
    public static final TfjsToOnnxConverter.Options HUMAN_EMOTION = new TfjsToOnnxConverter.Options(
            Map.of("input_1", "input"),
            Map.of("Identity", "probabilities"),
            orderedMap(
                    "affect.labels", HUMAN_EMOTION_LABELS,
                    "affect.input", "grey 64x64, NHWC [N,64,64,1], (g - 0.5) * 2 with g = 0.2989R + 0.587G + 0.114B in [0,1]",
                    "source", "npm @vladmandic/human@3.3.6 models/emotion.json + models/emotion.bin",
                    "origin", "mini-Xception trained on FER2013 (oarriaga/face_classification), MIT; "
                            + "FER2013 has research-only terms",
                    "converter", TfjsToOnnxConverter.PRODUCER + " " + TfjsToOnnxConverter.PRODUCER_VERSION),
            "mini_xception_fer2013");

    /**
     * The options that produce the committed {@code models/facemesh/facemesh.onnx}: the mesh and the face flag;
     * the contour head ({@code Identity:0}, unused by human too) is left out.
     */
    public static final TfjsToOnnxConverter.Options HUMAN_FACEMESH = new TfjsToOnnxConverter.Options(
            Map.of("input_1", "input"),
            orderedMap("Identity_2", "landmarks", "Identity_1", "face_flag"),
            orderedMap(
                    "affect.input", "RGB 192x192, NHWC [N,192,192,3], values in [0,1]",
                    "affect.landmarks", "468 x (x, y, z) in input pixels, MediaPipe canonical face mesh order",
                    "source", "npm @vladmandic/human@3.3.6 models/facemesh.json + models/facemesh.bin",
                    "origin", "MediaPipe FaceMesh (Google), Apache-2.0; converted to TF.js by vladmandic (human, MIT)",
                    "converter", TfjsToOnnxConverter.PRODUCER + " " + TfjsToOnnxConverter.PRODUCER_VERSION),
            "mediapipe_facemesh");

    private TfjsToOnnx() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args[0].startsWith("-") || args[1].startsWith("-")) {
            System.err.println("usage: TfjsToOnnx <model.json> <out.onnx> [--preset human-emotion|human-facemesh] "
                    + "[--input TF=ONNX]... [--output TF=ONNX]... [--meta KEY=VALUE]... [--graph-name NAME]");
            System.exit(2);
        }
        Path json = Path.of(args[0]);
        Path out = Path.of(args[1]);
        TfjsToOnnxConverter.Options options = parse(List.of(args).subList(2, args.length));
        byte[] onnx = TfjsToOnnxConverter.convert(TfjsModelReader.read(json), options);
        Files.write(out, onnx);
        System.err.println("tfjs-to-onnx: wrote " + out + " (" + onnx.length + " bytes) from " + json);
    }

    /** Parses the options after the two file arguments. */
    static TfjsToOnnxConverter.Options parse(List<String> args) {
        Map<String, String> inputs = new LinkedHashMap<>();
        Map<String, String> outputs = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        String graphName = TfjsToOnnxConverter.Options.defaults().graphName();
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String flag = rest.remove(0);
            if (rest.isEmpty()) {
                throw new IllegalArgumentException("option " + flag + " needs a value");
            }
            String value = rest.remove(0);
            switch (flag) {
                case "--preset" -> {
                    TfjsToOnnxConverter.Options preset = preset(value);
                    inputs.putAll(preset.inputNames());
                    outputs.putAll(preset.outputNames());
                    meta.putAll(preset.metadata());
                    graphName = preset.graphName();
                }
                case "--input" -> put(inputs, flag, value);
                case "--output" -> put(outputs, flag, value);
                case "--meta" -> put(meta, flag, value);
                case "--graph-name" -> graphName = value;
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        return new TfjsToOnnxConverter.Options(inputs, outputs, meta, graphName);
    }

    private static TfjsToOnnxConverter.Options preset(String name) {
        return switch (name) {
            case "human-emotion" -> HUMAN_EMOTION;
            case "human-facemesh" -> HUMAN_FACEMESH;
            default -> throw new IllegalArgumentException("unknown preset '" + name
                    + "'; known: human-emotion, human-facemesh");
        };
    }

    private static void put(Map<String, String> map, String flag, String pair) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(flag + " needs NAME=VALUE, got '" + pair + "'");
        }
        map.put(pair.substring(0, eq), pair.substring(eq + 1));
    }

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
