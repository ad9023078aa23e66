package io.affectstream.vision.expression;

import io.affectstream.vision.align.RgbFrame;
import io.affectstream.inference.ElementType;
import io.affectstream.inference.ExecutionDevice;
import io.affectstream.inference.ModelContract;
import io.affectstream.inference.ModelLoadException;
import io.affectstream.inference.OnnxModel;
import io.affectstream.wire.Box;
import io.affectstream.wire.Expression;
import io.affectstream.wire.Expressions;
import io.affectstream.wire.Source;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * Facial expression probabilities from the mini-Xception FER2013 model (MIT; FER2013's images carry research-only
 * terms, see {@code models/MANIFEST.md}), as shipped by the human library 3.3.6 and converted to ONNX by this
 * project's {@code affect-tfjs-converter}.
 *
 * <p><b>In:</b> a frame and face boxes in its pixels (e.g. from BlazeFace). Per face: a square crop of
 * {@value #CROP_SCALE} x the box's larger side, centred on the box, with black beyond the frame's edges;
 * grey {@code 0.2989 R + 0.587 G + 0.114 B} from RGB in [0, 1]; bilinear resampling to 64 x 64 (pixel centres
 * aligned); {@code (g - 0.5) * 2}. <b>Out:</b> 7 probabilities in the canonical order of {@link Expression}
 * (the model's own order, angry, disgust, fear, happy, sad, surprise, neutral, is remapped), {@link Source#MODEL}.
 *
 * <p>Thread-safe: the model is shared and each thread reuses its own direct input buffer.
 */
public final class MiniXceptionClassifier extends OnnxExpressionClassifier {
    /** The id reported with each face's expressions. */
    public static final String MODEL_ID = "mini-xception-fer2013@human-3.3.6";
    /** Side of the model's square grey input. */
    public static final int SIZE = 64;
    /** The crop's side over the face box's larger side. */
    public static final double CROP_SCALE = 1.1;

    static final String INPUT = "input";
    static final String OUTPUT = "probabilities";
    static final String RESOURCE = "/models/mini-xception/emotion.onnx";
    /** The model's labels, as its {@code affect.labels} metadata must state them. */
    static final String MODEL_LABELS = "angry,disgust,fear,happy,sad,surprise,neutral";
    /** Model output index → canonical expression. */
    static final Expression[] MODEL_ORDER = {
            Expression.ANGER, Expression.DISGUST, Expression.FEAR, Expression.HAPPINESS,
            Expression.SADNESS, Expression.SURPRISE, Expression.NEUTRAL};
    static final ModelContract CONTRACT = ModelContract.builder()
            .input(INPUT, ElementType.FLOAT, -1, SIZE, SIZE, 1)
            .output(OUTPUT, ElementType.FLOAT, -1, MODEL_ORDER.length)
            .build();

    private MiniXceptionClassifier(OnnxModel model) {
        super(model, MODEL_ID, INPUT, OUTPUT, MODEL_ORDER, MiniXceptionClassifier::fillCrop, SIZE, SIZE, 1);
    }

    /**
     * Loads the model and checks its contract and its label order.
     *
     * @param modelFileOrNull an ONNX file with the same contract, or null for the shipped model from the classpath
     * @param device          where to run
     * @throws ModelLoadException when the file is missing, broken or does not match
     */
    public static MiniXceptionClassifier load(Path modelFileOrNull, ExecutionDevice device) {
        MiniXceptionClassifier classifier = new MiniXceptionClassifier(
                loadChecked(modelFileOrNull, RESOURCE, CONTRACT, MODEL_LABELS, device));
        classifier.warmUp();
        return classifier;
    }

    /** Expressions of the face in the box {@code (boxX, boxY, boxW, boxH)}, in {@code frame}'s pixels. */
    public Expressions classify(BufferedImage frame, double boxX, double boxY, double boxW, double boxH) {
        return classifyBatch(frame, List.of(new Box(boxX, boxY, boxW, boxH))).get(0);
    }

    /**
     * Writes the model input of one face, 64 x 64 values in {@code [-1, 1]}, row-major, at {@code offset}.
     * Grey is linear in R, G and B, so it is taken per source pixel and then interpolated.
     */
    static void fillCrop(BufferedImage frame, Box box, FloatBuffer out, int offset) {
        fillCrop(RgbFrame.of(frame), box, out, offset);
    }

    private static void fillCrop(RgbFrame pixels, Box box, FloatBuffer out, int offset) {
        double side = CROP_SCALE * Math.max(box.width(), box.height());
        double left = box.x() + box.width() / 2 - side / 2;
        double top = box.y() + box.height() / 2 - side / 2;
        double step = side / SIZE;
        for (int r = 0; r < SIZE; r++) {
            double sy = top + (r + 0.5) * step - 0.5;
            int y0 = (int) Math.floor(sy);
            double fy = sy - y0;
            for (int c = 0; c < SIZE; c++) {
                double sx = left + (c + 0.5) * step - 0.5;
                int x0 = (int) Math.floor(sx);
                double fx = sx - x0;
                double g = (1 - fy) * ((1 - fx) * grey(pixels, x0, y0) + fx * grey(pixels, x0 + 1, y0))
                        + fy * ((1 - fx) * grey(pixels, x0, y0 + 1) + fx * grey(pixels, x0 + 1, y0 + 1));
                out.put(offset + r * SIZE + c, (float) ((g - 0.5) * 2));
            }
        }
    }

    /** Grey in [0, 1]; 0 (black) outside the frame, as TensorFlow's crop-and-resize pads. */
    private static double grey(RgbFrame pixels, int x, int y) {
        int rgb = pixels.rgb(x, y);
        return (0.2989 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF)) / 255.0;
    }
}
