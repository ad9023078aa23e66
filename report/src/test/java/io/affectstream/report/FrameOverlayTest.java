package io.affectstream.report;

import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.AffectFrame.AffectFace;
import io.affectstream.wire.Box;
import io.affectstream.wire.Source;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameOverlayTest {
    private static final Color GREY = new Color(0x808080);

    @Test
    void linesAndTextGrowWithTheFrameSoA720pFrameReadsLikeA480pOne() {
        int thin = edgeThickness(640, 480);
        int thick = edgeThickness(1280, 720);
        assertEquals(3, thin);
        assertEquals(5, thick);
        assertTrue(headerHeight(1280, 720) > headerHeight(640, 480) * 1.3,
                headerHeight(640, 480) + " vs " + headerHeight(1280, 720));
    }

    @Test
    void theValenceArousalDotMovesRightWithValenceAndUpWithArousal() {
        double[] positive = markerCentre(0.9, 0.0);
        double[] negative = markerCentre(-0.9, 0.0);
        double[] excited = markerCentre(0.0, 0.9);
        assertTrue(positive[0] - negative[0] > 40, positive[0] + " vs " + negative[0]);
        assertEquals(positive[1], negative[1], 2);
        assertTrue(excited[1] < positive[1] - 20, "up is negative y: " + excited[1] + " vs " + positive[1]);
    }

    @Test
    void aFrameWithoutARecordStillGetsItsHeaderAndNoBox() {
        BufferedImage image = grey(640, 480);
        new FrameOverlay().draw(image, 12, 480_000, null);
        assertTrue(headerHeightOf(image) > 10, "header drawn");
        assertEquals(0, count(image, FrameOverlay.trackColour(AffectRecords.TRACK), 0, 60, 640, 480));
    }

    private static BufferedImage render(int width, int height, Box box, double valence, double arousal) {
        AffectFace face = new AffectFace(AffectRecords.TRACK, box, 0.9, List.of(), null, valence, arousal,
                Source.MODEL, List.of(), null, null, List.of());
        List<AffectFrame> records = AffectRecords.frames(1, 25, width, height, i -> List.of(face));
        BufferedImage image = grey(width, height);
        new FrameOverlay().draw(image, 0, 0, records.get(0));
        return image;
    }

    /** Pixels of the track colour on a row through the middle of the box's left edge. */
    private static int edgeThickness(int width, int height) {
        Box box = new Box(width * 0.3, height * 0.3, width * 0.2, height * 0.3);
        BufferedImage image = render(width, height, box, 0, 0);
        int y = (int) (box.y() + box.height() / 2);
        return count(image, FrameOverlay.trackColour(AffectRecords.TRACK), (int) box.x() - 10, y, (int) box.x() + 10, y + 1);
    }

    private static int headerHeight(int width, int height) {
        return headerHeightOf(render(width, height, new Box(10, 200, 50, 50), 0, 0));
    }

    /** Rows at the top right that the dark header panel covers. */
    private static int headerHeightOf(BufferedImage image) {
        int x = image.getWidth() - 20;
        int rows = 0;
        for (int y = 0; y < image.getHeight() / 4; y++) {
            rows += new Color(image.getRGB(x, y)).getRed() < 0x40 ? 1 : 0;
        }
        return rows;
    }

    /** Centre of the track-coloured pixels right of the box, where the inset goes. */
    private static double[] markerCentre(double valence, double arousal) {
        Box box = new Box(100, 150, 160, 200);
        BufferedImage image = render(640, 480, box, valence, arousal);
        Color colour = FrameOverlay.trackColour(AffectRecords.TRACK);
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int y = 150; y < 350; y++) {
            for (int x = 270; x < 640; x++) {
                if (image.getRGB(x, y) == colour.getRGB()) {
                    sx += x;
                    sy += y;
                    n++;
                }
            }
        }
        assertTrue(n > 20, "marker drawn: " + n + " pixels");
        return new double[] {sx / n, sy / n};
    }

    private static BufferedImage grey(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(GREY);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    private static int count(BufferedImage image, Color colour, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                n += image.getRGB(x, y) == colour.getRGB() ? 1 : 0;
            }
        }
        return n;
    }
}
