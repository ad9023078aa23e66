package io.affectstream.cli.bench;

/**
 * One model's bare inference, as {@code bench} times it: a call on a batch of items taken from the clip (frames,
 * face crops, audio windows), nothing else. To add a model, implement this (or use {@link FaceModelBench} for a
 * {@code classifyBatch}-style model over face boxes) and add it to {@link BenchCommand#modelBenches}.
 */
public interface ModelBench extends AutoCloseable {

    /** The model's id, as the stages report it. */
    String name();

    /** What one item is, plural: {@code frames}, {@code faces}, {@code chunks}. */
    String unit();

    /** The largest batch one call takes: 1 for a model with a fixed batch-1 input. */
    int maxBatch();

    /** The ONNX Runtime execution provider the model runs on. */
    String provider();

    /** How many of this model's items one video frame of the clip needs (faces per frame, audio chunks per frame). */
    double itemsPerFrame();

    /** One call on {@code batch} items (1 ≤ batch ≤ {@link #maxBatch()}); the result is kept from the optimiser. */
    Object run(int batch);

    @Override
    void close();
}
