package io.affectstream.vision.align;

import io.affectstream.inference.ExecutionDevice;
import io.affectstream.vision.detect.BlazeFaceDetector;
import io.affectstream.vision.detect.Detection;
import io.affectstream.vision.landmarks.FaceLandmarks;
import io.affectstream.vision.landmarks.FaceMeshLandmarker;
import io.affectstream.wire.Box;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alignment onto the five-point template, on the astronaut portrait and on synthetic transforms. */
class FaceAlignerTest {
    private static final int N = FaceAligner.SIZE;
    private static FaceMeshLandmarker landmarker;
    private static BufferedImage astronaut;
    private static FaceLandmarks mesh;

    @BeforeAll
    static void load() throws IOException {
        landmarker = FaceMeshLandmarker.load(null, ExecutionDevice.CPU);
        astronaut = ImageIO.read(FaceAlignerTest.class.getResourceAsStream("/media/astronaut.jpg"));
        try (BlazeFaceDetector detector = BlazeFaceDetector.load(BlazeFaceDetector.Variant.BACK, null, 0.5,
                ExecutionDevice.CPU)) {
            Detection face = detector.detect(astronaut).get(0);
            mesh = landmarker.landmarks(astronaut, List.of(FaceMeshLandmarker.region(face))).get(0);
        }
    }

    @AfterAll
    static void close() {
        landmarker.close();
    }

    @Test
    void estimateRecoversAKnownSimilarityExactly() {
        Similarity known = Similarity.of(0.73, Math.toRadians(-37), 12.5, -40);
        double[] from = {10, 20, 80, 25, 40, 60, 15, 90, 70, 95};
        Similarity found = Similarity.estimate(from, known.apply(from));
        assertEquals(known.a(), found.a(), 1e-12);
        assertEquals(known.b(), found.b(), 1e-12);
        assertEquals(known.tx(), found.tx(), 1e-9);
        assertEquals(known.ty(), found.ty(), 1e-9);
        double[] back = found.inverse().apply(known.apply(from));
        assertArrayEquals(from, back, 1e-9);
        Similarity composed = found.inverse().after(found);
        assertEquals(1, composed.a(), 1e-12);
        assertEquals(0, composed.b(), 1e-12);
    }

    @Test
    void aMirroredPointSetGivesNoReflection() {
        double[] from = FaceAligner.template();
        double[] mirrored = from.clone();
        for (int i = 0; i < mirrored.length; i += 2) {
            mirrored[i] = N - mirrored[i];
        }
        // a similarity cannot mirror: the best one is far from exact, and keeps its orientation (a² + b² > 0 only)
        Similarity s = Similarity.estimate(from, mirrored);
        double[] mapped = s.apply(from);
        double worst = 0;
        for (int i = 0; i < 10; i += 2) {
            worst = Math.max(worst, Math.hypot(mapped[i] - mirrored[i], mapped[i + 1] - mirrored[i + 1]));
        }
        assertTrue(worst > 5, "a mirrored face must not be fitted exactly, worst residual " + worst);
        assertThrows(IllegalArgumentException.class, () -> Similarity.estimate(new double[4], new double[4]));
        assertThrows(IllegalArgumentException.class, () -> FaceAligner.frameToCrop(new double[8]));
    }

    @Test
    void theFiveLandmarksLandOnTheTemplate() throws IOException {
        double[] five = mesh.fivePoints();
        FloatBuffer out = FloatBuffer.allocate(FaceAligner.FLOATS_PER_FACE);
        Similarity toCrop = FaceAligner.align(astronaut, five, out, 0);
        double[] mapped = toCrop.apply(five);
        double[] template = FaceAligner.template();
        double[] residual = new double[5];
        double sumX = 0, sumY = 0;
        for (int i = 0; i < 5; i++) {
            double dx = mapped[2 * i] - template[2 * i], dy = mapped[2 * i + 1] - template[2 * i + 1];
            residual[i] = Math.hypot(dx, dy);
            sumX += dx;
            sumY += dy;
        }
        System.out.printf("astronaut aligned: scale %.3f, rotation %.2f deg, residuals (eyes, nose, mouth) %s px%n",
                toCrop.scale(), Math.toDegrees(toCrop.radians()), java.util.Arrays.toString(residual));
        // A similarity keeps the face's proportions, so only a face shaped like the template lands on it exactly.
        // Hers is not: a broad smile (mouth 1.03 x the eye distance, template 0.83) and a tilted head (eyes to
        // mouth 0.86 x the eye distance, template 1.15). Measured: eyes 2.3 and 2.4 px, nose 6.1, mouth 6.6 and 6.5.
        assertTrue(residual[0] < 3 && residual[1] < 3, "eyes off the template by " + residual[0] + ", " + residual[1]);
        for (double r : residual) {
            assertTrue(r < 8, "a point is " + r + " px off the template");
        }
        // least squares: the residuals balance out (no shift would do better)
        assertEquals(0, sumX, 1e-9);
        assertEquals(0, sumY, 1e-9);
        // and the fit is exact for a face that is a similarity image of the template
        Similarity known = Similarity.of(2.2, Math.toRadians(12), 140, 60);
        double[] exact = FaceAligner.frameToCrop(known.apply(template)).apply(known.apply(template));
        assertArrayEquals(template, exact, 1e-9);
        Path png = Path.of(System.getProperty("java.io.tmpdir"), "astronaut-aligned-96.png");
        ImageIO.write(toImage(out, 0), "png", png.toFile());
        System.out.println("aligned crop written to " + png);
        // all values in [-1, 1]; the face fills the crop, so its centre is skin, not black
        for (int i = 0; i < out.capacity(); i++) {
            assertTrue(out.get(i) >= -1 && out.get(i) <= 1, "value " + out.get(i) + " at " + i);
        }
        assertTrue(out.get(N * N / 2 + N / 2) > -0.5, "red at the crop centre");
    }

