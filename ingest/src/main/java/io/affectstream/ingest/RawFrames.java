package io.affectstream.ingest;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;

/** The bytes of a {@link io.affectstream.wire.ImageEncoding#RAW_BGR} frame: B, G, R per pixel, rows packed. */
public final class RawFrames {
    private RawFrames() {
    }

    /**
     * A copy of {@code image}'s pixels (the decoder reuses its image from frame to frame). A {@code TYPE_3BYTE_BGR}
     * image with packed rows, as the decoder hands out, is one array copy; any other is drawn into one first.
     */
    public static byte[] bgrBytes(BufferedImage image) {
        BufferedImage bgr = packedBgr(image) ? image : redraw(image);
        byte[] data = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        return java.util.Arrays.copyOf(data, bgr.getWidth() * bgr.getHeight() * 3);
    }

    private static boolean packedBgr(BufferedImage image) {
        return image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && image.getRaster().getSampleModel() instanceof ComponentSampleModel sm
                && sm.getScanlineStride() == 3 * image.getWidth()
                && image.getRaster().getSampleModelTranslateX() == 0 && image.getRaster().getSampleModelTranslateY() == 0
                && ((DataBufferByte) image.getRaster().getDataBuffer()).getOffset() == 0;
    }

    private static BufferedImage redraw(BufferedImage image) {
        BufferedImage bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = bgr.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return bgr;
    }
}
