package io.affectstream.vision.expression;

import io.affectstream.wire.Box;
import io.affectstream.wire.Expressions;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A facial expression classifier: face boxes of a frame in, 7 expression probabilities per face out, in the
 * canonical order of {@link io.affectstream.wire.Expression}. Implementations are thread-safe and own their
 * models; {@link #close()} releases them.
 */
public interface ExpressionClassifier extends AutoCloseable {

    /** The id reported with each face's expressions, e.g. {@code mini-xception-fer2013@human-3.3.6}. */
    String modelId();

    /** The execution provider the model(s) run on. */
    String provider();

    /**
     * Expressions of each face, in the order of {@code boxes}.
     *
     * @param frame the whole frame
     * @param boxes face boxes in {@code frame}'s pixels (e.g. from BlazeFace); may reach beyond its edges
     * @return one result per box; empty for no boxes
     */
    List<Expressions> classifyBatch(BufferedImage frame, List<Box> boxes);

    @Override
    void close();
}
