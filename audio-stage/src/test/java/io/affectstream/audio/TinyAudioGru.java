package io.affectstream.audio;

import io.affectstream.audio.dsp.Spectrogram;
import io.affectstream.inference.ElementType;
import io.affectstream.inference.onnx.OnnxGraphWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * A tiny audio CNN-GRU under the stage's contract, with random weights, written with {@link OnnxGraphWriter}:
 * spectrogram [N, T, 1025] → (transpose to [T, N, 1025]) → GRU(hidden 4, h0 [1, N, 4]) → hN [1, N, 4];
 * the last state [N, 4] → tanh(linear) → valence_arousal [N, 2], and → linear → expression_logits [N, 7].
 * It recognises nothing; it proves the plumbing.
 */
final class TinyAudioGru {
    static final int HIDDEN = 4;

    private TinyAudioGru() {
    }

    static OnnxGraphWriter.ModelBuilder builder(long seed) {
        Random random = new Random(seed);
        int f = Spectrogram.BINS;
        return OnnxGraphWriter.model()
                .producer("affect-stream-tests", "1")
                .graphName("tiny_audio_gru")
                .metadata(AudioAffectModel.EXPRESSIONS_KEY, String.join(",", AudioAffectModel.CANONICAL_EXPRESSIONS))
                .input("spectrogram", ElementType.FLOAT, "N", "T", f)
                .input("h0", ElementType.FLOAT, 1, "N", HIDDEN)
                .initializer("W", gaussian(random, 3 * HIDDEN * f, 0.03), 1, 3 * HIDDEN, f)
                .initializer("R", gaussian(random, 3 * HIDDEN * HIDDEN, 0.5), 1, 3 * HIDDEN, HIDDEN)
                .initializer("B", gaussian(random, 6 * HIDDEN, 0.1), 1, 6 * HIDDEN)
                .initializer("flat", new long[]{-1, HIDDEN}, 2)
                .initializer("Wva", gaussian(random, HIDDEN * 2, 1.0), HIDDEN, 2)
                .initializer("bva", gaussian(random, 2, 0.1), 2)
                .initializer("Wex", gaussian(random, HIDDEN * 7, 1.0), HIDDEN, 7)
                .initializer("bex", gaussian(random, 7, 0.1), 7)
                .node("Transpose", List.of("spectrogram"), List.of("x"), OnnxGraphWriter.Attribute.ints("perm", 1, 0, 2))
                .gru("x", "W", "R", "B", "h0", "", "hN", HIDDEN, false)
                .node("Reshape", List.of("hN", "flat"), List.of("last"))
                .node("MatMul", List.of("last", "Wva"), List.of("va_lin"))
                .node("Add", List.of("va_lin", "bva"), List.of("va_pre"))
                .node("Tanh", List.of("va_pre"), List.of("valence_arousal"))
                .node("MatMul", List.of("last", "Wex"), List.of("ex_lin"))
                .node("Add", List.of("ex_lin", "bex"), List.of("expression_logits"))
                .output("valence_arousal", ElementType.FLOAT, "N", 2)
                .output("expression_logits", ElementType.FLOAT, "N", 7)
                .output("hN", ElementType.FLOAT, 1, "N", HIDDEN);
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
