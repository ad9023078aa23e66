package io.affectstream.cli.bench;

import io.affectstream.vision.detect.Detection;
import io.affectstream.wire.Box;

import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.List;

/**
 * A model that takes the faces of a frame in one call: the expression nets' {@code classifyBatch(frame, boxes)}
 * plug in with one line, e.g. {@code new FaceModelBench(net.modelId(), FaceModelBench.byBoxes(net::classifyBatch),
 * net.provider(), net, faces, 32)}; a model that needs more of the detection (FaceMesh's region is levelled on the
 * eye keypoints) takes the detections themselves.
 * A batch of N is the same face N times in one call: the cost does not depend on which faces they are.
 */
public final class FaceModelBench implements ModelBench {

    /** A per-frame method on face boxes. */
    @FunctionalInterface
    public interface BatchClassifier {
        List<?> classifyBatch(BufferedImage frame, List<Box> boxes);
    }

    /** The model's per-frame method, on the detector's faces. */
    @FunctionalInterface
    public interface BatchModel {
        List<?> run(BufferedImage frame, List<Detection> faces);
    }

    /** A box model as a {@link BatchModel}. */
    public static BatchModel byBoxes(BatchClassifier classifier) {
        return (frame, faces) -> classifier.classifyBatch(frame, faces.stream().map(FaceModelBench::boxOf).toList());
    }

    /**
     * The faces to feed, and how many a frame of the clip has on average.
     *
     * @param faces         (frame, box) pairs; boxes in the frame's pixels
     * @param facesPerFrame faces found per frame of the sample
     */
    public record Faces(List<Face> faces, double facesPerFrame) {
        public Faces {
            if (faces.isEmpty()) {
                throw new IllegalArgumentException("a face model needs at least one face to run on");
            }
            faces = List.copyOf(faces);
        }
    }

    /** One face: the frame it is in and the detector's result. */
    public record Face(BufferedImage frame, Detection detection) {
        /** The detection's box. */
        public Box box() {
            return boxOf(detection);
        }
    }

    /** A detection's box. */
    static Box boxOf(Detection d) {
        return new Box(d.x(), d.y(), d.width(), d.height());
    }

    private final String name;
    private final BatchModel model;
    private final String provider;
    private final AutoCloseable owner;
    private final Faces faces;
    private final int maxBatch;
    private int next;

    /**
     * @param owner    closed with this bench (the model), or null
     * @param maxBatch the largest batch to try
     */
    public FaceModelBench(String name, BatchModel model, String provider, AutoCloseable owner, Faces faces,
                          int maxBatch) {
        this.name = name;
        this.model = model;
        this.provider = provider;
        this.owner = owner;
        this.faces = faces;
        this.maxBatch = maxBatch;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String unit() {
        return "faces";
    }

    @Override
    public int maxBatch() {
        return maxBatch;
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public double itemsPerFrame() {
        return faces.facesPerFrame();
    }

    @Override
    public List<?> run(int batch) {
        Face face = faces.faces().get(next);
        next = (next + 1) % faces.faces().size();
        List<?> out = model.run(face.frame(), Collections.nCopies(batch, face.detection()));
        if (out.size() != batch) {
            throw new IllegalStateException(name + " returned " + out.size() + " results for " + batch + " faces");
        }
        return out;
    }

    @Override
    public void close() {
        if (owner != null) {
            try {
                owner.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + name + ": " + e.getMessage(), e);
            }
        }
    }
}
