package io.affectstream.vision.sequence;

import io.affectstream.inference.ElementType;
import io.affectstream.inference.SequenceModelContract;
import io.affectstream.inference.onnx.OnnxGraphWriter;
import io.affectstream.inference.onnx.OnnxGraphWriter.Attribute;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * A tiny visual CNN-GRU under the stage's contract, with random weights, written with {@link OnnxGraphWriter}:
 * crops [N, 3, 96, 96] → per-channel global mean and max, [N, 6] → a 2-layer GRU(4) whose layers start from
 * h0[0] and h0[1] → heads on the top layer's state: valence_arousal = tanh(linear) [N, 2], expression_logits [N, 7]
 * in a shuffled label order declared in the metadata, au_logits [N, 3] for AUs 1, 12, 25. It recognises nothing;
 * it proves the plumbing (state per track, label mapping, batching).
 */
final class TinyVisionGru {
    static final int HIDDEN = 4;
    static final int LAYERS = 2;
    static final int FEATURES = 6;
    /** A permutation of the canonical order, so the test sees the model's order being mapped. */
    static final String LABELS = "happiness,neutral,anger,disgust,fear,sadness,surprise";
    static final String AUS = "1,12,25";

    private TinyVisionGru() {
    }

    static OnnxGraphWriter.ModelBuilder builder(long seed) {
        Random random = new Random(seed);
        return OnnxGraphWriter.model()
                .producer("affect-stream-tests", "1")
                .graphName("tiny_vision_gru")
                .metadata(SequenceModelContract.EXPRESSIONS_KEY, LABELS)
                .metadata(SequenceModelContract.AUS_KEY, AUS)
                .input("crops", ElementType.FLOAT, "N", 3, 96, 96)
                .input("h0", ElementType.FLOAT, LAYERS, "N", HIDDEN)
                .initializer("W1", gaussian(random, 3 * HIDDEN * FEATURES, 1.0), 1, 3 * HIDDEN, FEATURES)
                .initializer("R1", gaussian(random, 3 * HIDDEN * HIDDEN, 0.5), 1, 3 * HIDDEN, HIDDEN)
                .initializer("B1", gaussian(random, 6 * HIDDEN, 0.1), 1, 6 * HIDDEN)
                .initializer("W2", gaussian(random, 3 * HIDDEN * HIDDEN, 1.0), 1, 3 * HIDDEN, HIDDEN)
                .initializer("R2", gaussian(random, 3 * HIDDEN * HIDDEN, 0.5), 1, 3 * HIDDEN, HIDDEN)
                .initializer("B2", gaussian(random, 6 * HIDDEN, 0.1), 1, 6 * HIDDEN)
                .initializer("seq", new long[] {1, -1, FEATURES}, 3)
                .initializer("flat", new long[] {-1, HIDDEN}, 2)
                .initializer("flatFeatures", new long[] {-1, 3}, 2)
                .initializer("Wva", gaussian(random, HIDDEN * 2, 1.0), HIDDEN, 2)
                .initializer("bva", gaussian(random, 2, 0.1), 2)
                .initializer("Wex", gaussian(random, HIDDEN * 7, 1.0), HIDDEN, 7)
                .initializer("bex", gaussian(random, 7, 0.1), 7)
                .initializer("Wau", gaussian(random, HIDDEN * 3, 1.0), HIDDEN, 3)
                .initializer("bau", gaussian(random, 3, 0.1), 3)
                .node("GlobalAveragePool", List.of("crops"), List.of("mean4"))
                .node("GlobalMaxPool", List.of("crops"), List.of("max4"))
                .node("Reshape", List.of("mean4", "flatFeatures"), List.of("mean"))
                .node("Reshape", List.of("max4", "flatFeatures"), List.of("max"))
                .node("Concat", List.of("mean", "max"), List.of("features"), Attribute.i("axis", 1))
                .node("Reshape", List.of("features", "seq"), List.of("x"))
                .node("Split", List.of("h0"), List.of("h0a", "h0b"), Attribute.i("axis", 0))
                .gru("x", "W1", "R1", "B1", "h0a", "", "h1", HIDDEN, false)
                .gru("h1", "W2", "R2", "B2", "h0b", "", "h2", HIDDEN, false)
                .node("Concat", List.of("h1", "h2"), List.of("hN"), Attribute.i("axis", 0))
                .node("Reshape", List.of("h2", "flat"), List.of("top"))
                .node("MatMul", List.of("top", "Wva"), List.of("va_lin"))
                .node("Add", List.of("va_lin", "bva"), List.of("va_pre"))
                .node("Tanh", List.of("va_pre"), List.of("valence_arousal"))
                .node("MatMul", List.of("top", "Wex"), List.of("ex_lin"))
                .node("Add", List.of("ex_lin", "bex"), List.of("expression_logits"))
                .node("MatMul", List.of("top", "Wau"), List.of("au_lin"))
                .node("Add", List.of("au_lin", "bau"), List.of("au_logits"))
                .output("valence_arousal", ElementType.FLOAT, "N", 2)
                .output("expression_logits", ElementType.FLOAT, "N", 7)
                .output("au_logits", ElementType.FLOAT, "N", 3)
                .output("hN", ElementType.FLOAT, LAYERS, "N", HIDDEN);
    }

    static Path write(Path file, long seed) throws IOException {
        return builder(seed).writeTo(file);
    }

    private static float[] gaussian(Random random, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * scale);
        }
        return v;
    }
}
