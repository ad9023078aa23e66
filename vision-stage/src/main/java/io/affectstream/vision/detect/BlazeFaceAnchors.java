package io.affectstream.vision.detect;

/**
 * The 896 fixed anchors of MediaPipe BlazeFace: a 16x16 grid with 2 anchors per cell, then an 8x8 grid with 6
 * per cell; row-major (y, then x), the anchors of a cell consecutive; centre ((x+0.5)/cells, (y+0.5)/cells) in
 * the unit square, size 1 (see shared/reference/models.md).
 */
final class BlazeFaceAnchors {
    static final int FIRST_LAYER = 16 * 16 * 2;
    static final int SECOND_LAYER = 8 * 8 * 6;
    static final int COUNT = FIRST_LAYER + SECOND_LAYER;

    /** Centres as {@code [x0, y0, x1, y1, ...]}. */
    static final double[] CENTRES = build();

    private BlazeFaceAnchors() {
    }

    private static double[] build() {
        double[] centres = new double[COUNT * 2];
        int i = fill(centres, 0, 16, 2);
        i = fill(centres, i, 8, 6);
        if (i != COUNT) {
            throw new IllegalStateException("anchor count " + i);
        }
        return centres;
    }

    private static int fill(double[] centres, int start, int cells, int perCell) {
        int i = start;
        for (int y = 0; y < cells; y++) {
            for (int x = 0; x < cells; x++) {
                for (int k = 0; k < perCell; k++) {
                    centres[2 * i] = (x + 0.5) / cells;
                    centres[2 * i + 1] = (y + 0.5) / cells;
                    i++;
                }
            }
        }
        return i;
    }
}
