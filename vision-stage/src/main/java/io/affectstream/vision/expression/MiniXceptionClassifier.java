package io.affectstream.vision.expression;

import io.affectstream.inference.ElementType;
import io.affectstream.inference.ExecutionDevice;
import io.affectstream.inference.FloatTensorInput;
import io.affectstream.inference.ModelContract;
import io.affectstream.inference.ModelLoadException;
import io.affectstream.inference.OnnxModel;
import io.affectstream.inference.ShippedModels;
import io.affectstream.inference.TensorOutput;
import io.affectstream.wire.Box;
import io.affectstream.wire.Expression;
import io.affectstream.wire.Expressions;
import io.affectstream.wire.Source;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
public final class MiniXceptionClassifier implements ExpressionClassifier {
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

    private static final int PIXELS = SIZE * SIZE;

    private final OnnxModel model;
    // One reusable direct input buffer per processing thread, grown when a frame has more faces than before.
    private final ThreadLocal<FloatTensorInput[]> inputs = ThreadLocal.withInitial(() -> new FloatTensorInput[1]);

    private MiniXceptionClassifier(OnnxModel model) {
        this.model = model;
    }

    /**
     * Loads the model and checks its contract and its label order.
     *
     * @param modelFileOrNull an ONNX file with the same contract, or null for the shipped model from the classpath
     * @param device          where to run
     * @throws ModelLoadException when the file is missing, broken or does not match
     */
    public static MiniXceptionClassifier load(Path modelFileOrNull, ExecutionDevice device) {
        OnnxModel model = modelFileOrNull != null ? OnnxModel.load(modelFileOrNull, CONTRACT, device, 1)
                : ShippedModels.load(RESOURCE, f -> OnnxModel.load(f, CONTRACT, device, 1));
        String labels = model.customMetadata().get("affect.labels");
        if (labels != null && !labels.equals(MODEL_LABELS)) {
            model.close();
            throw new ModelLoadException(model.path(), "its affect.labels metadata says '" + labels
                    + "' but this classifier maps the outputs as '" + MODEL_LABELS + "'");
        }
        MiniXceptionClassifier classifier = new MiniXceptionClassifier(model);
        // Pay start-up costs before the first face rather than on it: ONNX Runtime sizes its memory arenas on
        // the first runs, and the JIT compiles the crop-and-resize loop only after it has run hot for a while.
        BufferedImage blank = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
        for (int i = 0; i < 25; i++) {
            classifier.classify(blank, 200, 100, 160, 160);
        }
        return classifier;
    }

    public String modelId() {
        return MODEL_ID;
    }

    /** The execution provider the model runs on. */
    public String provider() {
        return model.provider();
    }

    /** Expressions of the face in the box {@code (boxX, boxY, boxW, boxH)}, in {@code frame}'s pixels. */
    public Expressions classify(BufferedImage frame, double boxX, double boxY, double boxW, double boxH) {
        return classifyBatch(frame, List.of(new Box(boxX, boxY, boxW, boxH))).get(0);
    }

    /** Expressions of each face, in the order of {@code boxes}, from one model run. */
    public List<Expressions> classifyBatch(BufferedImage frame, List<Box> boxes) {
        int n = boxes.size();
        if (n == 0) {
            return List.of();
        }
        FloatTensorInput input = input(n);
        FloatBuffer buffer = input.buffer();
        for (int i = 0; i < n; i++) {
            fillCrop(frame, boxes.get(i), buffer, i * PIXELS);
        }
        TensorOutput out = model.run(Map.of(INPUT, input)).get(OUTPUT);
        List<Expressions> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add(Expressions.of(toCanonical(out.data(), i * MODEL_ORDER.length), Source.MODEL));
        }
        return result;
    }

    private FloatTensorInput input(int n) {
        FloatTensorInput[] holder = inputs.get();
        FloatTensorInput input = holder[0];
        if (input == null || input.capacity() < n * PIXELS) {
            int faces = Math.max(n, input == null ? 4 : 2 * input.capacity() / PIXELS);
            input = FloatTensorInput.withCapacity(faces * PIXELS, n, SIZE, SIZE, 1);
            holder[0] = input;
        }
        return input.reshape(n, SIZE, SIZE, 1);
    }

    /** The model's 7 probabilities starting at {@code offset}, in canonical {@link Expression} order. */
    static double[] toCanonical(float[] modelOutput, int offset) {
        double[] vector = new double[MODEL_ORDER.length];
        for (int k = 0; k < MODEL_ORDER.length; k++) {
            vector[MODEL_ORDER[k].ordinal()] = modelOutput[offset + k];
        }
        return vector;
    }

    /**
     * Writes the model input of one face, 64 x 64 values in {@code [-1, 1]}, row-major, at {@code offset}.
     * Grey is linear in R, G and B, so it is taken per source pixel and then interpolated.
     */
    static void fillCrop(BufferedImage frame, Box box, FloatBuffer out, int offset) {
        Pixels pixels = Pixels.of(frame);
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
                double g = (1 - fy) * ((1 - fx) * pixels.grey(x0, y0) + fx * pixels.grey(x0 + 1, y0))
                        + fy * ((1 - fx) * pixels.grey(x0, y0 + 1) + fx * pixels.grey(x0 + 1, y0 + 1));
                out.put(offset + r * SIZE + c, (float) ((g - 0.5) * 2));
            }
        }
    }

    /** Grey in [0, 1] per pixel; 0 (black) outside the frame, as TensorFlow's crop-and-resize pads. */
    private abstract static class Pixels {
        final int width;
        final int height;

        Pixels(int width, int height) {
            this.width = width;
            this.height = height;
        }

        static Pixels of(BufferedImage image) {
            Raster raster = image.getRaster();
            if (raster.getDataBuffer() instanceof DataBufferByte bytes
                    && raster.getSampleModel() instanceof PixelInterleavedSampleModel sm
                    && sm.getNumBands() >= 3 && image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
                return new InterleavedBgr(image, bytes, sm, raster);
            }
            return new Generic(image);
        }

        final double grey(int x, int y) {
            return x < 0 || y < 0 || x >= width || y >= height ? 0 : greyInside(x, y);
        }

        abstract double greyInside(int x, int y);

        static double grey(int r, int g, int b) {
            return (0.2989 * r + 0.587 * g + 0.114 * b) / 255.0;
        }
    }

    /** The frames' usual layout: read the bytes directly. */
    private static final class InterleavedBgr extends Pixels {
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
            base = bytes.getOffset() - raster.getSampleModelTranslateY() * scanline
                    - raster.getSampleModelTranslateX() * pixelStride;
            int[] bands = sm.getBandOffsets(); // bands in RGB order for TYPE_3BYTE_BGR
            red = bands[0];
            green = bands[1];
            blue = bands[2];
        }

        @Override
        double greyInside(int x, int y) {
            int i = base + y * scanline + x * pixelStride;
            return grey(data[i + red] & 0xFF, data[i + green] & 0xFF, data[i + blue] & 0xFF);
        }
    }

    private static final class Generic extends Pixels {
        private final BufferedImage image;

        Generic(BufferedImage image) {
            super(image.getWidth(), image.getHeight());
            this.image = image;
        }

        @Override
        double greyInside(int x, int y) {
            int rgb = image.getRGB(x, y);
            return grey((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
