package io.affectstream.vision.expression;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;

/**
 * Random access to a frame's RGB pixels for crop-and-resize, black (0) outside the frame as TensorFlow pads.
 * The frames' usual layout, {@code TYPE_3BYTE_BGR}, is read straight from its bytes; anything else through
 * {@link BufferedImage#getRGB(int, int)}.
 */
abstract class FramePixels {
    final int width;
    final int height;

    private FramePixels(int width, int height) {
        this.width = width;
        this.height = height;
    }

    static FramePixels of(BufferedImage image) {
        Raster raster = image.getRaster();
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR && raster.getDataBuffer() instanceof DataBufferByte bytes
                && raster.getSampleModel() instanceof PixelInterleavedSampleModel sm) {
            return new InterleavedBgr(image, bytes, sm, raster);
        }
        return new Generic(image);
    }

    /** {@code 0xRRGGBB} of the pixel, or 0 outside the frame. */
    final int rgb(int x, int y) {
        return x < 0 || y < 0 || x >= width || y >= height ? 0 : rgbInside(x, y);
    }

    abstract int rgbInside(int x, int y);

    private static final class InterleavedBgr extends FramePixels {
        private final byte[] data;
        private final int base;
        private final int pixelStride;
        private final int scanline;
        private final int red;
        private final int green;
        private final int blue;

        InterleavedBgr(BufferedImage image, DataBufferByte bytes, PixelInterleavedSampleModel sm, Raster raster) {
            super(image.getWidth(), image.getHeight());
            data = bytes.getData();
            pixelStride = sm.getPixelStride();
            scanline = sm.getScanlineStride();
            // a sub-image shares its parent's bytes from a translated origin
            base = bytes.getOffset() - raster.getSampleModelTranslateY() * scanline
                    - raster.getSampleModelTranslateX() * pixelStride;
            int[] bands = sm.getBandOffsets(); // in R, G, B order for TYPE_3BYTE_BGR
            red = bands[0];
            green = bands[1];
            blue = bands[2];
        }

        @Override
        int rgbInside(int x, int y) {
            int i = base + y * scanline + x * pixelStride;
            return (data[i + red] & 0xFF) << 16 | (data[i + green] & 0xFF) << 8 | (data[i + blue] & 0xFF);
        }
    }

    private static final class Generic extends FramePixels {
        private final BufferedImage image;

        Generic(BufferedImage image) {
            super(image.getWidth(), image.getHeight());
            this.image = image;
        }

        @Override
        int rgbInside(int x, int y) {
            return image.getRGB(x, y) & 0xFFFFFF;
        }
    }
}
