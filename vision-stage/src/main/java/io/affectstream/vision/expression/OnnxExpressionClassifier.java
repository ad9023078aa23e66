package io.affectstream.vision.expression;

import io.affectstream.vision.align.RgbFrame;
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
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the single-model expression classifiers share: loading with the contract and label check, warm-up, one
 * reusable direct input buffer per thread, one batched run for all faces of a frame, and the remapping of the
 * model's class order to the canonical one. Subclasses give the model, its id and how a face is cropped into its input.
 */
abstract class OnnxExpressionClassifier implements ExpressionClassifier {
    /** Writes the model input of one face, {@code faceShape} values row-major, at {@code offset}. */
    @FunctionalInterface
    interface Crop {
        void write(RgbFrame pixels, Box box, FloatBuffer out, int offset);
    }

    private final OnnxModel model;
    private final String modelId;
    private final Crop crop;
    private final String input;
    private final String output;
    private final Expression[] modelOrder;
    private final long[] faceShape;
    private final int faceValues;
    // One reusable direct input buffer per processing thread, grown when a frame has more faces than before.
    private final ThreadLocal<FloatTensorInput[]> inputs = ThreadLocal.withInitial(() -> new FloatTensorInput[1]);

    /**
     * @param faceShape one face's input dimensions after the batch axis, e.g. {@code 64, 64, 1}
     */
    OnnxExpressionClassifier(OnnxModel model, String modelId, String input, String output, Expression[] modelOrder,
                             Crop crop, long... faceShape) {
        this.model = model;
        this.modelId = modelId;
        this.crop = crop;
        this.input = input;
        this.output = output;
        this.modelOrder = modelOrder.clone();
        this.faceShape = faceShape.clone();
        long values = 1;
        for (long d : faceShape) {
            values *= d;
        }
        this.faceValues = Math.toIntExact(values);
    }

    /**
     * Loads {@code fileOrNull} (or, when null, the shipped {@code resource} from the classpath) against
     * {@code contract}, and checks its {@code affect.labels} metadata, when present, against {@code labels}.
     *
     * @throws ModelLoadException naming the file, and the contract or labels it failed
     */
    static OnnxModel loadChecked(Path fileOrNull, String resource, ModelContract contract, String labels,
                                 ExecutionDevice device) {
        OnnxModel model = fileOrNull != null ? OnnxModel.load(fileOrNull, contract, device, 1)
                : ShippedModels.load(resource, f -> OnnxModel.load(f, contract, device, 1));
        String declared = model.customMetadata().get("affect.labels");
        if (declared != null && !declared.equals(labels)) {
            model.close();
            throw new ModelLoadException(model.path(), "its affect.labels metadata says '" + declared
                    + "' but this classifier maps the outputs of " + contract + " as '" + labels + "'");
        }
        return model;
    }

    /**
     * Pays start-up costs before the first face rather than on it: ONNX Runtime sizes its memory arenas on the
     * first runs, and the JIT compiles the crop-and-resize loop only after it has run hot for a while.
     */
    final void warmUp() {
        BufferedImage blank = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
        List<Box> face = List.of(new Box(200, 100, 160, 160));
        for (int i = 0; i < 25; i++) {
            classifyBatch(blank, face);
        }
    }

    @Override
    public final String modelId() {
        return modelId;
    }

    @Override
    public final String provider() {
        return model.provider();
    }

    /** Expressions of each face, in order, from one model run. */
    @Override
    public final List<Expressions> classify(List<FaceBox> faces) {
        int n = faces.size();
        if (n == 0) {
            return List.of();
        }
        FloatTensorInput batch = input(n);
        FloatBuffer buffer = batch.buffer();
        for (int i = 0; i < n; i++) {
            FaceBox face = faces.get(i);
            crop.write(face.frame(), face.box(), buffer, i * faceValues);
        }
        TensorOutput out = model.run(Map.of(input, batch)).get(output);
        List<Expressions> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add(Expressions.of(toCanonical(modelOrder, out.data(), i * modelOrder.length), Source.MODEL));
        }
        return result;
    }

    private FloatTensorInput input(int n) {
        FloatTensorInput[] holder = inputs.get();
        FloatTensorInput current = holder[0];
        long[] shape = batchShape(n);
        if (current == null || current.capacity() < n * faceValues) {
            int faces = Math.max(n, current == null ? 4 : 2 * current.capacity() / faceValues);
            current = FloatTensorInput.withCapacity(faces * faceValues, shape);
            holder[0] = current;
        }
        return current.reshape(shape);
    }

    private long[] batchShape(int n) {
        long[] shape = new long[faceShape.length + 1];
        shape[0] = n;
        System.arraycopy(faceShape, 0, shape, 1, faceShape.length);
        return shape;
    }

    /** The model's probabilities starting at {@code offset}, in canonical {@link Expression} order. */
    static double[] toCanonical(Expression[] modelOrder, float[] modelOutput, int offset) {
        double[] vector = new double[modelOrder.length];
        for (int k = 0; k < modelOrder.length; k++) {
            vector[modelOrder[k].ordinal()] = modelOutput[offset + k];
        }
        return vector;
    }

    @Override
    public final void close() {
        model.close();
    }
}
