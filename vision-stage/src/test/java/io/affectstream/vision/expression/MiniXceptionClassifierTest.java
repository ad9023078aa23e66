package io.affectstream.vision.expression;

import io.affectstream.inference.ExecutionDevice;
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
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped mini-Xception model on the astronaut portrait (a broad smile; public domain, see media/README.md). */
class MiniXceptionClassifierTest {
    /** About where BlazeFace puts the face in the 512 x 512 portrait. */
    private static final Box FACE = new Box(173, 75, 104, 104);

    private static MiniXceptionClassifier classifier;
    private static BufferedImage astronaut;

    @BeforeAll
    static void load() throws IOException {
        classifier = MiniXceptionClassifier.load(null, ExecutionDevice.CPU);
        astronaut = bgr(ImageIO.read(MiniXceptionClassifierTest.class.getResourceAsStream("/media/astronaut.jpg")));
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    private static BufferedImage bgr(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    @Test
    void theSmilingAstronautIsHappy() {
        Expressions e = classifier.classify(astronaut, FACE.x(), FACE.y(), FACE.width(), FACE.height());
        System.out.println("astronaut expressions: " + e.probabilities());
        assertEquals(Expression.HAPPINESS, e.label());
        double happy = e.probabilities().get(Expression.HAPPINESS);
        double runnerUp = e.probabilities().entrySet().stream().filter(x -> x.getKey() != Expression.HAPPINESS)
                .mapToDouble(x -> x.getValue()).max().orElseThrow();
        assertTrue(happy > 0.5 && happy > 3 * runnerUp, "happiness " + happy + ", next best " + runnerUp);
    }

    @Test
    void probabilitiesAreADistributionInCanonicalOrder() {
        Expressions e = classifier.classify(astronaut, FACE.x(), FACE.y(), FACE.width(), FACE.height());
        assertEquals(List.of(Expression.values()), List.copyOf(e.probabilities().keySet()));
        assertEquals(1.0, Arrays.stream(e.vector()).sum(), 1e-5);
        Arrays.stream(e.vector()).forEach(p -> assertTrue(p >= 0 && p <= 1));
        assertEquals("mini-xception-fer2013@human-3.3.6", classifier.modelId());
    }

    @Test
    void modelOutputsAreMappedToTheCanonicalOrder() {
        // model order: angry, disgust, fear, happy, sad, surprise, neutral
        float[] out = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f};
        double[] canonical = OnnxExpressionClassifier.toCanonical(MiniXceptionClassifier.MODEL_ORDER, out, 0);
        // canonical: neutral, anger, disgust, fear, happiness, sadness, surprise
        assertArrayEquals(new double[]{0.7f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f}, canonical);
    }

    @Test
    void aBatchGivesWhatSingleCallsGive() {
        List<Box> boxes = List.of(FACE, new Box(0, 0, 120, 90), new Box(430, 440, 150, 150), FACE);
        List<Expressions> batch = classifier.classifyBatch(astronaut, boxes);
        assertEquals(boxes.size(), batch.size());
        for (int i = 0; i < boxes.size(); i++) {
            Box b = boxes.get(i);
            double[] single = classifier.classify(astronaut, b.x(), b.y(), b.width(), b.height()).vector();
            assertArrayEquals(single, batch.get(i).vector(), 1e-5, "box " + i);
        }
        assertEquals(List.of(), classifier.classifyBatch(astronaut, List.of()));
    }

    @Test
    void cropIsGreyNormalisedAndBlackBeyondTheFrame() {
        BufferedImage frame = new BufferedImage(100, 80, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = frame.createGraphics();
        g.setColor(new Color(200, 100, 50));
        g.fillRect(0, 0, 100, 80);
        g.dispose();
        FloatBuffer buffer = FloatBuffer.allocate(2 * 64 * 64);
        // well inside: every value is the colour's grey
        MiniXceptionClassifier.fillCrop(frame, new Box(30, 20, 40, 40), buffer, 0);
        double grey = (0.2989 * 200 + 0.587 * 100 + 0.114 * 50) / 255;
        for (int i = 0; i < 64 * 64; i++) {
            assertEquals((grey - 0.5) * 2, buffer.get(i), 1e-5);
        }
        // a box at the left edge: the crop's left part lies outside the frame and reads as black (-1)
        MiniXceptionClassifier.fillCrop(frame, new Box(0, 20, 40, 40), buffer, 64 * 64);
        assertEquals(-1.0, buffer.get(64 * 64 + 32 * 64), 1e-6);
        assertEquals((grey - 0.5) * 2, buffer.get(64 * 64 + 32 * 64 + 40), 1e-5);
    }

    @Test
    void anyImageTypeReadsTheSamePixels() {
        BufferedImage rgb = new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.drawImage(astronaut, 0, 0, null);
        g.dispose();
        FloatBuffer a = FloatBuffer.allocate(64 * 64);
        FloatBuffer b = FloatBuffer.allocate(64 * 64);
        MiniXceptionClassifier.fillCrop(astronaut, FACE, a, 0);
        MiniXceptionClassifier.fillCrop(rgb, FACE, b, 0);
        assertArrayEquals(a.array(), b.array(), 1e-6f);
        // and a sub-image (non-zero raster translation) reads the same pixels at shifted coordinates
        BufferedImage sub = astronaut.getSubimage(100, 50, 300, 300);
        FloatBuffer c = FloatBuffer.allocate(64 * 64);
        MiniXceptionClassifier.fillCrop(sub, new Box(FACE.x() - 100, FACE.y() - 50, FACE.width(), FACE.height()), c, 0);
        assertArrayEquals(a.array(), c.array(), 1e-6f);
    }
}
