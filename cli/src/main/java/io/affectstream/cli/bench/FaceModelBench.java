package io.affectstream.cli.bench;

import io.affectstream.wire.Box;

import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.List;

/**
 * A model that takes the faces of a frame in one call, {@code classifyBatch(frame, boxes)}: mini-Xception today;
 * an expression or landmark net with the same kind of method plugs in with one line, e.g.
 * {@code new FaceModelBench(net.modelId(), net::classifyBatch, net.provider(), net, faces, 32)}.
 * A batch of N is the same face N times in one call: the cost does not depend on which faces they are.
 */
public final class FaceModelBench implements ModelBench {

    /** The model's per-frame method. */
    @FunctionalInterface
    public interface BatchClassifier {
        List<?> classifyBatch(BufferedImage frame, List<Box> boxes);
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

    /** One face: the frame it is in and its box. */
    public record Face(BufferedImage frame, Box box) {
    }

    private final String name;
    private final BatchClassifier classifier;
    private final String provider;
    private final AutoCloseable owner;
    private final Faces faces;
    private final int maxBatch;
    private int next;

    /**
     * @param owner    closed with this bench (the model), or null
     * @param maxBatch the largest batch to try
     */
    public FaceModelBench(String name, BatchClassifier classifier, String provider, AutoCloseable owner, Faces faces,
                          int maxBatch) {
        this.name = name;
        this.classifier = classifier;
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
        List<?> out = classifier.classifyBatch(face.frame(), Collections.nCopies(batch, face.box()));
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
