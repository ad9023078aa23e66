package io.affectstream.vision.expression;

import io.affectstream.inference.ElementType;
import io.affectstream.inference.ExecutionDevice;
import io.affectstream.inference.ModelLoadException;
import io.affectstream.inference.onnx.OnnxGraphWriter;
import io.affectstream.vision.detect.BlazeFaceDetector;
import io.affectstream.vision.detect.Detection;
import io.affectstream.wire.Box;
import io.affectstream.wire.Expression;
import io.affectstream.wire.Expressions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped face-api expression model and the two-model ensemble on the astronaut portrait (a broad smile; public
 * domain, see media/README.md), with the face box BlazeFace finds.
 */
class FaceApiExpressionClassifierTest {
    private static final int S = FaceApiExpressionClassifier.SIZE;

    private static FaceApiExpressionClassifier faceApi;
    private static MiniXceptionClassifier miniXception;
    private static BufferedImage astronaut;
    private static Box face;

    @BeforeAll
    static void load() throws IOException {
        faceApi = FaceApiExpressionClassifier.load(null, ExecutionDevice.CPU);
        miniXception = MiniXceptionClassifier.load(null, ExecutionDevice.CPU);
        BufferedImage image = ImageIO.read(FaceApiExpressionClassifierTest.class.getResourceAsStream("/media/astronaut.jpg"));
        astronaut = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = astronaut.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        try (BlazeFaceDetector detector = BlazeFaceDetector.load(BlazeFaceDetector.Variant.BACK, null, 0.5,
                ExecutionDevice.CPU)) {
            List<Detection> faces = detector.detect(astronaut);
            assertEquals(1, faces.size(), faces.toString());
            Detection d = faces.get(0);
            face = new Box(d.x(), d.y(), d.width(), d.height());
        }
    }

    @AfterAll
    static void close() {
        faceApi.close();
        miniXception.close();
    }

    private static double runnerUp(Expressions e) {
        return e.probabilities().entrySet().stream().filter(x -> x.getKey() != e.label())
                .mapToDouble(x -> x.getValue()).max().orElseThrow();
    }

    @Test
    void theSmilingAstronautIsHappy() {
        Expressions e = faceApi.classifyBatch(astronaut, List.of(face)).get(0);
        System.out.println("face-api on the astronaut (box " + face + "): " + e.probabilities());
        assertEquals(Expression.HAPPINESS, e.label());
        double happy = e.probabilities().get(Expression.HAPPINESS);
        assertTrue(happy > 0.5 && happy > 3 * runnerUp(e), "happiness " + happy + ", next best " + runnerUp(e));
    }

    @Test
    void probabilitiesAreADistributionInCanonicalOrder() {
        Expressions e = faceApi.classifyBatch(astronaut, List.of(face)).get(0);
        assertEquals(List.of(Expression.values()), List.copyOf(e.probabilities().keySet()));
        assertEquals(1.0, Arrays.stream(e.vector()).sum(), 1e-5);
        Arrays.stream(e.vector()).forEach(p -> assertTrue(p >= 0 && p <= 1));
        assertEquals("face-api-expression@face-api-1.7.15", faceApi.modelId());
        assertEquals("CPUExecutionProvider", faceApi.provider());
    }

