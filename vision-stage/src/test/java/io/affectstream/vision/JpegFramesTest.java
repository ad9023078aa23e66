package io.affectstream.vision;

import io.affectstream.vision.align.RgbFrame;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JpegFramesTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = JpegFramesTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aColourFrameDecodesToTheSamePixelsAsImageIoInRgbOrder() throws IOException {
        byte[] jpeg = resource("/media/astronaut.jpg");
        BufferedImage reference = ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
        BufferedImage decoded = JpegFrames.decode(jpeg);
        assertNotNull(decoded);
        assertTrue(RgbFrame.readsDirectly(decoded), "read without a conversion");
        assertEquals(BufferedImage.TYPE_CUSTOM, decoded.getType(), "the RGB-ordered image, not 3-byte BGR");
        assertEquals(reference.getWidth(), decoded.getWidth());
        assertEquals(reference.getHeight(), decoded.getHeight());
        RgbFrame frame = RgbFrame.of(decoded);
        for (int y = 0; y < reference.getHeight(); y++) {
            for (int x = 0; x < reference.getWidth(); x++) {
                assertEquals(reference.getRGB(x, y) & 0xFFFFFF, decoded.getRGB(x, y) & 0xFFFFFF, "pixel " + x + "," + y);
                assertEquals(reference.getRGB(x, y) & 0xFFFFFF, frame.rgb(x, y), "RgbFrame at " + x + "," + y);
            }
        }
    }

    @Test
    void aGreyFrameStillDecodes() throws IOException {
        BufferedImage grey = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(10, 10, 0, 200);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(grey, "jpeg", out);
        BufferedImage decoded = JpegFrames.decode(out.toByteArray());
        assertNotNull(decoded);
        assertEquals(64, decoded.getWidth());
        assertTrue(RgbFrame.of(decoded).rgb(10, 10) != 0, "the bright pixel survives, as grey");
    }

    @Test
    void bytesThatAreNotAJpegGiveNull() {
        assertNull(JpegFrames.decode(new byte[] {1, 2, 3}));
        assertNull(JpegFrames.decode(new byte[0]));
    }
}
