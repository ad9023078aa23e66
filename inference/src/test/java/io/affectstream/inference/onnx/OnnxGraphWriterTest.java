package io.affectstream.inference.onnx;

import io.affectstream.inference.ElementType;
import io.affectstream.inference.ExecutionDevice;
import io.affectstream.inference.FloatTensorInput;
import io.affectstream.inference.ModelContract;
import io.affectstream.inference.OnnxModel;
import io.affectstream.inference.TensorOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Models written by {@link OnnxGraphWriter} load in ONNX Runtime and compute what the ONNX operator docs say. */
class OnnxGraphWriterTest {
    private static final int I = 3;
    private static final int H = 4;

    @TempDir
    Path dir;

    private static float[] random(Random r, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * scale);
        }
        return v;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /**
     * The ONNX GRU equations (linear_before_reset = 0), gates in the order z, r, h:
     * z = σ(Wz x + Rz h + Wbz + Rbz); r = σ(Wr x + Rr h + Wbr + Rbr); h~ = tanh(Wh x + Rh (r ⊙ h) + Wbh + Rbh);
     * h' = (1 - z) ⊙ h~ + z ⊙ h. {@code x} is [T][I] for one batch item, {@code h} is [H] and is updated.
     */
    static void referenceGru(float[][] x, float[] w, float[] r, float[] b, float[] h) {
        for (float[] xt : x) {
            double[] z = new double[H];
            double[] rr = new double[H];
            for (int j = 0; j < H; j++) {
                double zs = b[j] + b[3 * H + j];
                double rs = b[H + j] + b[4 * H + j];
                for (int i = 0; i < I; i++) {
                    zs += w[j * I + i] * xt[i];
                    rs += w[(H + j) * I + i] * xt[i];
                }
                for (int k = 0; k < H; k++) {
                    zs += r[j * H + k] * h[k];
                    rs += r[(H + j) * H + k] * h[k];
                }
                z[j] = sigmoid(zs);
                rr[j] = sigmoid(rs);
            }
            float[] next = new float[H];
            for (int j = 0; j < H; j++) {
                double hs = b[2 * H + j] + b[5 * H + j];
                for (int i = 0; i < I; i++) {
                    hs += w[(2 * H + j) * I + i] * xt[i];
                }
                for (int k = 0; k < H; k++) {
                    hs += r[(2 * H + j) * H + k] * rr[k] * h[k];
                }
                next[j] = (float) ((1 - z[j]) * Math.tanh(hs) + z[j] * h[j]);
            }
            System.arraycopy(next, 0, h, 0, H);
        }
    }

    @Test
    void aGruNodeComputesTheOnnxGruEquations() throws Exception {
        Random random = new Random(5);
        float[] w = random(random, 3 * H * I, 0.5);
        float[] r = random(random, 3 * H * H, 0.5);
        float[] b = random(random, 6 * H, 0.2);
        Path file = OnnxGraphWriter.model()
                .graphName("gru")
                .metadata("affect.expressions", "neutral,anger")
                .input("x", ElementType.FLOAT, "T", 1, I)
                .input("h0", ElementType.FLOAT, 1, 1, H)
                .initializer("W", w, 1, 3 * H, I)
                .initializer("R", r, 1, 3 * H, H)
                .initializer("B", b, 1, 6 * H)
                .gru("x", "W", "R", "B", "h0", "", "hN", H, false)
                .output("hN", ElementType.FLOAT, 1, 1, H)
                .writeTo(dir.resolve("gru.onnx"));
        ModelContract contract = ModelContract.builder()
                .input("x", ElementType.FLOAT, -1, 1, I)
                .input("h0", ElementType.FLOAT, 1, 1, H)
                .output("hN", ElementType.FLOAT, 1, 1, H)
                .build();
        try (OnnxModel model = OnnxModel.load(file, contract, ExecutionDevice.CPU)) {
            assertEquals("neutral,anger", model.customMetadata().get("affect.expressions"));
            assertEquals("gru", model.graphName());
            float[][] x = new float[5][];
            float[] flat = new float[5 * I];
            for (int t = 0; t < 5; t++) {
                x[t] = random(random, I, 1);
                System.arraycopy(x[t], 0, flat, t * I, I);
            }
            float[] h = random(random, H, 0.3);
            float[] h0 = h.clone();
            TensorOutput out = model.run(Map.of("x", FloatTensorInput.of(flat, 5, 1, I),
                    "h0", FloatTensorInput.of(h0, 1, 1, H))).get("hN");
            referenceGru(x, w, r, b, h);
            assertArrayEquals(h, out.data(), 1e-5f);

            // two calls carrying the state equal one call over the whole sequence
            float[] first = model.run(Map.of("x", FloatTensorInput.of(java.util.Arrays.copyOf(flat, 2 * I), 2, 1, I),
                    "h0", FloatTensorInput.of(h0, 1, 1, H))).get("hN").data();
            float[] second = model.run(Map.of("x", FloatTensorInput.of(java.util.Arrays.copyOfRange(flat, 2 * I, 5 * I), 3, 1, I),
                    "h0", FloatTensorInput.of(first, 1, 1, H))).get("hN").data();
            assertArrayEquals(out.data(), second, 1e-6f);
        }
    }

    @Test
    void int64InitializersAndListAttributesReachTheOperators() throws Exception {
        Path file = OnnxGraphWriter.model()
                .input("x", ElementType.FLOAT, 2, 3)
                .initializer("shape", new long[]{3, 2}, 2)
                .node("Reshape", List.of("x", "shape"), List.of("r"))
                .node("Transpose", List.of("r"), List.of("t"), OnnxGraphWriter.Attribute.ints("perm", 1, 0))
                .node("LeakyRelu", List.of("t"), List.of("y"), OnnxGraphWriter.Attribute.f("alpha", 0.5f))
                .output("y", ElementType.FLOAT, 2, 3)
                .writeTo(dir.resolve("reshape.onnx"));
        ModelContract contract = ModelContract.builder().input("x", ElementType.FLOAT, 2, 3).build();
        try (OnnxModel model = OnnxModel.load(file, contract, ExecutionDevice.CPU)) {
            float[] y = model.run(Map.of("x", FloatTensorInput.of(new float[]{1, -2, 3, -4, 5, -6}, 2, 3))).get("y").data();
            // reshape to [[1,-2],[3,-4],[5,-6]], transpose to [[1,3,5],[-2,-4,-6]], leaky relu halves negatives
            assertArrayEquals(new float[]{1, 3, 5, -1, -2, -3}, y, 1e-6f);
        }
    }

    @Test
    void anInitializerWhoseValuesDoNotFillItsDimsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxGraphWriter.model().initializer("w", new float[5], 2, 3));
        assertEquals("initializer 'w' has 5 values but dims [2, 3] need 6", e.getMessage());
    }

    @Test
    void dataTypesFollowTheOnnxNumbering() {
        assertEquals(1, OnnxGraphWriter.dataType(ElementType.FLOAT));
        assertEquals(7, OnnxGraphWriter.dataType(ElementType.INT64));
        assertEquals(16, OnnxGraphWriter.dataType(ElementType.BFLOAT16));
        assertArrayEquals(new byte[]{0x15, 0x00, 0x00, (byte) 0x80, 0x3f},
                new OnnxGraphWriter.Proto().fixed32Float(2, 1.0f).toByteArray());
    }
}
