package io.affectstream.audio;

import io.affectstream.audio.dsp.Spectrogram;
import io.affectstream.inference.ElementType;
import io.affectstream.inference.ExecutionDevice;
import io.affectstream.inference.FloatTensorInput;
import io.affectstream.inference.ModelContract;
import io.affectstream.inference.OnnxModel;
import io.affectstream.inference.TensorOutput;
import io.affectstream.inference.SequenceModelContract;
import io.micrometer.core.instrument.Timer;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A trained audio CNN-GRU (the audio stream of A/V-MT-VGG-GRU, affect-spec §3) under the stage's contract:
 *
 * <pre>
 * in   spectrogram        float [N, T, 1025]   T spectrogram frames per stream, values in [-1, 1] (see Spectrogram)
 *      h0                 float [L, N, H]      recurrent state; L and H fixed by the model, zeros at a stream's start
 * out  valence_arousal    float [N, 2]         valence, arousal in [-1, 1] after the last of the T frames
 *      expression_logits  float [N, 7]         in the order of metadata affect.expressions
 *      au_logits          float [N, K]         optional; metadata affect.aus lists the K AU numbers
 *      hN                 float [L, N, H]      the state after the last frame, fed back as h0 next time
 * metadata  affect.expressions = neutral,anger,disgust,fear,happiness,sadness,surprise (any order of these 7)
 * </pre>
 *
 * The stage calls it once per chunk with the frames completed in that chunk and the stream's state, so a stream's
 * frames pass through the GRU exactly once, in order, whatever the chunking.
 */
final class AudioAffectModel {
    static final String ID = "audio-cnn-gru";
    static final List<String> CANONICAL_EXPRESSIONS = SequenceModelContract.CANONICAL_EXPRESSIONS;
    static final String EXPRESSIONS_KEY = SequenceModelContract.EXPRESSIONS_KEY;
    static final String AUS_KEY = SequenceModelContract.AUS_KEY;

    static final ModelContract CONTRACT = SequenceModelContract.withCommonParts(ModelContract.builder()
            .input("spectrogram", ElementType.FLOAT, -1, -1, Spectrogram.BINS)).build();

    private final OnnxModel model;
    private final int layers;
    private final int hidden;
    private final List<String> expressions;
    private final List<Integer> aus;

    private AudioAffectModel(OnnxModel model, SequenceModelContract contract) {
        this.model = model;
        this.layers = contract.layers();
        this.hidden = contract.hiddenSize();
        this.expressions = contract.expressions();
        this.aus = contract.actionUnits();
    }

    /** Loads and checks the model: contract, fixed state size, label sets. */
    static AudioAffectModel load(Path file, ExecutionDevice device) {
        OnnxModel model = OnnxModel.load(file, CONTRACT, device);
        try {
            return new AudioAffectModel(model, SequenceModelContract.read(model));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    OnnxModel onnx() {
        return model;
    }

    int layers() {
        return layers;
    }

    int hiddenSize() {
        return hidden;
    }

    /** Labels of {@code expression_logits}, in the model's order. */
    List<String> expressions() {
        return expressions;
    }

    /** AU numbers of {@code au_logits}; empty when the model has none. */
    List<Integer> actionUnits() {
        return aus;
    }

    /** The state of a stream that has not been seen yet: zeros, no output. */
    State initialState() {
        return new State(new float[layers * hidden], Float.NaN, Float.NaN, 0);
    }

    /** Per-processor caller with its own reusable input tensors. */
    Runner runner(Timer timer) {
        return new Runner(timer);
    }

    final class Runner {
        private final Timer timer;
        private FloatTensorInput spectrogram = FloatTensorInput.withCapacity(4 * Spectrogram.BINS, 1, 4, Spectrogram.BINS);
        private final FloatTensorInput h0 = FloatTensorInput.allocate(layers, 1, hidden);

        private Runner(Timer timer) {
            this.timer = timer;
        }

        /** Runs the frames (each {@value Spectrogram#BINS} values) through the model from {@code state}; updates it. */
        void run(State state, List<float[]> frames) {
            int t = frames.size();
            if (t * Spectrogram.BINS > spectrogram.capacity()) {
                spectrogram = FloatTensorInput.withCapacity(t * Spectrogram.BINS, 1, t, Spectrogram.BINS);
            }
            spectrogram.reshape(1, t, Spectrogram.BINS);
            FloatBuffer b = spectrogram.buffer();
            b.clear();
            for (float[] frame : frames) {
                b.put(frame);
            }
            h0.put(state.hidden);
            long start = System.nanoTime();
            Map<String, TensorOutput> out = model.run(Map.of("spectrogram", spectrogram, "h0", h0));
            timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            float[] va = out.get("valence_arousal").data();
            float[] next = out.get("hN").data();
            if (next.length != state.hidden.length) {
                throw new IllegalStateException("model " + model.path() + " returned hN with " + next.length
                        + " values for a state of " + state.hidden.length);
            }
            System.arraycopy(next, 0, state.hidden, 0, next.length);
            state.valence = clamp(va[0]);
            state.arousal = clamp(va[1]);
            state.frames += t;
        }
    }

    private static float clamp(float v) {
        return Math.max(-1f, Math.min(1f, v));
    }

    /** One stream's recurrent state and the model's latest valence/arousal (NaN before the first frame). */
    static final class State {
        final float[] hidden;
        float valence;
        float arousal;
        long frames;

        State(float[] hidden, float valence, float arousal, long frames) {
            this.hidden = hidden;
            this.valence = valence;
            this.arousal = arousal;
            this.frames = frames;
        }

        boolean hasOutput() {
            return frames > 0;
        }

        void write(DataOutput out) throws IOException {
            StateCodec.writeFloats(out, hidden, hidden.length);
            out.writeFloat(valence);
            out.writeFloat(arousal);
            out.writeLong(frames);
        }

        static State read(DataInput in) throws IOException {
            return new State(StateCodec.readFloats(in), in.readFloat(), in.readFloat(), in.readLong());
        }
    }
}
