package io.affectstream.vision.detect;

import io.affectstream.vision.align.RgbFrame;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.WritableRaster;
import java.nio.FloatBuffer;

/**
 * Fits an image into a square model input, centred, aspect kept, the margins black, and writes it straight into
 * the input tensor as NHWC RGB in [-1, 1] with bilinear sampling: no intermediate image per frame.
 *
 * @param size  side of the square input, pixels
 * @param scale input pixels per image pixel
 * @param padX  left margin, input pixels
 * @param padY  top margin, input pixels
 */
record Letterbox(int size, double scale, int padX, int padY) {

    static Letterbox of(int imageWidth, int imageHeight, int size) {
        double scale = (double) size / Math.max(imageWidth, imageHeight);
        int drawnW = (int) Math.round(imageWidth * scale);
        int drawnH = (int) Math.round(imageHeight * scale);
        return new Letterbox(size, scale, (size - drawnW) / 2, (size - drawnH) / 2);
    }

    /**
     * Writes {@code image} into {@code target}, which must hold size²·3 floats. A 3-byte BGR or RGB image with packed
     * rows is read as it is; any other is converted first.
     */
    void fill(BufferedImage image, FloatBuffer target) {
        BufferedImage bgr = packedRgb(image) ? image : toBgr(image);
        byte[] px = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        // the byte of each model channel (R, G, B) within a pixel
        int[] channel = ((PixelInterleavedSampleModel) bgr.getRaster().getSampleModel()).getBandOffsets();
        int w = bgr.getWidth();
        int h = bgr.getHeight();
        // Per column once: the two source columns (as byte offsets) and the weight of the right one.
        int[] x0 = new int[size];
        int[] x1 = new int[size];
        float[] fx = new float[size];
        boolean[] inside = new boolean[size];
        for (int x = 0; x < size; x++) {
            double sx = (x - padX + 0.5) / scale - 0.5;
            inside[x] = sx > -0.5 - 1e-9 && sx < w - 0.5;
            int c0 = clamp((int) Math.floor(sx), w);
            x0[x] = c0 * 3;
            x1[x] = clamp(c0 + 1, w) * 3;
            fx[x] = (float) Math.min(1, Math.max(0, sx - Math.floor(sx)));
        }
        float[] row = new float[size * 3];
        target.clear();
        for (int y = 0; y < size; y++) {
            double sy = (y - padY + 0.5) / scale - 0.5;
            if (!(sy > -0.5 - 1e-9 && sy < h - 0.5)) {
                java.util.Arrays.fill(row, -1f);
                target.put(row);
                continue;
            }
            int r0 = clamp((int) Math.floor(sy), h) * w * 3;
            int r1 = clamp((int) Math.floor(sy) + 1, h) * w * 3;
            float fy = (float) Math.min(1, Math.max(0, sy - Math.floor(sy)));
            for (int x = 0, o = 0; x < size; x++, o += 3) {
                if (!inside[x]) {
                    row[o] = -1f;
                    row[o + 1] = -1f;
                    row[o + 2] = -1f;
                    continue;
                }
                float wx = fx[x];
                int a = r0 + x0[x];
                int b = r0 + x1[x];
                int c = r1 + x0[x];
                int d = r1 + x1[x];
                for (int ch = 0; ch < 3; ch++) {        // RGB to the model, whatever the order in memory
                    int k = channel[ch];
                    float top = (px[a + k] & 0xff) + ((px[b + k] & 0xff) - (px[a + k] & 0xff)) * wx;
                    float bottom = (px[c + k] & 0xff) + ((px[d + k] & 0xff) - (px[c + k] & 0xff)) * wx;
                    row[o + ch] = (top + (bottom - top) * fy) / 127.5f - 1f;
                }
            }
            target.put(row);
        }
        target.flip();
    }

    /** Readable as it is: 3 byte bands, pixel after pixel, rows packed, from the buffer's start. */
    private static boolean packedRgb(BufferedImage image) {
        WritableRaster raster = image.getRaster();
        return RgbFrame.readsDirectly(image) && raster.getParent() == null
                && raster.getDataBuffer().getOffset() == 0
                && raster.getSampleModel() instanceof PixelInterleavedSampleModel sm
                && sm.getPixelStride() == 3 && sm.getScanlineStride() == 3 * image.getWidth();
    }

    private static int clamp(int v, int n) {
        return Math.max(0, Math.min(n - 1, v));
    }

    private static BufferedImage toBgr(BufferedImage image) {
        BufferedImage bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = bgr.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return bgr;
    }
}
