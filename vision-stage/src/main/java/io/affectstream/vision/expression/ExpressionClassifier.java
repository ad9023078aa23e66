package io.affectstream.vision.expression;

import io.affectstream.vision.align.RgbFrame;
import io.affectstream.wire.Box;
import io.affectstream.wire.Expressions;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A facial expression classifier: face boxes in, 7 expression probabilities per face out, in the canonical order of
 * {@link io.affectstream.wire.Expression}. The faces of one call may come from different frames (the vision stage's
 * cross-frame micro-batches); each is still cropped from its own frame. Implementations are thread-safe and own
 * their models; {@link #close()} releases them.
 */
public interface ExpressionClassifier extends AutoCloseable {

    /** A face box in the pixels of the frame it was found in; the box may reach beyond the frame's edges. */
    record FaceBox(RgbFrame frame, Box box) {
    }

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
    default List<Expressions> classifyBatch(BufferedImage frame, List<Box> boxes) {
        if (boxes.isEmpty()) {
            return List.of();
        }
        RgbFrame pixels = RgbFrame.of(frame);
        List<FaceBox> faces = new ArrayList<>(boxes.size());
        for (Box box : boxes) {
            faces.add(new FaceBox(pixels, box));
        }
        return classify(faces);
    }

    /**
     * Expressions of each face, in order, from one model run per model whichever frames the faces come from.
     *
     * @return one result per face; empty for no faces
     */
    List<Expressions> classify(List<FaceBox> faces);

    @Override
    void close();
}
