package io.affectstream.vision.detect;

import io.affectstream.inference.ExecutionDevice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped BlazeFace models on a real photograph (public-domain NASA portrait, see media/README.md). */
class BlazeFaceDetectorTest {
    private static BlazeFaceDetector front;
    private static BlazeFaceDetector back;
    private static BufferedImage astronaut;

    @BeforeAll
    static void load() throws IOException {
        front = BlazeFaceDetector.load(BlazeFaceDetector.Variant.FRONT, null, 0.5, ExecutionDevice.CPU);
        back = BlazeFaceDetector.load(BlazeFaceDetector.Variant.BACK, null, 0.5, ExecutionDevice.CPU);
        astronaut = ImageIO.read(BlazeFaceDetectorTest.class.getResourceAsStream("/media/astronaut.jpg"));
    }

    @AfterAll
    static void close() {
        front.close();
        back.close();
    }

    private static BufferedImage canvas(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(40, 60, 90), width, height, new Color(200, 180, 150)));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    private static void assertAstronautFace(Detection face, double offsetX, double offsetY, double scale) {
        // The face spans about x 175-275, y 75-180 of the 512 px portrait (eyes ~(205,100) and ~(250,105)).
        double cx = face.x() + face.width() / 2;
        double cy = face.y() + face.height() / 2;
        assertEquals(offsetX + 225 * scale, cx, 20 * scale, "box centre x");
        assertEquals(offsetY + 128 * scale, cy, 20 * scale, "box centre y");
        // small faces get looser boxes: BlazeFace's box regression is noisy below ~10 % of the frame width
        assertEquals(100 * scale, face.width(), (scale < 1 ? 35 : 25) * scale, "box width");
        double[] k = face.keypoints();
        assertTrue(k[0] < k[2], "the subject's right eye is on the image's left");
        assertTrue(k[5] > k[1] && k[7] > k[5], "the nose is below the eyes and the mouth below the nose");
        for (int i = 0; i < 8; i += 2) {
            assertTrue(k[i] > face.x() && k[i] < face.x() + face.width(), "keypoint " + i / 2 + " inside the box");
        }
    }

    @Test
    void bothVariantsFindTheOneFaceOfARealPortrait() {
        for (BlazeFaceDetector detector : List.of(front, back)) {
            List<Detection> faces = detector.detect(astronaut);
            assertEquals(1, faces.size(), detector.variant() + ": " + faces);
            assertTrue(faces.get(0).score() > 0.8, "score " + faces.get(0).score());
            assertAstronautFace(faces.get(0), 0, 0, 1);
        }
        Detection a = front.detect(astronaut).get(0);
        Detection b = back.detect(astronaut).get(0);
        assertTrue(a.iou(b) > 0.7, "the two models agree, IoU " + a.iou(b));
    }

    @Test
    void findsNoFaceWhereThereIsNone() {
        assertEquals(List.of(), front.detect(canvas(640, 480)));
        assertEquals(List.of(), back.detect(canvas(640, 480)));
    }

    @Test
    void boxesComeBackInTheFramesPixelsThroughTheLetterbox() {
        BufferedImage wide = canvas(1280, 512);
        Graphics2D g = wide.createGraphics();
        g.drawImage(astronaut, 700, 0, null);
        g.dispose();
        List<Detection> faces = back.detect(wide);
        assertEquals(1, faces.size(), faces.toString());
        assertAstronautFace(faces.get(0), 700, 0, 1);
    }

    @Test
    void theBackModelFindsTwoSmallerFacesInAGroupShot() {
        // faces about 75 px wide in a 1280 px frame (6 % of its width)
        BufferedImage group = canvas(1280, 720);
        Graphics2D g = group.createGraphics();
        g.drawImage(astronaut, 100, 200, 384, 384, null);
        g.drawImage(astronaut, 800, 150, 384, 384, null);
        g.dispose();
        List<Detection> faces = back.detect(group).stream().sorted(java.util.Comparator.comparingDouble(Detection::x))
                .toList();
        assertEquals(2, faces.size(), faces.toString());
        assertAstronautFace(faces.get(0), 100, 200, 0.75);
        assertAstronautFace(faces.get(1), 800, 150, 0.75);
    }

    @Test
    void thereAre896AnchorsOnTwoGrids() {
        assertEquals(896, BlazeFaceAnchors.COUNT);
        assertEquals(1 / 32.0, BlazeFaceAnchors.CENTRES[0]);
        assertEquals(1 / 32.0, BlazeFaceAnchors.CENTRES[2], "two anchors share the first cell");
        assertEquals(3 / 32.0, BlazeFaceAnchors.CENTRES[4]);
        int last = 2 * (BlazeFaceAnchors.COUNT - 1);
        assertEquals(15 / 16.0, BlazeFaceAnchors.CENTRES[last]);
        assertEquals(15 / 16.0, BlazeFaceAnchors.CENTRES[last + 1]);
    }

    @Test
    void weightedNmsAveragesOverlapsByScoreAndKeepsSeparateFacesApart() {
        double[] k = new double[12];
        Detection strong = new Detection(0, 0, 10, 10, 0.9, k);
        Detection weak = new Detection(2, 0, 10, 10, 0.3, k);
        Detection elsewhere = new Detection(50, 50, 10, 10, 0.6, k);
        List<Detection> out = WeightedNms.apply(List.of(weak, elsewhere, strong), 0.3);
        assertEquals(2, out.size());
        assertEquals(0.9, out.get(0).score());
        assertEquals(2 * 0.3 / 1.2, out.get(0).x(), 1e-12);
        assertEquals(50, out.get(1).x());
    }
}