    @Test
    void aKnownTransformOfThePhotoIsUndone() {
        // draw the photo turned by 25 degrees, shrunk to 0.7 and shifted; its landmarks go through the same map
        Similarity known = Similarity.of(0.7, Math.toRadians(25), 150, -30);
        BufferedImage moved = new BufferedImage(512, 512, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = moved.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(astronaut, new AffineTransform(known.a(), known.b(), -known.b(), known.a(), known.tx(), known.ty()),
                null);
        g.dispose();
        double[] five = mesh.fivePoints();
        FloatBuffer a = FloatBuffer.allocate(FaceAligner.FLOATS_PER_FACE);
        FloatBuffer b = FloatBuffer.allocate(2 * FaceAligner.FLOATS_PER_FACE);
        Similarity direct = FaceAligner.align(astronaut, five, a, 0);
        Similarity viaMoved = FaceAligner.align(moved, known.apply(five), b, FaceAligner.FLOATS_PER_FACE);
        // the aligner finds the inverse of the known map: viaMoved ∘ known == direct
        Similarity composed = viaMoved.after(known);
        assertEquals(direct.a(), composed.a(), 1e-9);
        assertEquals(direct.b(), composed.b(), 1e-9);
        assertEquals(direct.tx(), composed.tx(), 1e-6);
        assertEquals(direct.ty(), composed.ty(), 1e-6);
        // and both crops show the same face: small mean difference (two resamplings, one at 0.7 scale)
        double sum = 0;
        for (int i = 0; i < FaceAligner.FLOATS_PER_FACE; i++) {
            sum += Math.abs(a.get(i) - b.get(FaceAligner.FLOATS_PER_FACE + i));
        }
        double mean = sum / FaceAligner.FLOATS_PER_FACE;
        System.out.printf("aligned from the photo vs from its moved copy: mean |diff| %.4f (of range 2)%n", mean);
        assertTrue(mean < 0.05, "mean abs difference " + mean);
        assertEquals(0f, b.get(0), 0f, "the first face's slot stays untouched");
    }

    @Test
    void outputIsRgbPlanesInMinusOneToOneAndBlackOutsideTheFrame() {
        BufferedImage frame = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB); // converted by RgbFrame
        Graphics2D g = frame.createGraphics();
        g.setColor(new Color(255, 127, 0));
        g.fillRect(0, 0, 200, 200);
        g.dispose();
        RgbFrame rgb = RgbFrame.of(frame);
        FloatBuffer out = FloatBuffer.allocate(FaceAligner.FLOATS_PER_FACE);
        FaceAligner.crop(rgb, new Box(50, 50, 100, 100), out, 0);
        int centre = N / 2 * N + N / 2;
        assertEquals(1f, out.get(centre), 1e-5);                                 // R plane
        assertEquals(127 / 127.5f - 1, out.get(N * N + centre), 1e-5);          // G plane
        assertEquals(-1f, out.get(2 * N * N + centre), 1e-5);                    // B plane
        // a box hanging off the left edge: its left part reads black
        FaceAligner.crop(rgb, new Box(-100, 50, 100, 100), out, 0);
        assertEquals(-1f, out.get(N * N / 2 + 10), 1e-6);
        FaceAligner.crop(rgb, new Box(-50, 50, 100, 100), out, 0);
        assertEquals(1f, out.get(N * (N / 2) + N - 10), 1e-5);
        assertEquals(-1f, out.get(N * (N / 2) + 10), 1e-6);
    }

    @Test
    void theHeadBoxIsOneAndAHalfTimesTheFaceBoxOnTheSameCentre() {
        Box head = FaceAligner.headBox(new Box(100, 50, 80, 100));
        assertEquals(new Box(140 - 75, 100 - 75, 150, 150), head);
    }

    /** The NCHW [-1, 1] crop at {@code index} as an image, to look at. */
    static BufferedImage toImage(FloatBuffer crop, int index) {
        BufferedImage image = new BufferedImage(N, N, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                int o = index + y * N + x;
                int r = Math.round((crop.get(o) + 1) * 127.5f);
                int gr = Math.round((crop.get(o + N * N) + 1) * 127.5f);
                int b = Math.round((crop.get(o + 2 * N * N) + 1) * 127.5f);
                image.setRGB(x, y, r << 16 | gr << 8 | b);
            }
        }
        return image;
    }
}
