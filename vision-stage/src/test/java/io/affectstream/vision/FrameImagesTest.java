package io.affectstream.vision;

import io.affectstream.vision.align.RgbFrame;
import io.affectstream.wire.ImageEncoding;
import io.affectstream.wire.VideoFrame;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameImagesTest {
    private static VideoFrame frame(ImageEncoding encoding, byte[] image, int width, int height) {
        return new VideoFrame("s", 0, 0, 0, 0, width, height, width, height, false, encoding, image);
    }

    @Test
    void aRawFrameIsReadAsBlueGreenRedWithoutConversion() {
        byte[] bgr = new byte[3 * 2 * 3];
        int at = 3 * (2 * 2 + 1);                       // pixel (1, 2)
        bgr[at] = 0x30;
        bgr[at + 1] = 0x20;
        bgr[at + 2] = 0x10;
        BufferedImage image = FrameImages.decode(frame(ImageEncoding.RAW_BGR, bgr, 2, 3));
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, image.getType());
        assertTrue(RgbFrame.readsDirectly(image));
        assertEquals(0x102030, RgbFrame.of(image).rgb(1, 2));
        assertEquals(0x102030, image.getRGB(1, 2) & 0xFFFFFF);
        assertEquals(0, RgbFrame.of(image).rgb(0, 0));
    }

    @Test
    void unreadableJpegBytesGiveNoImage() {
        assertNull(FrameImages.decode(frame(ImageEncoding.JPEG, new byte[] {1, 2, 3}, 2, 3)));
    }
}
