package io.affectstream.inference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnnxModelRunTest {
    private static final float EPS = 1e-5f;

    @TempDir
    static Path dir;
    static OnnxModel linear;

    @BeforeAll
    static void loadLinearModel() throws Exception {
        linear = OnnxModel.load(TestModels.linear().writeTo(dir.resolve("linear.onnx")),
                TestModels.linearContract(), ExecutionDevice.CPU);
    }

    @AfterAll
    static void closeLinearModel() {
        linear.close();
    }

    private static float[] randomFloats(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextFloat() * 4 - 2;
        }
        return v;
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
        }
    }

    @Test
    void theLinearModelComputesXTimesWPlusBLikeJavaDoes() {
        float[] x = {1f, 2f, 3f, -0.5f, 0f, 4f};
        TensorOutput y = linear.run(Map.of("x", FloatTensorInput.of(x, 2, 3))).get("y");
        assertArrayEquals(new long[]{2, 2}, y.shape());
        assertArrayEquals(TestModels.linearReference(x, 2), y.data(), EPS);
        // first row by hand: [1,2,3]·W + b = [0.5+4-2.25+0.1, -1+0.5+9-0.2]
        assertEquals(2.35f, y.get(0, 0), EPS);
        assertEquals(8.3f, y.get(0, 1), EPS);
    }

    @Test
    void aBatchOfNGivesTheSameAnswersAsNSingleRuns() {
        int n = 5;
        float[] x = randomFloats(new Random(7), n * TestModels.IN);
        float[] batched = linear.run(Map.of("x", FloatTensorInput.of(x, n, 3))).get("y").data();

        FloatTensorInput one = FloatTensorInput.allocate(1, 3);
        for (int row = 0; row < n; row++) {
            one.buffer().clear();
            one.buffer().put(x, row * 3, 3);
            float[] single = linear.run(Map.of("x", one)).get("y").data();
            for (int j = 0; j < TestModels.OUT; j++) {
                assertEquals(batched[row * 2 + j], single[j], EPS, "row " + row + " col " + j);
            }
        }
    }

    @Test
    void oneInputCanBeReusedAcrossCallsWithDifferentBatchSizes() {
        Random random = new Random(11);
        FloatTensorInput x = FloatTensorInput.withCapacity(16 * 3, 16, 3);
        for (int n : new int[]{16, 3, 1, 9}) {
            float[] values = randomFloats(random, n * 3);
            x.reshape(n, 3).put(values);
            TensorOutput y = linear.run(Map.of("x", x)).get("y");
            assertArrayEquals(new long[]{n, 2}, y.shape());
            assertArrayEquals(TestModels.linearReference(values, n), y.data(), EPS);
        }
    }

    @Test
    void anInputWithTheWrongFeatureSizeIsRejectedBeforeOrtRuns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> linear.run(Map.of("x", FloatTensorInput.allocate(2, 4))));
        assertMentions(e, linear.path().toString(), "input 'x' has shape [2, 4] but the model expects [-1, 3]");
    }

    @Test
    void anInputOfTheWrongRankIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> linear.run(Map.of("x", FloatTensorInput.allocate(3))));
        assertMentions(e, "input 'x' has shape [3] but the model expects [-1, 3]");
    }

    @Test
    void anUnknownInputNameIsRejectedListingTheRealOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> linear.run(Map.of("input", FloatTensorInput.allocate(1, 3))));
        assertMentions(e, "has no input 'input'", "[x float[-1, 3]]");
    }

    @Test
    void anInt64TensorForAFloatInputIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> linear.run(Map.of("x", LongTensorInput.allocate(1, 3))));
        assertMentions(e, "input 'x' is float but a int64 tensor was given");
    }

    @Test
    void anInt64ScalarInputFeedsTheModelLikeSileroVadsSampleRate() throws Exception {
        ModelContract contract = ModelContract.builder()
                .input("x", ElementType.FLOAT, -1)
                .input("sr", ElementType.INT64)
                .output("y", ElementType.FLOAT, -1)
                .build();
        try (OnnxModel model = OnnxModel.load(TestModels.scaleBySampleRate().writeTo(dir.resolve("sr.onnx")),
                contract, ExecutionDevice.CPU)) {
            Map<String, TensorOutput> out = model.run(Map.of(
                    "x", FloatTensorInput.of(new float[]{0.5f, -1f, 0.25f}, 3),
                    "sr", LongTensorInput.scalar(16_000)));
            assertArrayEquals(new float[]{8_000f, -16_000f, 4_000f}, out.get("y").data(), EPS);

            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> model.run(Map.of("x", FloatTensorInput.allocate(3))));
            assertMentions(missing, "missing input(s) [sr]");

            IllegalArgumentException notScalar = assertThrows(IllegalArgumentException.class,
                    () -> model.run(Map.of("x", FloatTensorInput.allocate(3), "sr", LongTensorInput.allocate(1))));
            assertMentions(notScalar, "input 'sr' has shape [1] but the model expects []");
        }
    }

    @Test
    void outputsOfHigherRankComeBackRowMajorWithTheirShape() throws Exception {
        ModelContract contract = ModelContract.builder()
                .input("x", ElementType.FLOAT, -1, 2, 3)
                .output("y", ElementType.FLOAT, -1, 3, 2)
                .build();
        try (OnnxModel model = OnnxModel.load(TestModels.transpose().writeTo(dir.resolve("t.onnx")),
                contract, ExecutionDevice.CPU)) {
            float[] x = new float[2 * 2 * 3];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
            }
            TensorOutput y = model.run(Map.of("x", FloatTensorInput.of(x, 2, 2, 3))).get("y");
            assertArrayEquals(new long[]{2, 3, 2}, y.shape());
            for (int n = 0; n < 2; n++) {
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 3; j++) {
                        assertEquals(x[n * 6 + i * 3 + j], y.get(n, j, i), "n=" + n + " i=" + i + " j=" + j);
                    }
                }
            }
        }
    }

    @Test
    void everyFloatOutputIsReturnedUnlessASubsetIsRequested() throws Exception {
        ModelContract contract = ModelContract.builder()
                .input("x", ElementType.FLOAT, -1, 3)
                .output("y", ElementType.FLOAT, -1, 2)
                .output("z", ElementType.FLOAT, -1, 2)
                .build();
        try (OnnxModel model = OnnxModel.load(TestModels.linearWithRelu().writeTo(dir.resolve("relu.onnx")),
                contract, ExecutionDevice.CPU)) {
            float[] x = {1f, 2f, 3f, -4f, 0f, 1f};
            FloatTensorInput in = FloatTensorInput.of(x, 2, 3);
            Map<String, TensorOutput> all = model.run(Map.of("x", in));
            assertEquals(List.of("y", "z"), List.copyOf(all.keySet()));
            float[] y = TestModels.linearReference(x, 2);
            float[] relu = y.clone();
            for (int i = 0; i < relu.length; i++) {
                relu[i] = Math.max(0f, relu[i]);
            }
            assertArrayEquals(y, all.get("y").data(), EPS);
            assertArrayEquals(relu, all.get("z").data(), EPS);
            assertTrue(relu[2] == 0f || relu[3] == 0f, "the test data should exercise Relu's clipping");

            Map<String, TensorOutput> onlyZ = model.run(Map.of("x", in), Set.of("z"));
            assertEquals(Set.of("z"), onlyZ.keySet());
            assertArrayEquals(relu, onlyZ.get("z").data(), EPS);

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.run(Map.of("x", in), Set.of("logits")));
            assertMentions(e, "'logits' is not a float output", "[y, z]");
        }
    }

    @Test
    void oneModelServesSeveralThreadsAtOnce() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    FloatTensorInput x = FloatTensorInput.withCapacity(8 * 3, 8, 3); // each thread owns its input
                    for (int i = 0; i < 200; i++) {
                        int n = 1 + random.nextInt(8);
                        float[] values = randomFloats(random, n * 3);
                        float[] y = linear.run(Map.of("x", x.reshape(n, 3).put(values))).get("y").data();
                        assertArrayEquals(TestModels.linearReference(values, n), y, EPS);
                    }
                    return 200;
                }));
            }
            for (Future<Integer> f : results) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClosedModelRefusesToRun() throws Exception {
        OnnxModel model = OnnxModel.load(TestModels.linear().writeTo(dir.resolve("closing.onnx")),
                TestModels.linearContract(), ExecutionDevice.CPU);
        model.close();
        model.close(); // idempotent
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> model.run(Map.of("x", FloatTensorInput.allocate(1, 3))));
        assertMentions(e, "closed");
    }

    @Test
    void theSameModelLoadedWithTwoIntraOpThreadsComputesTheSameNumbers() throws Exception {
        float[] x = randomFloats(new Random(3), 4 * 3);
        try (OnnxModel two = OnnxModel.load(linear.path(), TestModels.linearContract(), ExecutionDevice.CPU, 2)) {
            assertEquals(2, two.intraOpThreads());
            assertArrayEquals(TestModels.linearReference(x, 4),
                    two.run(Map.of("x", FloatTensorInput.of(x, 4, 3))).get("y").data(), EPS);
        }
    }
}
