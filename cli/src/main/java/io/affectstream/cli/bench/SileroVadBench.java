package io.affectstream.cli.bench;

import io.affectstream.audio.AudioModels;
import io.affectstream.audio.dsp.Resampler;
import io.affectstream.inference.FloatTensorInput;
import io.affectstream.inference.LongTensorInput;
import io.affectstream.inference.OnnxModel;
import io.affectstream.inference.TensorInput;
import io.affectstream.inference.TensorOutput;
import io.affectstream.ingest.media.MediaSource;

import java.nio.FloatBuffer;
import java.util.Map;

/**
 * Silero VAD v5 alone: each call runs the model on {@code batch} windows of the clip's audio (brought to 16 kHz
 * first, untimed), each 64 samples of context + 512 new ones, with a zero recurrent state. The audio stage's
 * resampling, spectrogram and prosody are not included.
 */
final class SileroVadBench implements ModelBench {
    private static final int RATE_HZ = 16_000;
    private static final int NEW_SAMPLES = 512;
    private static final int STATE = 128;

    private final OnnxModel model;
    private final float[] audio16k;
    private final int maxBatch;
    private final double chunksPerFrame;
    private final FloatTensorInput input;
    private final FloatTensorInput state;
    private final Map<String, TensorInput> inputs;
    private int nextWindow;

    /**
     * @param samples  the clip's audio at {@link MediaSource#SAMPLE_RATE_HZ}
     * @param videoFps the clip's frame rate, to express 32 ms chunks per video frame
     */
    SileroVadBench(OnnxModel model, short[] samples, int maxBatch, double videoFps) {
        float[] pcm = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            pcm[i] = samples[i] / 32768f;
        }
        Resampler to16k = Resampler.of(MediaSource.SAMPLE_RATE_HZ, RATE_HZ);
        this.audio16k = to16k.process(to16k.newState(), pcm, 0, pcm.length);
        if (audio16k.length < AudioModels.VAD_WINDOW_SAMPLES) {
            throw new IllegalArgumentException("Silero VAD needs at least one 36 ms window of audio; the clip has "
                    + samples.length + " samples");
        }
        this.model = model;
        this.maxBatch = maxBatch;
        this.chunksPerFrame = RATE_HZ / (NEW_SAMPLES * videoFps);
        int window = AudioModels.VAD_WINDOW_SAMPLES;
        this.input = FloatTensorInput.withCapacity(maxBatch * window, 1, window);
        this.state = FloatTensorInput.withCapacity(2 * maxBatch * STATE, 2, 1, STATE);
        this.inputs = Map.of("input", input, "state", state, "sr", LongTensorInput.scalar(RATE_HZ));
    }

    @Override
    public String name() {
        return "silero-vad-v5";
    }

    @Override
    public String unit() {
        return "chunks";
    }

    @Override
    public int maxBatch() {
        return maxBatch;
    }

    @Override
    public String provider() {
        return model.provider();
    }

    @Override
    public double itemsPerFrame() {
        return chunksPerFrame;
    }

    @Override
    public float[] run(int batch) {
        int window = AudioModels.VAD_WINDOW_SAMPLES;
        input.reshape(batch, window);
        state.reshape(2, batch, STATE);
        FloatBuffer buffer = input.buffer();
        for (int b = 0; b < batch; b++) {
            if (nextWindow * NEW_SAMPLES + window > audio16k.length) {
                nextWindow = 0;
            }
            buffer.put(audio16k, nextWindow * NEW_SAMPLES, window);
            nextWindow++;
        }
        TensorOutput out = model.run(inputs).get("output");
        return out.data();
    }

    @Override
    public void close() {
        model.close();
    }
}
