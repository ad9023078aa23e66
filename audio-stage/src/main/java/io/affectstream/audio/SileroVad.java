package io.affectstream.audio;

import io.affectstream.audio.dsp.Resampler;
import io.affectstream.audio.dsp.Spectrogram;
import io.affectstream.inference.ElementType;
import io.affectstream.inference.FloatTensorInput;
import io.affectstream.inference.LongTensorInput;
import io.affectstream.inference.ModelContract;
import io.affectstream.inference.OnnxModel;
import io.affectstream.inference.TensorInput;
import io.affectstream.inference.TensorOutput;
import io.micrometer.core.instrument.Timer;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * Speech probability from Silero VAD v5 (models/MANIFEST.md), fed as the model needs it: 16 kHz mono in [-1, 1],
 * {@value #FRAME_SAMPLES} new samples (32 ms) per call, preceded by the last {@value #CONTEXT_SAMPLES} samples of
 * the previous frame, with the recurrent {@code state} carried from call to call. This is how the model's authors
 * (and vad-web) call it; without the context, v5 misses onsets that straddle frames.
 *
 * <p>The 44.1 kHz analysis signal is brought to 16 kHz by a windowed-sinc {@link Resampler}. One instance per
 * processor (its input tensors are reused); the model session is shared.
 */
final class SileroVad {
    static final int SAMPLE_RATE_HZ = 16_000;
    static final int FRAME_SAMPLES = 512;
    static final int CONTEXT_SAMPLES = 64;
    static final int STATE_SIZE = 2 * 128;

    /** Inputs {@code input [1, 64 + 512]}, {@code state [2, 1, 128]}, {@code sr} (int64 scalar); outputs as verified with ONNX Runtime. */
    static final ModelContract CONTRACT = ModelContract.builder()
            .input("input", ElementType.FLOAT, -1, -1)
            .input("state", ElementType.FLOAT, 2, -1, 128)
            .input("sr", ElementType.INT64)
            .output("output", ElementType.FLOAT, -1, 1)
            .output("stateN", ElementType.FLOAT, -1, -1, -1)
            .build();

    private static final Resampler TO_16K = Resampler.of(Spectrogram.SAMPLE_RATE_HZ, SAMPLE_RATE_HZ);

    private final OnnxModel model;
    private final Timer timer;
    private final FloatTensorInput input = FloatTensorInput.allocate(1, CONTEXT_SAMPLES + FRAME_SAMPLES);
    private final FloatTensorInput state = FloatTensorInput.allocate(2, 1, 128);
    private final LongTensorInput sr = LongTensorInput.scalar(SAMPLE_RATE_HZ);
    private final Map<String, TensorInput> inputs =
            Map.of("input", input, "state", state, "sr", sr);

    SileroVad(OnnxModel model, Timer timer) {
        this.model = model;
        this.timer = timer;
    }

    /** Feeds 44.1 kHz samples; returns the speech probability of every 32 ms frame they complete, oldest first. */
    float[] push(Stream s, float[] samples, int length) {
        float[] at16k = TO_16K.process(s.resampler, samples, 0, length);
        if (s.pendingLength + at16k.length > s.pending.length) {
            s.pending = Arrays.copyOf(s.pending, s.pendingLength + at16k.length);
        }
        System.arraycopy(at16k, 0, s.pending, s.pendingLength, at16k.length);
        s.pendingLength += at16k.length;

        int frames = s.pendingLength / FRAME_SAMPLES;
        float[] probabilities = new float[frames];
        for (int f = 0; f < frames; f++) {
            probabilities[f] = run(s, f * FRAME_SAMPLES);
        }
        int used = frames * FRAME_SAMPLES;
        System.arraycopy(s.pending, used, s.pending, 0, s.pendingLength - used);
        s.pendingLength -= used;
        s.framesDone += frames;
        return probabilities;
    }

    private float run(Stream s, int offset) {
        var buffer = input.buffer();
        buffer.clear();
        buffer.put(s.context);
        buffer.put(s.pending, offset, FRAME_SAMPLES);
        System.arraycopy(s.pending, offset + FRAME_SAMPLES - CONTEXT_SAMPLES, s.context, 0, CONTEXT_SAMPLES);
        state.buffer().clear();
        state.buffer().put(s.lstm);
        long start = System.nanoTime();
        Map<String, TensorOutput> out = model.run(inputs);
        timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        float[] next = out.get("stateN").data();
        System.arraycopy(next, 0, s.lstm, 0, STATE_SIZE);
        return Math.max(0f, Math.min(1f, out.get("output").data()[0]));
    }

    /** One stream's VAD position: the 16 kHz conversion, samples waiting for a full frame, context and state. */
    static final class Stream {
        private final Resampler.State resampler;
        private float[] pending;
        private int pendingLength;
        private final float[] context;
        private final float[] lstm;
        private long framesDone;

        Stream() {
            this(TO_16K.newState(), new float[FRAME_SAMPLES * 2], 0, new float[CONTEXT_SAMPLES], new float[STATE_SIZE], 0);
        }

        private Stream(Resampler.State resampler, float[] pending, int pendingLength, float[] context, float[] lstm,
                       long framesDone) {
            this.resampler = resampler;
            this.pending = pending;
            this.pendingLength = pendingLength;
            this.context = context;
            this.lstm = lstm;
            this.framesDone = framesDone;
        }

        /** 32 ms frames analysed since the run started. */
        long framesDone() {
            return framesDone;
        }

        void write(DataOutput out) throws IOException {
            resampler.write(out);
            StateCodec.writeFloats(out, pending, pendingLength);
            StateCodec.writeFloats(out, context, context.length);
            StateCodec.writeFloats(out, lstm, lstm.length);
            out.writeLong(framesDone);
        }

        static Stream read(DataInput in) throws IOException {
            Resampler.State resampler = Resampler.State.read(in);
            float[] pending = StateCodec.readFloats(in);
            float[] context = StateCodec.readFloats(in);
            float[] lstm = StateCodec.readFloats(in);
            long done = in.readLong();
            if (context.length != CONTEXT_SAMPLES || lstm.length != STATE_SIZE) {
                throw new IOException("bad VAD state: context " + context.length + ", state " + lstm.length);
            }
            return new Stream(resampler, Arrays.copyOf(pending, Math.max(pending.length, FRAME_SAMPLES * 2)),
                    pending.length, context, lstm, done);
        }
    }
}
