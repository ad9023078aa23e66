package io.affectstream.vision.sequence;

import io.affectstream.inference.ElementType;
import io.affectstream.inference.ExecutionDevice;
import io.affectstream.inference.FloatTensorInput;
import io.affectstream.inference.ModelContract;
import io.affectstream.inference.ModelLoadException;
import io.affectstream.inference.OnnxModel;
import io.affectstream.inference.SequenceModelContract;
import io.affectstream.inference.TensorOutput;
import io.affectstream.vision.align.FaceAligner;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A user's trained visual CNN-GRU (the face stream of A/V-MT-VGG-GRU with its heads, affect-spec §3), run one
 * frame at a time per face track, with the track's recurrent state carried between frames. The ONNX contract:
 *
 * <pre>
 * in   crops              float [N, 3, 96, 96]  aligned face crops, RGB, NCHW, values in [-1, 1] (affect-spec §2)
 *      h0                 float [L, N, H]       recurrent state per track; L, H fixed by the model; zeros for a new track
 * out  valence_arousal    float [N, 2]          valence, arousal (clamped to [-1, 1])
 *      expression_logits  float [N, 7]          in the order of metadata affect.expressions
 *      au_logits          float [N, K]          optional; metadata affect.aus lists the K AU numbers
 *      hN                 float [L, N, H]       the state after this frame, fed back as h0 with the track's next frame
 * </pre>
 *
 * One call runs the faces of many tracks as one batch; a track must appear at most once per call (its frames
 * are a sequence). Thread-safe: the session is shared and each thread has its own reusable input tensors.
 */
public final class VisionSequenceModel implements AutoCloseable {
    // The crops are the aligner's: its side and layout are the contract's.
    private static final int SIZE = FaceAligner.SIZE;
    private static final int CROP_VALUES = FaceAligner.FLOATS_PER_FACE;
    public static final String CROPS = "crops";
    static final ModelContract CONTRACT = SequenceModelContract.withCommonParts(ModelContract.builder()
            .input(CROPS, ElementType.FLOAT, -1, 3, SIZE, SIZE)).build();

    private final OnnxModel model;
    private final SequenceModelContract labels;
    private final String modelId;
    private final ThreadLocal<Batch> batches;

    private VisionSequenceModel(OnnxModel model, SequenceModelContract labels) {
        this.model = model;
        this.labels = labels;
        String version = model.customMetadata().getOrDefault("affect.model.id", model.graphName());
        this.modelId = "cnn-gru:" + (version == null || version.isBlank() ? model.path().getFileName() : version);
        this.batches = ThreadLocal.withInitial(Batch::new);
    }

    /**
     * Loads and checks a model file.
     *
     * @throws ModelLoadException naming the file and what it expected, when it is missing, broken or does not match
     */
    public static VisionSequenceModel load(Path file, ExecutionDevice device) {
        OnnxModel model = OnnxModel.load(file, CONTRACT, device);
        try {
            return new VisionSequenceModel(model, SequenceModelContract.read(model));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The id reported with the values this model produced: {@code cnn-gru:} + metadata {@code affect.model.id}, the graph name or the file name. */
    public String modelId() {
        return modelId;
    }

    public String provider() {
        return model.provider();
    }

    /** State size, label sets. */
    public SequenceModelContract contract() {
        return labels;
    }

    /** A new track's state: zeros. */
    public float[] initialState() {
        return new float[labels.stateSize()];
    }

    /** This thread's batch, emptied and sized for {@code n} faces: fill each face's crop and state, then {@link Batch#run()}. */
    public Batch batch(int n) {
        return batches.get().prepare(n);
    }

    /** The model's outputs for one face of a batch. */
    public record Output(float[] state, double valence, double arousal, double[] expressions, double[] auProbabilities) {
    }

    /** Reusable inputs of one thread. */
    public final class Batch {
        private FloatTensorInput crops;
        private FloatTensorInput h0;
        private int n;

        private Batch() {
            grow(4);
        }

        private void grow(int faces) {
            crops = FloatTensorInput.withCapacity(faces * CROP_VALUES, faces, 3, SIZE, SIZE);
            h0 = FloatTensorInput.withCapacity(faces * labels.stateSize(), labels.layers(), faces, labels.hiddenSize());
        }

        private Batch prepare(int faces) {
            if (faces < 1) {
                throw new IllegalArgumentException("a batch needs at least one face, got " + faces);
            }
            if (crops.capacity() < faces * CROP_VALUES) {
                grow(Math.max(faces, 2 * crops.capacity() / CROP_VALUES));
            }
            n = faces;
            crops.reshape(faces, 3, SIZE, SIZE);
            h0.reshape(labels.layers(), faces, labels.hiddenSize());
            return this;
        }

        /** The crops tensor: face {@code i}'s crop ({@link FaceAligner#align}) starts at {@code i * FaceAligner.FLOATS_PER_FACE}. */
        public FloatBuffer crops() {
            return crops.buffer();
        }

        /** Sets face {@code i}'s recurrent state ({@code L * H} values, layer-major). */
        public Batch state(int i, float[] state) {
            if (state.length != labels.stateSize()) {
                throw new IllegalArgumentException("state of " + state.length + " values for a model whose state has "
                        + labels.stateSize() + " (L=" + labels.layers() + ", H=" + labels.hiddenSize() + ")");
            }
            FloatBuffer b = h0.buffer();
            int h = labels.hiddenSize();
            for (int l = 0; l < labels.layers(); l++) {
                b.put((l * n + i) * h, state, l * h, h);
            }
            return this;
        }

        /** Runs the batch; outputs in face order. */
        public List<Output> run() {
            Map<String, TensorOutput> out = model.run(Map.of(CROPS, crops, SequenceModelContract.STATE_IN, h0));
            float[] va = out.get(SequenceModelContract.VALENCE_AROUSAL).data();
            float[] logits = out.get(SequenceModelContract.EXPRESSION_LOGITS).data();
            float[] next = out.get(SequenceModelContract.STATE_OUT).data();
            TensorOutput auOut = out.get(SequenceModelContract.AU_LOGITS);
            int h = labels.hiddenSize();
            if (next.length != labels.layers() * n * h) {
                throw new IllegalStateException("model " + model.path() + " returned " + next.length + " state values"
                        + " for " + n + " faces, expected " + labels.layers() * n * h);
            }
            int k = labels.actionUnits().size();
            List<Output> result = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                float[] state = new float[labels.stateSize()];
                for (int l = 0; l < labels.layers(); l++) {
                    System.arraycopy(next, (l * n + i) * h, state, l * h, h);
                }
                double[] aus = new double[k];
                for (int j = 0; j < k; j++) {
                    aus[j] = 1 / (1 + Math.exp(-auOut.data()[i * k + j]));
                }
                result.add(new Output(state, clamp(va[2 * i]), clamp(va[2 * i + 1]),
                        labels.canonicalProbabilities(logits, i * logits.length / n), aus));
            }
            return result;
        }
    }

    private static double clamp(float v) {
        return Math.max(-1, Math.min(1, v));
    }

    @Override
    public void close() {
        model.close();
    }
}
