package io.affectstream.vision.landmarks;

import io.affectstream.inference.ElementType;
import io.affectstream.inference.ExecutionDevice;
import io.affectstream.inference.FloatTensorInput;
import io.affectstream.inference.ModelContract;
import io.affectstream.inference.ModelLoadException;
import io.affectstream.inference.OnnxModel;
import io.affectstream.inference.ShippedModels;
import io.affectstream.inference.TensorOutput;
import io.affectstream.vision.align.RgbFrame;
import io.affectstream.vision.align.Similarity;
import io.affectstream.vision.detect.Detection;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * 468 facial landmarks per face from MediaPipe FaceMesh (Apache-2.0), as shipped in TF.js form by the human
 * library 3.3.6 and converted to ONNX by this project's {@code affect-tfjs-converter} ({@code models/MANIFEST.md}).
 *
 * <p><b>In:</b> a frame and one {@link FaceRegion} per face, usually {@link #region(Detection)}: a square of
 * {@value #CROP_SCALE} x the detector's box, turned so that the eyes are level (MediaPipe's own face landmark
 * graph crops the same way). Each region is resampled to 192 x 192 RGB in [0, 1] ({@link RgbFrame}: bilinear,
 * black beyond the frame). All faces of a call go through the model in one batch.
 * <b>Out:</b> per face, the 468 points mapped back to frame pixels (z in the same pixel scale) and the model's
 * face flag ({@link FaceLandmarks}).
 *
 * <p>Thread-safe: the model is shared and each thread reuses its own direct input buffer.
 */
public final class FaceMeshLandmarker implements AutoCloseable {
    /** The id reported with landmark-derived outputs. */
    public static final String MODEL_ID = "mediapipe-facemesh@human-3.3.6";
    /** Side of the model's square input. */
    public static final int SIZE = 192;
    /**
     * The crop's side over the detector box's larger side: MediaPipe's face landmark graph enlarges the detection
     * by 1.5 (human uses 1.4); 1.5 also keeps the whole chin and brows inside for open mouths and tilted heads.
     */
    public static final double CROP_SCALE = 1.5;

    static final String INPUT = "input";
    static final String LANDMARKS = "landmarks";
    static final String FACE_FLAG = "face_flag";
    static final String RESOURCE = "/models/facemesh/facemesh.onnx";
    static final ModelContract CONTRACT = ModelContract.builder()
            .input(INPUT, ElementType.FLOAT, -1, SIZE, SIZE, 3)
            .output(LANDMARKS, ElementType.FLOAT, -1, 3 * FaceLandmarks.COUNT)
            .output(FACE_FLAG, ElementType.FLOAT, -1, 1)
            .build();

    private static final int FLOATS = SIZE * SIZE * 3;
    private static final int WARM_UP_RUNS = 20;

    private final OnnxModel model;
    // One reusable direct input buffer per processing thread, grown when a frame has more faces than before.
    private final ThreadLocal<FloatTensorInput[]> inputs = ThreadLocal.withInitial(() -> new FloatTensorInput[1]);

    private FaceMeshLandmarker(OnnxModel model) {
        this.model = model;
    }

    /**
     * Loads the model and checks its contract (input {@code input} float {@code [N,192,192,3]}; outputs
     * {@code landmarks} float {@code [N,1404]} and {@code face_flag} float {@code [N,1]}).
     *
     * @param modelFileOrNull an ONNX file with that contract, or null for the shipped model from the classpath
     * @param device          where to run
     * @throws ModelLoadException when the file is missing, broken or does not match, naming the file and the contract
     */
    public static FaceMeshLandmarker load(Path modelFileOrNull, ExecutionDevice device) {
        OnnxModel model = modelFileOrNull != null ? OnnxModel.load(modelFileOrNull, CONTRACT, device, 1)
                : ShippedModels.load(RESOURCE, f -> OnnxModel.load(f, CONTRACT, device, 1));
        FaceMeshLandmarker landmarker = new FaceMeshLandmarker(model);
        // Pay start-up costs before the first face: ONNX Runtime sizes its arenas on the first runs, and the JIT
        // compiles the resampling loop only after it has run hot for a while.
        RgbFrame blank = RgbFrame.of(new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR));
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            landmarker.landmarks(blank, List.of(new FaceRegion(320, 240, 200, 0.1)));
        }
        return landmarker;
    }

    public String modelId() {
        return MODEL_ID;
    }

    /** The execution provider the model runs on. */
    public String provider() {
        return model.provider();
    }

    /** The region FaceMesh should look at for a BlazeFace detection: {@link FaceRegion#of} at {@link #CROP_SCALE}. */
    public static FaceRegion region(Detection detection) {
        return FaceRegion.of(detection, CROP_SCALE);
    }

    /** Landmarks of each face, in the order of {@code regions}, from one model run. */
    public List<FaceLandmarks> landmarks(BufferedImage frame, List<FaceRegion> regions) {
        return regions.isEmpty() ? List.of() : landmarks(RgbFrame.of(frame), regions);
    }

    /** As {@link #landmarks(BufferedImage, List)}, on a frame already wrapped for resampling. */
    public List<FaceLandmarks> landmarks(RgbFrame frame, List<FaceRegion> regions) {
        return landmarks(Collections.nCopies(regions.size(), frame), regions);
    }

    /**
     * Landmarks of each face, from one model run, where face {@code i} is {@code regions.get(i)} in
     * {@code frames.get(i)}: the faces of several frames in one batch (points in each face's own frame pixels).
     */
    public List<FaceLandmarks> landmarks(List<RgbFrame> frames, List<FaceRegion> regions) {
        int n = regions.size();
        if (frames.size() != n) {
            throw new IllegalArgumentException(n + " face regions need " + n + " frames, got " + frames.size());
        }
        if (n == 0) {
            return List.of();
        }
        FloatTensorInput input = input(n);
        Similarity[] toFrame = new Similarity[n];
        for (int i = 0; i < n; i++) {
            toFrame[i] = regions.get(i).cropToFrame(SIZE);
            frames.get(i).warp(toFrame[i], SIZE, RgbFrame.Layout.HWC, 1 / 255.0, 0, input.buffer(), i * FLOATS);
        }
        Map<String, TensorOutput> out = model.run(Map.of(INPUT, input));
        float[] mesh = out.get(LANDMARKS).data();
        float[] flag = out.get(FACE_FLAG).data();
        List<FaceLandmarks> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add(new FaceLandmarks(toFramePixels(mesh, i * 3 * FaceLandmarks.COUNT, toFrame[i]), flag[i],
                    regions.get(i)));
        }
        return result;
    }

    /** One face's model output (crop pixels) in frame pixels; z takes the crop's scale too. */
    static double[] toFramePixels(float[] mesh, int offset, Similarity cropToFrame) {
        double[] points = new double[3 * FaceLandmarks.COUNT];
        double scale = cropToFrame.scale();
        for (int p = 0; p < FaceLandmarks.COUNT; p++) {
            double x = mesh[offset + 3 * p], y = mesh[offset + 3 * p + 1];
            points[3 * p] = cropToFrame.x(x, y);
            points[3 * p + 1] = cropToFrame.y(x, y);
            points[3 * p + 2] = mesh[offset + 3 * p + 2] * scale;
        }
        return points;
    }

    private FloatTensorInput input(int n) {
        FloatTensorInput[] holder = inputs.get();
        FloatTensorInput input = holder[0];
        if (input == null || input.capacity() < n * FLOATS) {
            int faces = Math.max(n, input == null ? 2 : 2 * input.capacity() / FLOATS);
            input = FloatTensorInput.withCapacity(faces * FLOATS, n, SIZE, SIZE, 3);
            holder[0] = input;
        }
        return input.reshape(n, SIZE, SIZE, 3);
    }

    @Override
    public void close() {
        model.close();
    }
}
