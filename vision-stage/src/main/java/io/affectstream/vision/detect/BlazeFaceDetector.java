package io.affectstream.vision.detect;

import io.affectstream.inference.ElementType;
import io.affectstream.inference.ExecutionDevice;
import io.affectstream.inference.FloatTensorInput;
import io.affectstream.inference.ModelContract;
import io.affectstream.inference.OnnxModel;
import io.affectstream.inference.ShippedModels;
import io.affectstream.inference.TensorOutput;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MediaPipe BlazeFace (Apache-2.0) through ONNX Runtime: letterbox the frame to the model's square input, run
 * it, decode the 896 anchors, keep scores above the threshold, merge overlaps with weighted NMS, and map boxes
 * and keypoints back to the frame's pixels. Thread-safe: each call has its own input tensor.
 */
public final class BlazeFaceDetector implements AutoCloseable {
    /** The two shipped variants: front (near faces, 128 px input) and back (small or far faces, 256 px). */
    public enum Variant {
        FRONT(128, "face_detection_front_128x128_barracuda.onnx"),
        BACK(256, "face_detection_back_256x256_barracuda.onnx");

        final int size;
        final String file;

        Variant(int size, String file) {
            this.size = size;
            this.file = file;
        }

        /** The id reported with each face, e.g. {@code blazeface-back-256@keijiro-1.2.0}. */
        public String modelId() {
            return "blazeface-" + name().toLowerCase(Locale.ROOT) + "-" + size + "@keijiro-1.2.0";
        }

        public static Variant parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown face detector '" + name + "'; expected front or back", e);
            }
        }
    }

    static final double NMS_IOU = 0.3;
    private static final int WARM_UP_RUNS = 25;

    private final Variant variant;
    private final OnnxModel model;
    // sigmoid is monotonic: compare raw logits with the threshold's logit, and take exp only for candidates
    private final double logitThreshold;
    // One reusable direct input buffer per processing thread: no 200-800 kB allocation per frame.
    private final ThreadLocal<FloatTensorInput> inputs;

    private BlazeFaceDetector(Variant variant, OnnxModel model, double threshold) {
        this.variant = variant;
        this.model = model;
        this.logitThreshold = Math.log(threshold / (1 - threshold));
        this.inputs = ThreadLocal.withInitial(() -> FloatTensorInput.allocate(1, variant.size, variant.size, 3));
    }

    /**
     * Loads a shipped variant from the classpath (or {@code modelFile} when given).
     *
     * @param threshold minimum detection score in [0, 1] (MediaPipe uses 0.5-0.75)
     */
    public static BlazeFaceDetector load(Variant variant, Path modelFile, double threshold, ExecutionDevice device) {
        int s = variant.size;
        ModelContract contract = ModelContract.builder()
                .input("input:0", ElementType.FLOAT, 1, s, s, 3)
                .output("Identity:0", ElementType.FLOAT, 1, BlazeFaceAnchors.FIRST_LAYER, 1)
                .output("Identity_1:0", ElementType.FLOAT, 1, BlazeFaceAnchors.SECOND_LAYER, 1)
                .output("Identity_2:0", ElementType.FLOAT, 1, BlazeFaceAnchors.FIRST_LAYER, 16)
                .output("Identity_3:0", ElementType.FLOAT, 1, BlazeFaceAnchors.SECOND_LAYER, 16)
                .build();
        OnnxModel model = modelFile != null ? OnnxModel.load(modelFile, contract, device, 1)
                : ShippedModels.load("/models/blazeface/" + variant.file, f -> OnnxModel.load(f, contract, device, 1));
        BlazeFaceDetector detector = new BlazeFaceDetector(variant, model, threshold);
        // Pay start-up costs before the first frame rather than on it: ONNX Runtime sizes its memory arenas on
        // the first runs, and the JIT compiles the letterbox loop only after it has run hot for a while.
        BufferedImage blank = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            detector.detect(blank);
        }
        return detector;
    }

    public Variant variant() {
        return variant;
    }

    /** The execution provider the model runs on. */
    public String provider() {
        return model.provider();
    }

    /** Faces in {@code image}, best first, in the image's pixels. */
    public List<Detection> detect(BufferedImage image) {
        int s = variant.size;
        Letterbox box = Letterbox.of(image.getWidth(), image.getHeight(), s);
        FloatTensorInput input = inputs.get();
        box.fill(image, input.buffer());
        Map<String, TensorOutput> out = model.run(Map.of("input:0", input));
        List<Detection> candidates = new ArrayList<>();
        decode(out.get("Identity:0").data(), out.get("Identity_2:0").data(), 0, candidates);
        decode(out.get("Identity_1:0").data(), out.get("Identity_3:0").data(), BlazeFaceAnchors.FIRST_LAYER, candidates);
        List<Detection> merged = WeightedNms.apply(candidates, NMS_IOU);
        List<Detection> result = new ArrayList<>(merged.size());
        for (Detection d : merged) {
            result.add(toImage(d, s, box.padX(), box.padY(), box.scale()));
        }
        return result;
    }

    private void decode(float[] logits, float[] regressors, int anchorOffset, List<Detection> out) {
        int s = variant.size;
        for (int i = 0; i < logits.length; i++) {
            if (logits[i] < logitThreshold) {
                continue;
            }
            double score = 1 / (1 + Math.exp(-logits[i]));
            int a = anchorOffset + i;
            double ax = BlazeFaceAnchors.CENTRES[2 * a];
            double ay = BlazeFaceAnchors.CENTRES[2 * a + 1];
            int r = i * 16;
            double cx = ax + regressors[r] / s;
            double cy = ay + regressors[r + 1] / s;
            double w = regressors[r + 2] / s;
            double h = regressors[r + 3] / s;
            double[] keypoints = new double[12];
            for (int k = 0; k < 6; k++) {
                keypoints[2 * k] = ax + regressors[r + 4 + 2 * k] / s;
                keypoints[2 * k + 1] = ay + regressors[r + 5 + 2 * k] / s;
            }
            out.add(new Detection(cx - w / 2, cy - h / 2, w, h, score, keypoints));
        }
    }

    // Unit-square letterbox coordinates → image pixels.
    private static Detection toImage(Detection d, int s, int padX, int padY, double scale) {
        double[] k = d.keypoints();
        for (int i = 0; i < k.length; i += 2) {
            k[i] = (k[i] * s - padX) / scale;
            k[i + 1] = (k[i + 1] * s - padY) / scale;
        }
        return new Detection((d.x() * s - padX) / scale, (d.y() * s - padY) / scale, d.width() * s / scale,
                d.height() * s / scale, d.score(), k);
    }

    @Override
    public void close() {
        model.close();
    }
}
