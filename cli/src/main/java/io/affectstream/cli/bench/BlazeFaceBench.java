package io.affectstream.cli.bench;

import io.affectstream.vision.detect.BlazeFaceDetector;
import io.affectstream.vision.detect.Detection;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * BlazeFace as the vision stage calls it, one frame per call (the model's input is fixed at batch 1): letterbox,
 * inference, anchor decoding and weighted NMS, on the clip's frames in turn. Closing it leaves the detector open.
 */
final class BlazeFaceBench implements ModelBench {
    private final BlazeFaceDetector detector;
    private final List<BufferedImage> frames;
    private int next;

    BlazeFaceBench(BlazeFaceDetector detector, List<BufferedImage> frames) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("BlazeFace needs at least one frame to run on");
        }
        this.detector = detector;
        this.frames = frames;
    }

    @Override
    public String name() {
        return detector.variant().modelId();
    }

    @Override
    public String unit() {
        return "frames";
    }

    @Override
    public int maxBatch() {
        return 1;
    }

    @Override
    public String provider() {
        return detector.provider();
    }

    @Override
    public double itemsPerFrame() {
        return 1;
    }

    @Override
    public List<Detection> run(int batch) {
        if (batch != 1) {
            throw new IllegalArgumentException("BlazeFace's input is fixed at batch 1, not " + batch);
        }
        BufferedImage frame = frames.get(next);
        next = (next + 1) % frames.size();
        return detector.detect(frame);
    }

    /** The detector belongs to the caller, who uses it after the figure too. */
    @Override
    public void close() {
    }
}
