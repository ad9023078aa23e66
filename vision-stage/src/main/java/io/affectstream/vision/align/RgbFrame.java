package io.affectstream.vision.align;

import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.FloatBuffer;

/**
 * A frame's pixels as 8-bit RGB, read straight from the bytes of a 3-byte BGR or RGB image (see
 * {@link #readsDirectly}; any other image is converted once here), and resampled into model inputs through a {@link Similarity}.
 *
 * <p>Coordinates are continuous: pixel {@code (i, j)} covers {@code [i, i+1) x [j, j+1)}, its centre is at
 * {@code (i + 0.5, j + 0.5)}. Sampling is bilinear; beyond the frame's edges the colour is black, so a crop that
 * reaches past the frame fades to black there (as TensorFlow's crop-and-resize extrapolates with zeros).
 *
 * <p>Immutable and thread-safe as long as nobody draws into the image meanwhile.
 */
public final class RgbFrame {
    /** How a warp lays out the channels of its square output. */
    public enum Layout {
        /** {@code [size, size, 3]}, RGB interleaved per pixel. */
        HWC,
        /** {@code [3, size, size]}, one RGB plane after the other. */
        CHW
    }

    private final byte[] data;
    private final int base;
    private final int pixelStride;
    private final int scanline;
    private final int red;
    private final int green;
    private final int blue;
    private final int width;
    private final int height;

    private RgbFrame(BufferedImage image) {
        Raster raster = image.getRaster();
        PixelInterleavedSampleModel sm = (PixelInterleavedSampleModel) raster.getSampleModel();
        DataBufferByte bytes = (DataBufferByte) raster.getDataBuffer();
        data = bytes.getData();
        pixelStride = sm.getPixelStride();
        scanline = sm.getScanlineStride();
        // a sub-image shares its parent's buffer: the translation says where it starts
        base = bytes.getOffset() - raster.getSampleModelTranslateY() * scanline
                - raster.getSampleModelTranslateX() * pixelStride;
        int[] bands = sm.getBandOffsets(); // the bytes of R, G and B within a pixel
        red = bands[0];
        green = bands[1];
        blue = bands[2];
        width = image.getWidth();
        height = image.getHeight();
    }

