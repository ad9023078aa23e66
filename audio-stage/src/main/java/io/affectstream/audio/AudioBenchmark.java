package io.affectstream.audio;

import io.affectstream.audio.dsp.Resampler;
import io.affectstream.audio.dsp.Spectrogram;
import io.affectstream.inference.ElementType;
import io.affectstream.inference.onnx.OnnxGraphWriter;
import io.affectstream.wire.AudioChunk;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * What the audio stage's analysis costs per second of audio, on one thread, without Kafka: spectrogram, resampling
 * and Silero VAD, prosody, a CNN-GRU, and the state store's serialisation, then the whole per-chunk analysis and
 * its real-time factor.
 *
 * <pre>
 * java -cp cli/target/affect.jar io.affectstream.audio.AudioBenchmark [--seconds 60] [--wav speech.wav] [--model m.onnx]
 * </pre>
 *
 * Without {@code --wav}, the audio is a synthetic voiced syllable train (a harmonic series on a gliding pitch,
 * 4 syllables a second); prosody is computed for every frame, as if all of it were speech (the worst case).
 * Without {@code --model}, the CNN-GRU is a stand-in with the contract's shapes: two GRU layers of 128 units on the
 * 1025 raw bins and random weights, no convolutional part (no trained model exists here).
 */
public final class AudioBenchmark {
    private static final int CHUNK = 2205;
    private static final int REPEATS = 3;

