package io.affectstream.tfjs;

import io.affectstream.inference.ElementType;
import io.affectstream.inference.ExecutionDevice;
import io.affectstream.inference.FloatTensorInput;
import io.affectstream.inference.ModelContract;
import io.affectstream.inference.OnnxModel;
import io.affectstream.inference.TensorOutput;
import io.affectstream.tfjs.TfjsReferenceInterpreter.T;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static io.affectstream.tfjs.TinyTfjsModel.bool;
import static io.affectstream.tfjs.TinyTfjsModel.ints;
import static io.affectstream.tfjs.TinyTfjsModel.s;
import static io.affectstream.tfjs.TinyTfjsModel.strings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hand-made TF.js graph that exercises every supported op, odd sizes, SAME/VALID/EXPLICIT padding, dilation,
 * a depth multiplier, broadcasting constants, uint8 and float16 quantized weights, a Reshape out of NCHW,
 * Prelu (alone, fused into a conv, on NCHW and on flat tensors) and Pad/PadV2 over spatial and channel axes;
 * converted, run in ONNX Runtime and compared with the reference interpreter.
 */
class TinyGraphConversionTest {
    private static final Random RANDOM = new Random(20240611);
    private static final int[] B1_Q = {0, 17, 128, 255};
    private static final double B1_SCALE = 0.01;
    private static final double B1_MIN = -0.5;
    private static short[] dwHalves;

    @TempDir
    static Path dir;
    static Path json;