    @Test
    void modelOutputsAreMappedToTheCanonicalOrder() {
        // model order: neutral, happy, sad, angry, fearful, disgusted, surprised
        float[] out = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f};
        // canonical: neutral, anger, disgust, fear, happiness, sadness, surprise
        assertArrayEquals(new double[]{0.1f, 0.4f, 0.6f, 0.5f, 0.2f, 0.3f, 0.7f},
                OnnxExpressionClassifier.toCanonical(FaceApiExpressionClassifier.MODEL_ORDER, out, 0));
    }

    @Test
    void aBatchGivesWhatSingleCallsGive() {
        List<Box> boxes = List.of(face, new Box(0, 0, 120, 90), new Box(430, 440, 150, 150), face,
                new Box(-400, -400, 50, 50));
        List<Expressions> batch = faceApi.classifyBatch(astronaut, boxes);
        assertEquals(boxes.size(), batch.size());
        for (int i = 0; i < boxes.size(); i++) {
            double[] single = faceApi.classifyBatch(astronaut, List.of(boxes.get(i))).get(0).vector();
            assertArrayEquals(single, batch.get(i).vector(), 1e-5, "box " + i);
        }
        assertEquals(List.of(), faceApi.classifyBatch(astronaut, List.of()));
    }

    @Test
    void theCropIsTheGrownBoxClippedPaddedToASquareAndResized() {
        BufferedImage frame = new BufferedImage(300, 200, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = frame.createGraphics();
        g.setColor(new Color(200, 100, 50));
        g.fillRect(0, 0, 300, 200);
        g.setColor(new Color(10, 20, 30));
        g.fillRect(150, 0, 150, 200); // right half dark
        g.dispose();
        io.affectstream.vision.align.RgbFrame pixels = io.affectstream.vision.align.RgbFrame.of(frame);
        FloatBuffer buffer = FloatBuffer.allocate(S * S * 3);

        // a square box wholly in the left half (grown to 120 x 120 at (20, 20)): every value is the colour
        FaceApiExpressionClassifier.fillCrop(pixels, new Box(30, 30, 100, 100), buffer, 0);
        for (int i = 0; i < S * S; i++) {
            assertArrayEquals(new float[]{200, 100, 50},
                    new float[]{buffer.get(3 * i), buffer.get(3 * i + 1), buffer.get(3 * i + 2)}, 1e-3f, "pixel " + i);
        }

        // grown to 216 x 300 at (22, -50), clipped at the top and bottom edges to 216 x 200: padded to 216 x 216 with
        // 8 black rows above and 8 below, then resampled by 216 / 112 = 1.93 per output pixel
        FaceApiExpressionClassifier.fillCrop(pixels, new Box(40, -25, 180, 250), buffer, 0);
        assertEquals(0f, buffer.get((3 * S + 10) * 3), 1e-6f, "padding above");
        assertEquals(200f, buffer.get((5 * S + 10) * 3), 1e-3f, "image, left half");
        assertEquals(10f, buffer.get((50 * S + 100) * 3), 1e-3f, "image, right half");
        assertEquals(30f, buffer.get((104 * S + 100) * 3 + 2), 1e-3f, "image, bottom rows");
        assertEquals(0f, buffer.get((110 * S + 10) * 3 + 1), 1e-6f, "padding below");
    }

    @Test
    void aModelWithAnotherContractIsRejectedNamingTheFileAndTheExpectedTensors() throws IOException {
        Path wrong = Files.createTempFile("not-face-api", ".onnx");
        try (var in = FaceApiExpressionClassifierTest.class.getResourceAsStream("/models/mini-xception/emotion.onnx")) {
            Files.copy(in, wrong, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            ModelLoadException e = assertThrows(ModelLoadException.class,
                    () -> FaceApiExpressionClassifier.load(wrong, ExecutionDevice.CPU));
            System.out.println("wrong model: " + e.getMessage());
            assertTrue(e.getMessage().contains(wrong.getFileName().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("112"), "names the expected input shape: " + e.getMessage());
        } finally {
            Files.deleteIfExists(wrong);
        }
        Path missing = Path.of("no-such-dir", "face_expression.onnx");
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> FaceApiExpressionClassifier.load(missing, ExecutionDevice.CPU));
        assertTrue(e.getMessage().contains("face_expression.onnx") && e.getMessage().contains("does not exist"),
                e.getMessage());
    }

    @Test
    void aModelWhoseLabelsAreInAnotherOrderIsRejected() throws IOException {
        // the right tensors, the wrong metadata: mini-Xception's label order
        byte[] onnx = OnnxGraphWriter.model()
                .metadata("affect.labels", "angry,disgust,fear,happy,sad,surprise,neutral")
                .input("input", ElementType.FLOAT, "N", S, S, 3)
                .initializer("w", new float[S * 7], S, 7)
                .node("GlobalAveragePool", List.of("input"), List.of("pooled"))
                .node("Flatten", List.of("pooled"), List.of("flat"))
                .node("MatMul", List.of("flat", "w"), List.of("logits"))
                .node("Softmax", List.of("logits"), List.of("probabilities"))
                .output("probabilities", ElementType.FLOAT, "N", 7)
                .build();
        Path relabelled = Files.write(Files.createTempFile("relabelled", ".onnx"), onnx);
        try {
            ModelLoadException e = assertThrows(ModelLoadException.class,
                    () -> FaceApiExpressionClassifier.load(relabelled, ExecutionDevice.CPU));
            assertTrue(e.getMessage().contains(relabelled.getFileName().toString())
                    && e.getMessage().contains("neutral,happy,sad,angry,fearful,disgusted,surprised"), e.getMessage());
        } finally {
            Files.deleteIfExists(relabelled);
        }
    }

    @Test
    void theShippedEnsembleAveragesBothModelsEquallyAndFindsHappinessToo() {
        try (ExpressionEnsemble ensemble = ExpressionEnsemble.loadShipped(ExecutionDevice.CPU, 1, 1)) {
            Expressions e = ensemble.classifyBatch(astronaut, List.of(face)).get(0);
            double[] a = miniXception.classifyBatch(astronaut, List.of(face)).get(0).vector();
            double[] b = faceApi.classifyBatch(astronaut, List.of(face)).get(0).vector();
            System.out.println("ensemble on the astronaut: " + e.probabilities());
            assertEquals(Expression.HAPPINESS, e.label());
            assertEquals(1.0, Arrays.stream(e.vector()).sum(), 1e-12);
            double sa = Arrays.stream(a).sum();
            double sb = Arrays.stream(b).sum();
            for (int k = 0; k < a.length; k++) {
                assertEquals((a[k] + b[k]) / (sa + sb), e.vector()[k], 1e-12, Expression.values()[k].wireName());
            }
            assertEquals("ensemble(mini-xception-fer2013@human-3.3.6=0.500,face-api-expression@face-api-1.7.15=0.500)",
                    ensemble.modelId());
            assertEquals(List.of(MiniXceptionClassifier.MODEL_ID, FaceApiExpressionClassifier.MODEL_ID),
                    ensemble.memberIds());
            assertEquals("CPUExecutionProvider", ensemble.provider());
        }
    }

    @Test
    void weightsAreConfigurableAndNormalised() {
        try (ExpressionEnsemble ensemble = ExpressionEnsemble.weighted(List.of(miniXceptionView(), faceApiView()),
                3, 1)) {
            assertArrayEquals(new double[]{0.75, 0.25}, ensemble.weights(), 1e-15);
            List<Box> boxes = List.of(face, new Box(300, 300, 100, 100));
            List<Expressions> batch = ensemble.classifyBatch(astronaut, boxes);
            for (int i = 0; i < boxes.size(); i++) {
                double[] a = miniXception.classifyBatch(astronaut, List.of(boxes.get(i))).get(0).vector();
                double[] b = faceApi.classifyBatch(astronaut, List.of(boxes.get(i))).get(0).vector();
                double[] single = ensemble.classifyBatch(astronaut, List.of(boxes.get(i))).get(0).vector();
                double total = 0.75 * Arrays.stream(a).sum() + 0.25 * Arrays.stream(b).sum();
                for (int k = 0; k < a.length; k++) {
                    assertEquals((0.75 * a[k] + 0.25 * b[k]) / total, batch.get(i).vector()[k], 1e-6);
                }
                assertArrayEquals(single, batch.get(i).vector(), 1e-5, "batched = one by one, box " + i);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExpressionEnsemble.weighted(List.of(miniXceptionView(), faceApiView()), 1, -1));
        assertTrue(e.getMessage().contains(FaceApiExpressionClassifier.MODEL_ID), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ExpressionEnsemble.weighted(List.of(faceApiView()), 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ExpressionEnsemble.of(List.of()));
    }

    // The ensemble closes its members; these views let the tests share the two loaded models across tests.
    private static ExpressionClassifier miniXceptionView() {
        return new Unclosed(miniXception);
    }

    private static ExpressionClassifier faceApiView() {
        return new Unclosed(faceApi);
    }

    private record Unclosed(ExpressionClassifier delegate) implements ExpressionClassifier {
        @Override
        public String modelId() {
            return delegate.modelId();
        }

        @Override
        public String provider() {
            return delegate.provider();
        }

        @Override
        public List<Expressions> classify(List<FaceBox> faces) {
            return delegate.classify(faces);
        }

        @Override
        public void close() {
        }
    }
}
