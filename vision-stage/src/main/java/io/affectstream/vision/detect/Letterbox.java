package io.affectstream.vision.detect;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
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

    /** Writes {@code image} (3-byte BGR; others are converted first) into {@code target}, which must hold size²·3 floats. */
    void fill(BufferedImage image, FloatBuffer target) {
        BufferedImage bgr = image.getType() == BufferedImage.TYPE_3BYTE_BGR ? image : toBgr(image);
        byte[] px = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        int w = bgr.getWidth();
        int h = bgr.getHeight();
        target.clear();
        for (int y = 0; y < size; y++) {
            double sy = (y - padY + 0.5) / scale - 0.5;
            boolean rowInside = sy > -0.5 - 1e-9 && sy < h - 0.5;
            int y0 = clamp((int) Math.floor(sy), h);
            int y1 = clamp(y0 + 1, h);
            double fy = Math.min(1, Math.max(0, sy - Math.floor(sy)));
            for (int x = 0; x < size; x++) {
                double sx = (x - padX + 0.5) / scale - 0.5;
                if (!rowInside || sx <= -0.5 - 1e-9 || sx >= w - 0.5) {
                    target.put(-1f).put(-1f).put(-1f);
                    continue;
                }
                int x0 = clamp((int) Math.floor(sx), w);
                int x1 = clamp(x0 + 1, w);
                double fx = Math.min(1, Math.max(0, sx - Math.floor(sx)));
                int a = (y0 * w + x0) * 3;
                int b = (y0 * w + x1) * 3;
                int c = (y1 * w + x0) * 3;
                int d = (y1 * w + x1) * 3;
                for (int ch = 2; ch >= 0; ch--) {       // BGR in memory, RGB to the model
                    double top = (px[a + ch] & 0xff) * (1 - fx) + (px[b + ch] & 0xff) * fx;
                    double bottom = (px[c + ch] & 0xff) * (1 - fx) + (px[d + ch] & 0xff) * fx;
                    target.put((float) ((top * (1 - fy) + bottom * fy) / 127.5 - 1));
                }
            }
        }
        target.flip();
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