    @BeforeAll
    static void writeModel() throws IOException {
        TinyTfjsModel m = new TinyTfjsModel();
        m.placeholder("x", -1, 9, 9, 2);
        m.constFloat32("w1", random(3 * 3 * 2 * 4), 3, 3, 2, 4);
        m.constUint8("b1", B1_Q, B1_SCALE, B1_MIN, 4);
        dwHalves = new short[3 * 3 * 4 * 2];
        for (int i = 0; i < dwHalves.length; i++) {
            int sign = RANDOM.nextBoolean() ? 0x8000 : 0;
            int exp = 10 + RANDOM.nextInt(7);
            dwHalves[i] = (short) (sign | exp << 10 | RANDOM.nextInt(1024));
        }
        m.constFloat16("dw", dwHalves, 3, 3, 4, 2);
        m.constFloat32("w2", random(8 * 6), 1, 1, 8, 6);
        m.constFloat32("bias2", random(6), 6);
        m.constFloat32("w3", random(2 * 2 * 4 * 6), 2, 2, 4, 6);
        m.constFloat32("b3", random(6), 6);
        m.constFloat32("half", new float[]{0.5f});
        m.constInt32("axes", new int[]{1, 2}, 2);
        m.constInt32("flat", new int[]{-1, 54}, 2);
        m.constFloat32("alpha", random(4), 1, 1, 4);
        m.constInt32("pads", new int[]{0, 0, 1, 0, 0, 2, 0, 3}, 4, 2);
        m.constFloat32("w4", random(7 * 5), 1, 1, 7, 5);
        m.constFloat32("b4", random(5), 5);
        m.constFloat32("alpha4", random(5), 5);
        m.constInt32("pads2", new int[]{0, 0, 0, 1, 1, 0, 0, 0}, 4, 2);
        m.constFloat32("padValue", new float[]{0.25f});
        m.constFloat32("alphaFlat", random(54), 54);

        conv(m.node("c1", "_FusedConv2D", "x", "w1", "b1"), "SAME", 2, 1, "BiasAdd", "Relu");
        conv(m.node("d1", "DepthwiseConv2dNative", "c1", "dw"), "SAME", 1, 2);
        conv(m.node("c2", "Conv2D", "d1", "w2"), "VALID", 1, 1);
        s(m.node("ba", "BiasAdd", "c2", "bias2"), "data_format", "NHWC");
        m.node("r6", "Relu6", "ba");
        ints(conv(m.node("c3", "_FusedConv2D", "c1", "w3", "b3"), "EXPLICIT", 1, 1, "BiasAdd", "Relu6"),
                "explicit_paddings", 0, 0, 1, 0, 0, 1, 0, 0);
        m.node("add", "AddV2", "r6", "c3");
        pool(m.node("mp", "MaxPool", "add"), 3, 2);
        pool(m.node("ap", "AvgPool", "add"), 2, 2);
        m.node("sub", "Sub", "mp", "ap");
        m.node("th", "Tanh", "sub");
        m.node("scaled", "Mul", "half", "th");
        bool(m.node("mean", "Mean", "scaled", "axes"), "keep_dims", false);
        m.node("sm", "Softmax", "mean");
        m.node("out1", "Identity", "sm");
        m.node("reshaped", "Reshape", "mp", "flat");
        m.node("sig", "Sigmoid", "reshaped");
        m.node("unused", "Relu", "sig");
        m.node("pr", "Prelu", "c1", "alpha");
        m.node("pd", "Pad", "pr", "pads");
        conv(m.node("c4", "_FusedConv2D", "pd", "w4", "b4", "alpha4"), "VALID", 1, 1, "BiasAdd", "Prelu");
        ((com.fasterxml.jackson.databind.node.ObjectNode) m.node("pv", "PadV2", "c4", "pads2", "padValue")
                .get("attr")).putObject("Tpaddings").put("type", "DT_INT32");
        m.node("out3", "Identity", "pv");
        m.node("flatPrelu", "Prelu", "reshaped", "alphaFlat");
        json = m.write(dir);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode conv(
            com.fasterxml.jackson.databind.node.ObjectNode n, String padding, int stride, int dilation, String... fused) {
        s(n, "padding", padding);
        s(n, "data_format", "NHWC");
        ints(n, "strides", 1, stride, stride, 1);
        ints(n, "dilations", 1, dilation, dilation, 1);
        if (fused.length > 0) {
            strings(n, "fused_ops", fused);
            ((com.fasterxml.jackson.databind.node.ObjectNode) n.get("attr")).putObject("num_args")
                    .put("i", Integer.toString(fused.length == 2 && fused[1].equals("Prelu") ? 2 : 1));
        }
        return n;
    }

    private static void pool(com.fasterxml.jackson.databind.node.ObjectNode n, int k, int stride) {
        s(n, "padding", "SAME");
        s(n, "data_format", "NHWC");
        ints(n, "ksize", 1, k, k, 1);
        ints(n, "strides", 1, stride, stride, 1);
    }

    private static float[] random(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) RANDOM.nextGaussian() * 0.5f;
        }
        return v;
    }

    @Test
    void readerDequantizesUint8AndFloat16Weights() throws IOException {
        TfjsGraph g = TfjsModelReader.read(json);
        float[] b1 = g.weight("b1").floats();
        for (int i = 0; i < B1_Q.length; i++) {
            assertEquals(B1_Q[i] * B1_SCALE + B1_MIN, b1[i], 1e-6);
        }
        float[] dw = g.weight("dw").floats();
        for (int i = 0; i < dwHalves.length; i++) {
            int h = dwHalves[i] & 0xFFFF;
            double expected = ((h & 0x8000) != 0 ? -1 : 1) * Math.pow(2, ((h >> 10) & 0x1F) - 15) * (1 + (h & 0x3FF) / 1024.0);
            assertEquals(expected, dw[i], 0.0);
        }
        assertEquals(0f, TfjsModelReader.halfToFloat((short) 0));
        assertEquals(-2f, TfjsModelReader.halfToFloat((short) 0xC000));
        assertEquals(0x1p-24f, TfjsModelReader.halfToFloat((short) 1)); // smallest subnormal
        assertEquals(Float.POSITIVE_INFINITY, TfjsModelReader.halfToFloat((short) 0x7C00));
    }

    @Test
    void convertedGraphMatchesTheReferenceExecution(@TempDir Path out) throws IOException {
        TfjsGraph g = TfjsModelReader.read(json);
        TfjsToOnnxConverter.Options options = new TfjsToOnnxConverter.Options(
                Map.of(), orderedOutputs(), Map.of("k", "v"), "tiny");
        Path onnx = Files.write(out.resolve("tiny.onnx"), TfjsToOnnxConverter.convert(g, options));
        assertArrayEquals(Files.readAllBytes(onnx), TfjsToOnnxConverter.convert(TfjsModelReader.read(json), options),
                "conversion must be deterministic");

        ModelContract contract = ModelContract.builder()
                .input("x", ElementType.FLOAT, -1, 9, 9, 2)
                .output("probs", ElementType.FLOAT, -1, 6)
                .output("features", ElementType.FLOAT, -1, 54)
                .output("padded", ElementType.FLOAT, -1, 7, 8, 5)
                .output("flatPrelu", ElementType.FLOAT, -1, 54)
                .build();
        int batch = 3;
        float[] x = random(batch * 9 * 9 * 2);
        TfjsReferenceInterpreter ref = new TfjsReferenceInterpreter(g);
        Map<String, T> feeds = Map.of("x", new T(new int[]{batch, 9, 9, 2}, x));
        T probs = ref.run(feeds, "out1");
        T features = ref.run(feeds, "sig");
        T padded = ref.run(feeds, "out3");
        T flatPrelu = ref.run(feeds, "flatPrelu");
        assertArrayEquals(new int[]{batch, 7, 8, 5}, padded.shape());
        assertArrayEquals(new int[]{batch, 6}, probs.shape());
        assertArrayEquals(new int[]{batch, 54}, features.shape());

        try (OnnxModel model = OnnxModel.load(onnx, contract, ExecutionDevice.CPU)) {
            assertEquals("v", model.customMetadata().get("k"));
            assertEquals(TfjsToOnnxConverter.PRODUCER, model.producerName());
            Map<String, TensorOutput> result = model.run(Map.of("x", FloatTensorInput.of(x, batch, 9, 9, 2)));
            double d1 = maxAbsDiff(probs.data(), result.get("probs").data());
            double d2 = maxAbsDiff(features.data(), result.get("features").data());
            double d3 = maxAbsDiff(padded.data(), result.get("padded").data());
            double d4 = maxAbsDiff(flatPrelu.data(), result.get("flatPrelu").data());
            System.out.printf("tiny graph ONNX vs reference: max |diff| %.3g (probs), %.3g (features), "
                    + "%.3g (padded), %.3g (flat prelu)%n", d1, d2, d3, d4);
            assertTrue(d1 < 1e-5, "probs differ by " + d1);
            assertTrue(d2 < 1e-5, "features differ by " + d2);
            assertTrue(d3 < 1e-5, "padded differs by " + d3);
            assertTrue(d4 < 1e-5, "flat prelu differs by " + d4);
            // the PadV2 value shows in the last row, and negative inputs went through the slopes
            assertEquals(0.25f, result.get("padded").get(0, 6, 7, 4));
        }
    }

    private static Map<String, String> orderedOutputs() {
        Map<String, String> outputs = new java.util.LinkedHashMap<>();
        outputs.put("out1", "probs");
        outputs.put("sig", "features");
        outputs.put("out3", "padded");
        outputs.put("flatPrelu", "flatPrelu");
        return outputs;
    }

    @Test
    void unsupportedOpsAreNamedInTheError() throws IOException {
        TinyTfjsModel m = new TinyTfjsModel();
        m.placeholder("x", -1, 4);
        m.node("odd", "Erf", "x");
        Path d = Files.createDirectories(dir.resolve("unsupported"));
        TfjsGraph g = TfjsModelReader.read(m.write(d));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TfjsToOnnxConverter.convert(g,
                new TfjsToOnnxConverter.Options(Map.of(), Map.of("odd", "y"), Map.of(), "g")));
        assertTrue(e.getMessage().contains("Erf 'odd'"), e.getMessage());
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
