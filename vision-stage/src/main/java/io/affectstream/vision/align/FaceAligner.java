package io.affectstream.vision.align;

import io.affectstream.wire.Box;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;

/**
 * Aligned face crops for models trained on aligned faces (affect-spec §2: five anchor points mapped by a
 * similarity transform onto a frontal template, 96 x 96 x 3, intensities in [-1, 1]).
 *
 * <p><b>Template.</b> InsightFace's five-point ArcFace template for 112 x 112 crops ({@code arcface_dst} in
 * deepinsight/insightface, {@code python-package/insightface/utils/face_align.py}, MIT), scaled by 96/112:
 * in order, the eye on the image's left (the subject's right eye), the eye on the image's right, the nose tip,
 * the mouth corner on the image's left, the mouth corner on the image's right. InsightFace applies it with
 * OpenCV's convention (pixel centres at integer coordinates); here coordinates are continuous with pixel centres
 * at {@code +0.5} (see {@link RgbFrame}), a shift of half a pixel that is immaterial at this size.
 *
 * <p><b>Transform.</b> The least-squares similarity from the five frame points onto the template
 * ({@link Similarity#estimate}: rotation, uniform scale and shift, no reflection, no shear), so the face keeps its
 * proportions.
 *
 * <p><b>Output.</b> {@value #SIZE} x {@value #SIZE}, NCHW planes R, G, B ({@link #FLOATS_PER_FACE} floats per
 * face, written at an offset so a batch is one buffer), {@code v / 127.5 - 1} from 8-bit values, bilinear
 * sampling, black (-1) beyond the frame.
 *
 * <p>Stateless and thread-safe.
 */
public final class FaceAligner {
    /** Side of the aligned crop. */
    public static final int SIZE = 96;
    /** Floats one aligned face takes in an NCHW batch. */
    public static final int FLOATS_PER_FACE = 3 * SIZE * SIZE;
    /** The head-pose box's side over the face box's (affect-spec §2). */
    public static final double HEAD_BOX_SCALE = 1.5;

    private static final double[] ARCFACE_112 = {
            38.2946, 51.6963, 73.5318, 51.5014, 56.0252, 71.7366, 41.5493, 92.3655, 70.7299, 92.2041};
    private static final double[] TEMPLATE = scaled(ARCFACE_112, SIZE / 112.0);

    private FaceAligner() {
    }

    /** The five template points for the {@value #SIZE}-pixel crop, {@code x0, y0, ..., x4, y4}, in the order above. */
    public static double[] template() {
        return TEMPLATE.clone();
    }

    /**
     * The transform from frame pixels to the aligned crop's pixels.
     *
     * @param fivePoints the face's points in frame pixels, {@code x0, y0, ..., x4, y4}, in the template's order
     */
    public static Similarity frameToCrop(double[] fivePoints) {
        if (fivePoints.length != 10) {
            throw new IllegalArgumentException("need 5 (x, y) points (10 values), got " + fivePoints.length);
        }
        for (double v : fivePoints) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("the five points must be finite, got "
                        + java.util.Arrays.toString(fivePoints));
            }
        }
        return Similarity.estimate(fivePoints, TEMPLATE);
    }

    /**
     * Writes the aligned crop of one face into {@code out} at {@code index} and returns the frame-to-crop transform.
     *
     * @param fivePoints as for {@link #frameToCrop}
     */
    public static Similarity align(RgbFrame frame, double[] fivePoints, FloatBuffer out, int index) {
        Similarity toCrop = frameToCrop(fivePoints);
        write(frame, toCrop.inverse(), out, index);
        return toCrop;
    }

    /** As {@link #align(RgbFrame, double[], FloatBuffer, int)}, for one face of a frame. */
    public static Similarity align(BufferedImage frame, double[] fivePoints, FloatBuffer out, int index) {
        return align(RgbFrame.of(frame), fivePoints, out, index);
    }

    /**
     * The wider, unaligned box for head-pose estimation: a square of {@value #HEAD_BOX_SCALE} x the face box's
     * larger side, same centre (it may reach beyond the frame).
     */
    public static Box headBox(Box face) {
        double side = Math.max(face.width(), face.height()) * HEAD_BOX_SCALE;
        return new Box(face.x() + face.width() / 2 - side / 2, face.y() + face.height() / 2 - side / 2, side, side);
    }

    /**
     * Writes the square of {@code box}'s larger side around its centre (for a {@link #headBox}, the box itself),
     * unrotated, resized to {@value #SIZE} x {@value #SIZE}, in the same layout and range as {@link #align}.
     */
    public static void crop(RgbFrame frame, Box box, FloatBuffer out, int index) {
        double side = Math.max(box.width(), box.height());
        if (!(side > 0) || !Double.isFinite(side)) {
            throw new IllegalArgumentException("the box must have a positive finite size, got " + box);
        }
        double left = box.x() + box.width() / 2 - side / 2, top = box.y() + box.height() / 2 - side / 2;
        write(frame, new Similarity(side / SIZE, 0, left, top), out, index);
    }

    private static void write(RgbFrame frame, Similarity cropToFrame, FloatBuffer out, int index) {
        frame.warp(cropToFrame, SIZE, RgbFrame.Layout.CHW, 1 / 127.5, -1, out, index);
    }

    private static double[] scaled(double[] v, double k) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * k;
        }
        return out;
    }
}