    /**
     * A new 8-bit sRGB image whose bytes are R, G, B per pixel, rows packed. The JPEG decoder fills such an image with
     * one array copy per row (into {@code TYPE_3BYTE_BGR} it reorders pixel by pixel), and it is read here without
     * conversion.
     */
    public static BufferedImage newRgbImage(int width, int height) {
        ColorModel colours = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, width * 3, 3,
                new int[] {0, 1, 2}, null);
        return new BufferedImage(colours, raster, false, null);
    }

    /** Whether {@code image}'s bytes can be read as 8-bit RGB as they are: 3-byte BGR, or sRGB with 3 byte bands. */
    public static boolean readsDirectly(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return true;
        }
        return image.getColorModel() instanceof ComponentColorModel colours && !colours.hasAlpha()
                && colours.getColorSpace().isCS_sRGB()
                && image.getRaster().getSampleModel() instanceof PixelInterleavedSampleModel sm
                && sm.getNumBands() == 3 && sm.getDataType() == DataBuffer.TYPE_BYTE;
    }

    public static RgbFrame of(BufferedImage image) {
        if (readsDirectly(image)) {
            return new RgbFrame(image);
        }
        BufferedImage bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = bgr.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return new RgbFrame(bgr);
    }

    /** {@code 0xRRGGBB} of pixel {@code (x, y)}, or 0 (black) outside the frame. */
    public int rgb(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return 0;
        }
        int i = base + y * scanline + x * pixelStride;
        return (data[i + red] & 0xFF) << 16 | (data[i + green] & 0xFF) << 8 | (data[i + blue] & 0xFF);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /**
     * Fills a {@code size x size} RGB output: output pixel {@code (c, r)} takes the bilinear colour of the frame
     * at {@code outputToFrame(c + 0.5, r + 0.5)}, each 8-bit channel value {@code v} written as
     * {@code v * gain + offset}.
     *
     * @param out   receives {@code 3 * size * size} floats from {@code index} on (absolute puts; its position is
     *              left alone)
     */
    public void warp(Similarity outputToFrame, int size, Layout layout, double gain, double offset,
                     FloatBuffer out, int index) {
        if (size < 1) {
            throw new IllegalArgumentException("the output size must be positive, got " + size);
        }
        if (index < 0 || index + 3 * size * size > out.limit()) {
            throw new IllegalArgumentException("the output needs " + 3 * size * size + " floats from index " + index
                    + ", the buffer's limit is " + out.limit());
        }
        int plane = size * size;
        double a = outputToFrame.a(), b = outputToFrame.b();
        // One output row at a time into arrays, then one bulk put each: an absolute put per float into a direct
        // buffer (bounds and order checks every time) cost more than the sampling (~2 ms of a 192x192 crop).
        boolean hwc = layout == Layout.HWC;
        float[] rowRgb = hwc ? new float[3 * size] : null;
        float[] rowR = hwc ? null : new float[size];
        float[] rowG = hwc ? null : new float[size];
        float[] rowB = hwc ? null : new float[size];
        for (int r = 0; r < size; r++) {
            // the frame position of output pixel (0, r), then one step per column; -0.5 turns it into pixel indices
            double rowX = outputToFrame.x(0.5, r + 0.5) - 0.5;
            double rowY = outputToFrame.y(0.5, r + 0.5) - 0.5;
            for (int c = 0; c < size; c++) {
                double sx = rowX + a * c;
                double sy = rowY + b * c;
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                double fx = sx - x0, fy = sy - y0;
                double w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy;
                double rr = 0, gg = 0, bb = 0;
                if (x0 >= 0 && y0 >= 0 && x0 + 1 < width && y0 + 1 < height) {
                    int p = base + y0 * scanline + x0 * pixelStride;
                    int q = p + scanline;
                    rr = w00 * u(p + red) + w10 * u(p + pixelStride + red) + w01 * u(q + red) + w11 * u(q + pixelStride + red);
                    gg = w00 * u(p + green) + w10 * u(p + pixelStride + green) + w01 * u(q + green)
                            + w11 * u(q + pixelStride + green);
                    bb = w00 * u(p + blue) + w10 * u(p + pixelStride + blue) + w01 * u(q + blue)
                            + w11 * u(q + pixelStride + blue);
                } else if (x0 >= -1 && y0 >= -1 && x0 < width && y0 < height) {
                    // on the border: neighbours outside the frame count as black
                    for (int k = 0; k < 4; k++) {
                        int x = x0 + (k & 1), y = y0 + (k >> 1);
                        if (x < 0 || y < 0 || x >= width || y >= height) {
                            continue;
                        }
                        double w = k == 0 ? w00 : k == 1 ? w10 : k == 2 ? w01 : w11;
                        int p = base + y * scanline + x * pixelStride;
                        rr += w * u(p + red);
                        gg += w * u(p + green);
                        bb += w * u(p + blue);
                    }
                }
                if (hwc) {
                    rowRgb[3 * c] = (float) (rr * gain + offset);
                    rowRgb[3 * c + 1] = (float) (gg * gain + offset);
                    rowRgb[3 * c + 2] = (float) (bb * gain + offset);
                } else {
                    rowR[c] = (float) (rr * gain + offset);
                    rowG[c] = (float) (gg * gain + offset);
                    rowB[c] = (float) (bb * gain + offset);
                }
            }
            if (hwc) {
                out.put(index + 3 * r * size, rowRgb, 0, rowRgb.length);
            } else {
                out.put(index + r * size, rowR, 0, size);
                out.put(index + plane + r * size, rowG, 0, size);
                out.put(index + 2 * plane + r * size, rowB, 0, size);
            }
        }
    }

    private int u(int i) {
        return data[i] & 0xFF;
    }
}
