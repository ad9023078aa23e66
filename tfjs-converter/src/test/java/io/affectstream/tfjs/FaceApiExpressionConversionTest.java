package io.affectstream.tfjs;

import io.affectstream.inference.ElementType;
import io.affectstream.inference.ExecutionDevice;
import io.affectstream.inference.FloatTensorInput;
import io.affectstream.inference.ModelContract;
import io.affectstream.inference.OnnxModel;
import io.affectstream.inference.TensorOutput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped {@code models/face-api/face_expression.onnx} is exactly what {@link FaceApiExpressionNet} makes of the
 * committed face-api 1.7.15 weights ({@code src/test/resources/face-api-1.7.15/}), and computes what face-api's
 * code computes ({@link FaceApiExpressionReference}).
 */
class FaceApiExpressionConversionTest {
    static final Path COMMITTED = Path.of("..", "models", "face-api", "face_expression.onnx");
    static final int S = FaceApiExpressionNet.SIZE;
    static final int IMAGE = S * S * 3;

    static Path manifest;
    static Map<String, TfjsTensor> weights;
    static OnnxModel model;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        manifest = Path.of(FaceApiExpressionConversionTest.class
                .getResource("/face-api-1.7.15/face_expression_model-weights_manifest.json").toURI());
        weights = TfjsWeightsManifest.read(manifest);
        model = OnnxModel.load(COMMITTED, ModelContract.builder()
                .input("input", ElementType.FLOAT, -1, S, S, 3)
                .output("probabilities", ElementType.FLOAT, -1, 7)
                .build(), ExecutionDevice.CPU);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void committedOnnxIsByteIdenticalToAFreshConversion() throws IOException {
        byte[] fresh = FaceApiExpressionNet.build(weights);
        byte[] committed = Files.readAllBytes(COMMITTED);
        assertEquals(committed.length, fresh.length, "size of " + COMMITTED + " vs a fresh conversion");
        assertArrayEquals(committed, fresh, COMMITTED + " is not what FaceApiExpressionNet makes of " + manifest
                + "; regenerate it as models/MANIFEST.md says");
    }

    @Test
    void metadataRecordsLabelsSourceAndConverter() {
        Map<String, String> meta = model.customMetadata();
        assertEquals("neutral,happy,sad,angry,fearful,disgusted,surprised", meta.get("affect.labels"));
        assertEquals(FaceApiExpressionNet.metadata(), meta);
        assertEquals(TfjsToOnnxConverter.PRODUCER, model.producerName());
    }

    @Test
    void weightsAreDequantizedAsQTimesScalePlusMin() throws IOException {
        // dense0/conv0: filters + bias; 15 separable convs: depthwise + pointwise + bias; fc: weights + bias
        assertEquals(2 + 15 * 3 + 2, weights.size(), weights.keySet().toString());
        TfjsTensor fc = weights.get("fc/weights");
        assertArrayEquals(new int[]{256, 7}, fc.shape());
        // fc/weights is uint8 with scale 0.004834276554631252, min -0.7203072066400565: every value on that grid
        byte[] bin = Files.readAllBytes(manifest.resolveSibling("face_expression_model.bin"));
        int fcOffset = bin.length - 7 * 4 - 256 * 7; // fc/weights then fc/bias (7 float32) close the shard
        for (int i = 0; i < fc.floats().length; i++) {
            double expected = (bin[fcOffset + i] & 0xFF) * 0.004834276554631252 + -0.7203072066400565;
            assertEquals((float) expected, fc.floats()[i], 0f, "fc/weights[" + i + "]");
        }
        // the float32 biases are read as they are: small values, not on any 8-bit grid
        float[] bias = weights.get("fc/bias").floats();
        assertEquals(7, bias.length);
        assertTrue(Arrays.stream(toDoubles(bias)).allMatch(b -> Math.abs(b) < 5), Arrays.toString(bias));
    }

    @Test
    void onnxMatchesThePlainJavaForwardPass() {
        int batch = 3;
        float[] x = new float[batch * IMAGE];
        Random random = new Random(7);
        for (int i = 0; i < IMAGE; i++) {
            x[i] = random.nextInt(256);                                 // seeded noise in 0..255
            x[IMAGE + i] = 128;                                          // a constant grey
            int px = i / 3;
            int row = px / S;
            int col = px % S;
            int ch = i % 3;                                              // an RGB gradient with a dark blob
            double blob = Math.exp(-((row - 60) * (row - 60) + (col - 50) * (col - 50)) / 300.0);
            x[2 * IMAGE + i] = (float) (255 * (ch == 0 ? col / 111.0 : ch == 1 ? row / 111.0 : 0.5) * (1 - blob));
        }
        TensorOutput out = model.run(Map.of("input", FloatTensorInput.of(x, batch, S, S, 3))).get("probabilities");
        assertArrayEquals(new long[]{batch, 7}, out.shape());
        FaceApiExpressionReference reference = new FaceApiExpressionReference(weights);
        double maxDiff = 0;
        for (int b = 0; b < batch; b++) {
            double[] ref = reference.run(x, b * IMAGE);
            float[] got = Arrays.copyOfRange(out.data(), b * 7, b * 7 + 7);
            System.out.printf("face-api input %d: ref %s%n                 onnx %s%n", b, Arrays.toString(ref),
                    Arrays.toString(got));
            for (int k = 0; k < 7; k++) {
                maxDiff = Math.max(maxDiff, Math.abs(ref[k] - got[k]));
            }
            assertEquals(1.0, Arrays.stream(toDoubles(got)).sum(), 1e-5);
        }
        System.out.printf("face-api ONNX vs plain-Java reference: max |diff| %.3g%n", maxDiff);
        assertTrue(maxDiff < 1e-5, "max abs difference " + maxDiff);
    }

    @Test
    void aMissingOrMisshapenWeightIsNamed() {
        Map<String, TfjsTensor> missing = new HashMap<>(weights);
        missing.remove("dense2/conv3/pointwise_filter");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FaceApiExpressionNet.build(missing));
        assertTrue(e.getMessage().contains("dense2/conv3/pointwise_filter"), e.getMessage());

        Map<String, TfjsTensor> misshapen = new HashMap<>(weights);
        misshapen.put("fc/bias", TfjsTensor.ofFloats("fc/bias", new int[]{8}, new float[8]));
        e = assertThrows(IllegalArgumentException.class, () -> FaceApiExpressionNet.build(misshapen));
        assertTrue(e.getMessage().contains("fc/bias") && e.getMessage().contains("[7]"), e.getMessage());
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
