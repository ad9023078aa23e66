package io.affectstream.audio;

import io.affectstream.audio.dsp.Resampler;
import io.affectstream.audio.dsp.Spectrogram;
import io.affectstream.wire.Analysis;
import io.affectstream.wire.AnalysisStatus;
import io.affectstream.wire.AudioAnalysis;
import io.affectstream.wire.AudioChunk;
import io.affectstream.wire.Source;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Analyses one chunk of a stream given the stream's state, which it updates: converts the chunk to mono 44.1 kHz,
 * runs the VAD over the 32 ms frames and the spectrogram over the 33 ms windows that the chunk completes, and
 * estimates arousal (prosody, or the CNN-GRU when configured).
 *
 * <p>A chunk's values summarise the analysis frames <em>completed</em> by its samples (those whose window ends in
 * the chunk; a frame's centre lies half a window, about 16 ms, before its end). The speech probability is the
 * largest of the chunk's VAD frames; a chunk too short to complete one carries the latest frame's probability.
 * Arousal (and valence from a model) are given only when the chunk's speech probability reaches the threshold.
 *
 * <p>One instance per processor (not thread-safe); the model sessions are shared.
 */
final class AudioAnalyzer {
    private final SileroVad vad;
    private final SpectrogramFramer framer = new SpectrogramFramer();
    private final ProsodicArousal prosody = new ProsodicArousal();
    private final AudioAffectModel affect;
    private final AudioAffectModel.Runner affectRunner;
    private final double threshold;
    private final AudioMetrics metrics;
    private final LongSupplier wallClockMs;
    private Consumer<SpectrogramFrame> frameListener = f -> { };

    AudioAnalyzer(AudioModels.Loaded models, double threshold, AudioMetrics metrics, LongSupplier wallClockMs) {
        this.vad = new SileroVad(models.vad(), metrics.inference(AudioModels.VAD_ID));
        this.affect = models.affect();
        this.affectRunner = affect == null ? null : affect.runner(metrics.inference(AudioAffectModel.ID));
        this.threshold = threshold;
        this.metrics = metrics;
        this.wallClockMs = wallClockMs;
    }

    /** Sees every spectrogram frame as it is computed (tests, diagnostics). */
    AudioAnalyzer onFrame(Consumer<SpectrogramFrame> listener) {
        this.frameListener = listener;
        return this;
    }

    boolean usesModel() {
        return affect != null;
    }

    /** A fresh model state for a stream, or null without a model. */
    AudioAffectModel.State newModelState() {
        return affect == null ? null : affect.initialState();
    }

    /** Whether a stored model state fits the loaded model (a different model starts the state over). */
    boolean fits(AudioAffectModel.State state) {
        return affect != null && state != null && state.hidden.length == affect.layers() * affect.hiddenSize();
    }

    /** Why a chunk of this format cannot be analysed, or null when it can (any channel count is mixed down). */
    static String unusable(AudioChunk chunk) {
        int rate = chunk.sampleRateHz();
        if (rate < 8_000) {
            return "cannot analyse audio at " + rate + " Hz: speech analysis needs at least 8000 Hz";
        }
        if (rate != Spectrogram.SAMPLE_RATE_HZ) {
            String problem = Resampler.problem(rate, Spectrogram.SAMPLE_RATE_HZ);
            if (problem != null) {
                return "cannot analyse audio at " + rate + " Hz: " + problem;
            }
        }
        return null;
    }

    /**
     * Analyses {@code chunk}, a contiguous continuation of {@code state}'s run, updating {@code state} and
     * {@code modelState} (null without a model).
     */
    AudioAnalysis analyse(StreamState state, AudioAffectModel.State modelState, AudioChunk chunk) {
        float[] mono = mono(chunk);
        float[] signal = state.toAnalysisRate == null ? mono
                : Resampler.of(chunk.sampleRateHz(), Spectrogram.SAMPLE_RATE_HZ)
                .process(state.toAnalysisRate, mono, 0, mono.length);

        float[] probabilities = vad.push(state.vad, signal, signal.length);
        Double speechProbability = null;
        if (probabilities.length > 0) {
            float max = 0;
            for (float p : probabilities) {
                max = Math.max(max, p);
            }
            speechProbability = (double) max;
            state.lastSpeech = probabilities[probabilities.length - 1];
        } else if (!Float.isNaN(state.lastSpeech)) {
            speechProbability = (double) state.lastSpeech;
        }
        boolean speech = speechProbability != null && speechProbability >= threshold;

        List<float[]> spectra = affect == null ? null : new ArrayList<>(3);
        framer.push(state.framer, signal, signal.length, (index, samples, offset, spectrum) -> {
            long frameOffset = state.inputOffset(index * Spectrogram.HOP_SAMPLES);
            long capturedAtMs = chunk.capturedAtMs()
                    + Math.round((frameOffset - chunk.sampleOffset()) * 1000.0 / chunk.sampleRateHz());
            frameListener.accept(new SpectrogramFrame(chunk.streamId(), index, frameOffset, chunk.sampleRateHz(),
                    capturedAtMs, spectrum));
            if (spectra != null) {
                spectra.add(spectrum);
            } else {
                prosody.frame(state.prosody, index, samples, offset, spectrum, speech);
            }
        });

        Double arousal = null;
        Double valence = null;
        Source source = null;
        if (affect != null) {
            if (!spectra.isEmpty()) {
                affectRunner.run(modelState, spectra);
            }
            if (speech && modelState.hasOutput()) {
                arousal = (double) modelState.arousal;
                valence = (double) modelState.valence;
                source = Source.MODEL;
            }
        } else if (speech) {
            arousal = prosody.arousal(state.prosody, state.framer.nextFrame() - 1);
            source = arousal == null ? null : Source.DERIVED;
        } else {
            prosody.silence(state.prosody);
        }
        state.nextOffset = chunk.sampleOffset() + chunk.frameCount();

        double seconds = chunk.frameCount() / (double) chunk.sampleRateHz();
        if (speech) {
            metrics.speech(seconds);
        }
        Analysis analysis = speechProbability == null
                ? new Analysis(AnalysisStatus.NOT_ANALYSED, "the first 32 ms VAD frame of the stream is not complete yet")
                : AudioTopology.ANALYSED;
        long now = wallClockMs.getAsLong();
        metrics.chunkDone(analysis.status().wireName(), seconds, chunk.ingestedAtMs(), now);
        return new AudioAnalysis(chunk.streamId(), chunk.sampleOffset(), chunk.frameCount(), chunk.sampleRateHz(),
                chunk.capturedAtMs(), analysis, speechProbability, arousal, valence, source, chunk.ingestedAtMs(), now);
    }

    /** Mono floats in [-1, 1]: int16 / 32768, channels averaged. */
    static float[] mono(AudioChunk chunk) {
        short[] samples = chunk.samples();
        int channels = chunk.channels();
        int n = chunk.frameCount();
        float[] out = new float[n];
        if (channels == 1) {
            for (int i = 0; i < n; i++) {
                out[i] = samples[i] / 32768f;
            }
        } else {
            for (int i = 0; i < n; i++) {
                int sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += samples[i * channels + c];
                }
                out[i] = sum / (32768f * channels);
            }
        }
        return out;
    }
}
