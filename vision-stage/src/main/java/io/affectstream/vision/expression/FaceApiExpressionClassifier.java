package io.affectstream.vision.expression;

import io.affectstream.vision.align.RgbFrame;
import io.affectstream.inference.ElementType;
import io.affectstream.inference.ExecutionDevice;
import io.affectstream.inference.ModelContract;
import io.affectstream.inference.ModelLoadException;
import io.affectstream.inference.OnnxModel;
import io.affectstream.wire.Box;
import io.affectstream.wire.Expression;

import java.nio.FloatBuffer;
import java.nio.file.Path;

/**
 * Facial expression probabilities from face-api's FaceExpressionNet (MIT; training data not itemised by its authors,
 * see {@code models/MANIFEST.md}), built as ONNX from the weights of {@code @vladmandic/face-api@1.7.15} by this
 * project's {@code affect-tfjs-converter}.
 *
 * <p><b>In:</b> a frame and face boxes in its pixels (e.g. from BlazeFace). Per face, the crop face-api makes for
 * its expression net: the box grown to {@value #BOX_SCALE} x its width and height about its centre (face-api's
 * aligned box is the 68-landmark box padded by 20 %, and BlazeFace's box covers about the same landmarks), clipped
 * at the frame's edges and floored to whole pixels ({@code Box.clipAtImageBorders}), padded with black to a square
 * with the image centred ({@code padToSquare}), resized bilinearly to 112 x 112 as TF.js's
 * {@code resizeBilinear} does without corner alignment or half-pixel centres; RGB 0..255 (the model normalises).
 * <b>Out:</b> 7 probabilities in the canonical order of {@link Expression} (the model's order, neutral, happy, sad,
 * angry, fearful, disgusted, surprised, is remapped), source {@code model}.
 *
 * <p>Thread-safe: the model is shared and each thread reuses its own direct input buffer.
 */
public final class FaceApiExpressionClassifier extends OnnxExpressionClassifier {
    /** The id reported with each face's expressions. */
    public static final String MODEL_ID = "face-api-expression@face-api-1.7.15";
    /** Side of the model's square RGB input. */
    public static final int SIZE = 112;
    /** The crop's width and height over the face box's. */
    public static final double BOX_SCALE = 1.2;

    static final String INPUT = "input";
    static final String OUTPUT = "probabilities";
    static final String RESOURCE = "/models/face-api/face_expression.onnx";
    /** The model's labels, as its {@code affect.labels} metadata must state them. */
    static final String MODEL_LABELS = "neutral,happy,sad,angry,fearful,disgusted,surprised";
    /** Model output index → canonical expression. */
    static final Expression[] MODEL_ORDER = {
            Expression.NEUTRAL, Expression.HAPPINESS, Expression.SADNESS, Expression.ANGER,
            Expression.FEAR, Expression.DISGUST, Expression.SURPRISE};
    static final ModelContract CONTRACT = ModelContract.builder()
            .input(INPUT, ElementType.FLOAT, -1, SIZE, SIZE, 3)
            .output(OUTPUT, ElementType.FLOAT, -1, MODEL_ORDER.length)
            .build();

    private static final int VALUES = SIZE * SIZE * 3;

    private FaceApiExpressionClassifier(OnnxModel model) {
        super(model, MODEL_ID, INPUT, OUTPUT, MODEL_ORDER, FaceApiExpressionClassifier::fillCrop, SIZE, SIZE, 3);
    }

    /**
     * Loads the model and checks its contract and, when its metadata states them, its labels.
     *
     * @param modelFileOrNull an ONNX file with the same contract, or null for the shipped model from the classpath
     * @param device          where to run
     * @throws ModelLoadException naming the file and the expected inputs and outputs when it is missing, broken or
     *                            does not match
     */
    public static FaceApiExpressionClassifier load(Path modelFileOrNull, ExecutionDevice device) {
        FaceApiExpressionClassifier classifier = new FaceApiExpressionClassifier(
                loadChecked(modelFileOrNull, RESOURCE, CONTRACT, MODEL_LABELS, device));
        classifier.warmUp();
        return classifier;
    }

    /**
     * Writes the model input of one face at {@code offset}: 112 x 112 x 3 values, RGB in 0..255, row-major NHWC.
     * A box wholly outside the frame gives an all-black crop (face-api would drop the face).
     */
    static void fillCrop(RgbFrame pixels, Box box, FloatBuffer out, int offset) {
        // Box.pad(w * 0.2, h * 0.2), then clipAtImageBorders: clip, then floor x, y, width and height.
        double w = box.width() * BOX_SCALE;
        double h = box.height() * BOX_SCALE;
        double x = box.x() - (w - box.width()) / 2;
        double y = box.y() - (h - box.height()) / 2;
        double clippedX = Math.max(x, 0);
        double clippedY = Math.max(y, 0);
        int left = (int) Math.floor(clippedX);
        int top = (int) Math.floor(clippedY);
        int width = (int) Math.floor(Math.min(x + w - clippedX, pixels.width() - clippedX));
        int height = (int) Math.floor(Math.min(y + h - clippedY, pixels.height() - clippedY));
        if (width <= 0 || height <= 0) {
            for (int i = 0; i < VALUES; i++) {
                out.put(offset + i, 0f);
            }
            return;
        }
        // padToSquare(isCenterImage = true): round(diff / 2) columns or rows after the image, the rest before it.
        int side = Math.max(width, height);
        int diff = side - Math.min(width, height);
        int before = diff - (int) Math.round(diff * 0.5);
        int originX = left - (width < height ? before : 0);
        int originY = top - (height < width ? before : 0);
        double scale = side / (double) SIZE;
        for (int r = 0; r < SIZE; r++) {
            double sy = r * scale;
            int y0 = (int) sy;
            int y1 = Math.min(y0 + 1, side - 1);
            double fy = sy - y0;
            for (int c = 0; c < SIZE; c++) {
                double sx = c * scale;
                int x0 = (int) sx;
                int x1 = Math.min(x0 + 1, side - 1);
                double fx = sx - x0;
                int tl = square(pixels, originX + x0, originY + y0, left, top, width, height);
                int tr = square(pixels, originX + x1, originY + y0, left, top, width, height);
                int bl = square(pixels, originX + x0, originY + y1, left, top, width, height);
                int br = square(pixels, originX + x1, originY + y1, left, top, width, height);
                int o = offset + (r * SIZE + c) * 3;
                for (int ch = 0, shift = 16; ch < 3; ch++, shift -= 8) {
                    double t = channel(tl, shift) + (channel(tr, shift) - channel(tl, shift)) * fx;
                    double b = channel(bl, shift) + (channel(br, shift) - channel(bl, shift)) * fx;
                    out.put(o + ch, (float) (t + (b - t) * fy));
                }
            }
        }
    }

    /** A pixel of the padded square in frame coordinates: the crop's own pixels, black in the padding. */
    private static int square(RgbFrame pixels, int x, int y, int left, int top, int width, int height) {
        return x < left || y < top || x >= left + width || y >= top + height ? 0 : pixels.rgb(x, y);
    }

    private static int channel(int rgb, int shift) {
        return (rgb >> shift) & 0xFF;
    }
}