    private AudioBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = 60;
        Path wav = null;
        Path model = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--wav" -> wav = Path.of(args[++i]);
                case "--model" -> model = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: AudioBenchmark [--seconds S] [--wav FILE.wav] [--model CNN-GRU.onnx]");
                    System.exit(2);
                }
            }
        }
        float[] signal = wav == null ? syllables(seconds) : readWav(wav);
        double audioSeconds = signal.length / (double) Spectrogram.SAMPLE_RATE_HZ;
        Path standIn = null;
        if (model == null) {
            standIn = Files.createTempFile("audio-cnn-gru-stand-in-", ".onnx");
            writeStandIn(standIn);
        }
        try {
            run(signal, audioSeconds, wav == null ? "synthetic voiced syllables" : wav.toString(),
                    model != null ? model : standIn, model == null);
        } finally {
            if (standIn != null) {
                Files.deleteIfExists(standIn);
            }
        }
    }

    private static void run(float[] signal, double audioSeconds, String what, Path model, boolean standIn) {
        List<AudioChunk> chunks = chunks(signal);
        AudioMetrics metrics = new AudioMetrics();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        Map<String, Object> base = new HashMap<>(Map.of("bootstrap.servers", "unused:9092", AudioConfig.VAD_THRESHOLD, 0.0));
        Map<String, Object> withModel = new HashMap<>(base);
        withModel.put(AudioConfig.MODEL, model.toString());

        try (AudioModels plain = AudioModels.load(new AudioConfig(base), metrics);
             AudioModels gru = AudioModels.load(new AudioConfig(withModel), metrics)) {
            AudioModels.Loaded loaded = plain.acquire();
            AudioModels.Loaded loadedGru = gru.acquire();

            Spectrogram spectrogram = new Spectrogram();
            float[] spectrum = new float[Spectrogram.BINS];
            int frames = 1 + (signal.length - Spectrogram.WINDOW_SAMPLES) / Spectrogram.HOP_SAMPLES;
            double spec = measure(() -> {
                for (int k = 0; k < frames; k++) {
                    spectrogram.compute(signal, k * Spectrogram.HOP_SAMPLES, spectrum);
                }
            });

            SileroVad vad = new SileroVad(loaded.vad(), metrics.inference("bench-vad"));
            double[] vadOnly = new double[1];
            double vadTotal = measure(() -> {
                SileroVad.Stream s = new SileroVad.Stream();
                for (int at = 0; at < signal.length; at += CHUNK) {
                    int n = Math.min(CHUNK, signal.length - at);
                    vad.push(s, Arrays.copyOfRange(signal, at, at + n), n);
                }
            });
            var vadTimer = registry.get("affect.inference").tag("model", "bench-vad").timer();
            vadOnly[0] = vadTimer.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) / vadTimer.count()
                    * (audioSeconds * SileroVad.SAMPLE_RATE_HZ / SileroVad.FRAME_SAMPLES) / 1e6;

            float[][] spectra = new float[frames][];
            for (int k = 0; k < frames; k++) {
                spectra[k] = spectrogram.compute(signal, k * Spectrogram.HOP_SAMPLES, new float[Spectrogram.BINS]);
            }
            ProsodicArousal prosody = new ProsodicArousal();
            double pros = measure(() -> {
                ProsodicArousal.Stream s = new ProsodicArousal.Stream();
                for (int k = 0; k < frames; k++) {
                    prosody.frame(s, k, signal, k * Spectrogram.HOP_SAMPLES, spectra[k], true);
                    if (k % 2 == 1) {
                        prosody.arousal(s, k);
                    }
                }
            });

            AudioAffectModel.Runner runner = loadedGru.affect().runner(metrics.inference("bench-gru"));
            double gruCost = measure(() -> {
                AudioAffectModel.State s = loadedGru.affect().initialState();
                List<float[]> batch = new ArrayList<>();
                long end = CHUNK;
                for (int k = 0; k < frames; k++) {
                    while ((long) k * Spectrogram.HOP_SAMPLES + Spectrogram.WINDOW_SAMPLES > end) {
                        if (!batch.isEmpty()) {
                            runner.run(s, batch);
                            batch.clear();
                        }
                        end += CHUNK;
                    }
                    batch.add(spectra[k]);
                }
                if (!batch.isEmpty()) {
                    runner.run(s, batch);
                }
            });

            double total = measure(() -> analyseAll(loaded, metrics, chunks, false));
            double totalGru = measure(() -> analyseAll(loadedGru, metrics, chunks, false));
            double withState = measure(() -> analyseAll(loaded, metrics, chunks, true));

            double per = 1000 / audioSeconds;
            System.out.printf(Locale.ROOT, "audio benchmark: %.1f s of %s, 44100 Hz mono, %d ms chunks, 1 thread,"
                            + " %s, %s (median of %d runs after a warm-up)%n", audioSeconds, what,
                    CHUNK * 1000 / Spectrogram.SAMPLE_RATE_HZ, loaded.vad().provider(),
                    Runtime.getRuntime().availableProcessors() + " cores visible", REPEATS);
            System.out.printf(Locale.ROOT, "%-74s %8s%n", "part", "ms per s of audio");
            row("spectrogram (1455-sample Hann window, 2048-point FFT, 45.5 frames/s)", spec * per);
            row("resample 44.1 -> 16 kHz + Silero VAD v5 (31.25 frames/s)", vadTotal * per);
            row("  of which ONNX Runtime (Silero)", vadOnly[0] / audioSeconds);
            row("prosody (loudness, YIN pitch, flux, rate; every frame as speech)", pros * per);
            row((standIn ? "stand-in CNN-GRU (2 x GRU(128) on 1025 bins, random weights)" : "CNN-GRU " + model)
                    + ", per chunk", gruCost * per);
            row("total, default stage (spectrogram + VAD + prosody), per chunk", total * per);
            row("total with state store serialisation (write + read back per chunk)", withState * per);
            row("total with the CNN-GRU instead of prosody", totalGru * per);
            System.out.printf(Locale.ROOT, "real-time factor (processing time / audio time): default %.4f,"
                    + " with state %.4f, with CNN-GRU %.4f%n", total / audioSeconds, withState / audioSeconds,
                    totalGru / audioSeconds);
            plain.release();
            gru.release();
        }
    }

    private static void row(String name, double msPerSecond) {
        System.out.printf(Locale.ROOT, "%-74s %8.2f%n", name, msPerSecond);
    }

    private static void analyseAll(AudioModels.Loaded models, AudioMetrics metrics, List<AudioChunk> chunks,
                                   boolean serialise) {
        AudioAnalyzer analyzer = new AudioAnalyzer(models, 0.0, metrics, () -> 0L);
        StreamState state = StreamState.startRun(null, Spectrogram.SAMPLE_RATE_HZ, 1, 0);
        AudioAffectModel.State modelState = analyzer.newModelState();
        for (AudioChunk c : chunks) {
            analyzer.analyse(state, modelState, c);
            if (serialise) {
                byte[] bytes = StateSerde.STREAM.serializer().serialize("bench", state);
                state = StateSerde.STREAM.deserializer().deserialize("bench", bytes);
            }
        }
    }

    /** Seconds one run takes: the median of {@value #REPEATS} runs after one warm-up run. */
    private static double measure(Runnable work) {
        work.run();
        double[] runs = new double[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            long start = System.nanoTime();
            work.run();
            runs[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(runs);
        return runs[REPEATS / 2];
    }

    private static List<AudioChunk> chunks(float[] signal) {
        List<AudioChunk> chunks = new ArrayList<>();
        for (int at = 0, i = 0; at < signal.length; at += CHUNK, i++) {
            int n = Math.min(CHUNK, signal.length - at);
            short[] pcm = new short[n];
            for (int j = 0; j < n; j++) {
                pcm[j] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(signal[at + j] * 32767.0)));
            }
            chunks.add(new AudioChunk("bench", i, at, Spectrogram.SAMPLE_RATE_HZ, 1, at * 1000L / 44_100, 0, pcm));
        }
        return chunks;
    }

    /** A voiced syllable train: a 12-harmonic series on a gliding 120-150 Hz pitch, 4 syllables a second. */
    static float[] syllables(double seconds) {
        Random random = new Random(1);
        float[] x = new float[(int) Math.round(seconds * Spectrogram.SAMPLE_RATE_HZ)];
        double phase = 0;
        for (int i = 0; i < x.length; i++) {
            double t = (double) i / Spectrogram.SAMPLE_RATE_HZ;
            phase += 2 * Math.PI * 135 * (1 + 0.1 * Math.sin(2 * Math.PI * 0.7 * t)) / Spectrogram.SAMPLE_RATE_HZ;
            double envelope = Math.max(0, Math.sin(Math.PI * 4 * t));
            double v = 0;
            for (int h = 1; h <= 12; h++) {
                v += Math.sin(h * phase) / h;
            }
            x[i] = (float) (0.3 * (envelope * v * 0.5 + 0.01 * random.nextGaussian()));
        }
        return x;
    }

    /** A 16-bit PCM WAV, channels averaged, converted to 44.1 kHz. */
    private static float[] readWav(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        int rate = 0;
        int channels = 0;
        while (pos + 8 <= b.limit()) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            if (id == 0x20746d66) {
                channels = b.getShort(pos + 10);
                rate = b.getInt(pos + 12);
                if (b.getShort(pos + 22) != 16) {
                    throw new IOException(file + ": only 16-bit PCM WAV is read");
                }
            } else if (id == 0x61746164) {
                int n = (int) Math.min(Integer.toUnsignedLong(size), b.limit() - pos - 8L) / 2 / channels;
                float[] x = new float[n];
                for (int i = 0; i < n; i++) {
                    float sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += b.getShort(pos + 8 + 2 * (i * channels + c));
                    }
                    x[i] = sum / (32768f * channels);
                }
                if (rate == Spectrogram.SAMPLE_RATE_HZ) {
                    return x;
                }
                Resampler r = Resampler.of(rate, Spectrogram.SAMPLE_RATE_HZ);
                return r.process(r.newState(), x, 0, x.length);
            }
            pos += 8 + size + (size & 1);
        }
        throw new IOException(file + " has no PCM data");
    }

    /**
     * A model with the CNN-GRU contract's shapes and the reference network's recurrent size (two GRU layers of
     * 128 units, affect-spec §3) but random weights and no convolutional part: for timing only.
     */
    static void writeStandIn(Path file) throws IOException {
        int f = Spectrogram.BINS;
        int h = 128;
        Random random = new Random(7);
        Consumer<float[]> fill = v -> {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (random.nextGaussian() * 0.02);
            }
        };
        float[] w1 = new float[3 * h * f];
        float[] r1 = new float[3 * h * h];
        float[] w2 = new float[3 * h * h];
        float[] r2 = new float[3 * h * h];
        float[] b = new float[6 * h];
        float[] va = new float[h * 2];
        float[] ex = new float[h * 7];
        for (float[] v : List.of(w1, r1, w2, r2, b, va, ex)) {
            fill.accept(v);
        }
        OnnxGraphWriter.model()
                .producer("affect-stream AudioBenchmark", "1")
                .graphName("audio_cnn_gru_stand_in")
                .docString("Timing stand-in: 2 x GRU(128) on raw spectrogram bins, random weights. Recognises nothing.")
                .metadata(AudioAffectModel.EXPRESSIONS_KEY, String.join(",", AudioAffectModel.CANONICAL_EXPRESSIONS))
                .input("spectrogram", ElementType.FLOAT, "N", "T", f)
                .input("h0", ElementType.FLOAT, 2, "N", h)
                .initializer("W1", w1, 1, 3 * h, f)
                .initializer("R1", r1, 1, 3 * h, h)
                .initializer("W2", w2, 1, 3 * h, h)
                .initializer("R2", r2, 1, 3 * h, h)
                .initializer("B", b, 1, 6 * h)
                .initializer("split", new long[]{1, 1}, 2)
                .initializer("axis1", new long[]{1}, 1)
                .initializer("flat", new long[]{-1, h}, 2)
                .initializer("Wva", va, h, 2)
                .initializer("Wex", ex, h, 7)
                .node("Transpose", List.of("spectrogram"), List.of("x"), OnnxGraphWriter.Attribute.ints("perm", 1, 0, 2))
                .node("Split", List.of("h0", "split"), List.of("h0a", "h0b"), OnnxGraphWriter.Attribute.i("axis", 0))
                .gru("x", "W1", "R1", "B", "h0a", "y1", "h1", h, false)
                .node("Squeeze", List.of("y1", "axis1"), List.of("x2"))
                .gru("x2", "W2", "R2", "B", "h0b", "", "h2", h, false)
                .node("Concat", List.of("h1", "h2"), List.of("hN"), OnnxGraphWriter.Attribute.i("axis", 0))
                .node("Reshape", List.of("h2", "flat"), List.of("last"))
                .node("MatMul", List.of("last", "Wva"), List.of("va_lin"))
                .node("Tanh", List.of("va_lin"), List.of("valence_arousal"))
                .node("MatMul", List.of("last", "Wex"), List.of("expression_logits"))
                .output("valence_arousal", ElementType.FLOAT, "N", 2)
                .output("expression_logits", ElementType.FLOAT, "N", 7)
                .output("hN", ElementType.FLOAT, 2, "N", h)
                .writeTo(file);
    }
}
