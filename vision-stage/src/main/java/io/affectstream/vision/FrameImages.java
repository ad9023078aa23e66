package io.affectstream.vision;

import io.affectstream.wire.VideoFrame;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/** A video frame's pixels as an image, whichever encoding it travelled in. */
final class FrameImages {
    private FrameImages() {
    }

    /** The frame's image, or null when its bytes cannot be read as the encoding it claims. */
    static BufferedImage decode(VideoFrame frame) {
        return switch (frame.encoding()) {
            case JPEG -> JpegFrames.decode(frame.image());
            case RAW_BGR -> wrapBgr(frame.image(), frame.width(), frame.height());
        };
    }

    /**
     * The bytes as they are, without a copy, as a {@code TYPE_3BYTE_BGR} image (whose bands are B, G, R in that order).
     * The record's constructor has already checked that there are {@code width * height * 3} of them.
     */
    private static BufferedImage wrapBgr(byte[] bgr, int width, int height) {
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(bgr, bgr.length), width, height,
                width * 3, 3, new int[] {2, 1, 0}, null);
        // the colour model of TYPE_3BYTE_BGR: with these band offsets the image reports that type
        return new BufferedImage(BGR_COLOURS, raster, false, null);
    }

    private static final ColorModel BGR_COLOURS = new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR).getColorModel();
}
