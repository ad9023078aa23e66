package io.affectstream.ingest;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

class RawFramesTest {
    @Test
    void aDecoderImageIsCopiedAsItIs() {
        BufferedImage bgr = new BufferedImage(5, 3, BufferedImage.TYPE_3BYTE_BGR);
        bgr.setRGB(4, 2, 0x102030);
        byte[] data = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        byte[] bytes = RawFrames.bgrBytes(bgr);
        assertArrayEquals(data, bytes);
        assertNotSame(data, bytes, "a copy: the decoder reuses its image");
    }

    @Test
    void anyOtherImageComesOutAsBlueGreenRedPerPixel() {
        BufferedImage rgb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(1, 1, 0x102030);                 // R 0x10, G 0x20, B 0x30
        byte[] bytes = RawFrames.bgrBytes(rgb);
        assertEquals(12, bytes.length);
        assertArrayEquals(new byte[] {0x30, 0x20, 0x10}, java.util.Arrays.copyOfRange(bytes, 9, 12));
    }
}
