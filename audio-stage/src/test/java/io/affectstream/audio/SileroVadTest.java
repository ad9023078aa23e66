package io.affectstream.audio;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped Silero VAD, fed 32 ms frames at 16 kHz from the 44.1 kHz signal. */
class SileroVadTest {
    static AudioModels models;
    static SileroVad vad;
    static SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeAll
    static void loadTheBundledModel() {
        AudioMetrics metrics = new AudioMetrics();
        metrics.bindTo(registry);
        models = AudioModels.load(new AudioConfig(Map.of("bootstrap.servers", "x:9092")), metrics);
        vad = new SileroVad(models.acquire().vad(), metrics.inference(AudioModels.VAD_ID));
    }

    @AfterAll
    static void close() {
        models.close();
    }

    private static float[] probabilities(float[] signal) {
        return vad.push(new SileroVad.Stream(), signal, signal.length);
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double max(float[] v) {
        double m = 0;
        for (float x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    @Test
    void oneSecondGivesThirtyOneFramesOf32Milliseconds() {
        // 16,000 samples less the resampler's 1.7 ms lookahead: 31 full frames of 512
        assertEquals(31, probabilities(new float[Signals.RATE]).length);
        assertTrue(registry.get("affect.inference").tag("model", "silero-vad").timer().count() >= 31);
    }

    @Test
    void digitalSilenceIsNotSpeech() {
        assertTrue(max(probabilities(new float[2 * Signals.RATE])) < 0.05);
    }

    @Test
    void steadyWhiteNoiseIsNotSpeech() {
        Random random = new Random(3);
        float[] noise = new float[2 * Signals.RATE];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (0.05 * random.nextGaussian());
        }
        assertTrue(mean(probabilities(noise)) < 0.1);
    }

    @Test
    void aVoicedSyllableTrainIsSpeech() {
        float[] p = probabilities(Signals.syllables(2, 120, 4, 0.3, 1));
        assertTrue(mean(p) > 0.4, "mean " + mean(p));
        assertTrue(max(p) > 0.8, "max " + max(p));
    }

    @Test
    void feedingInChunksGivesTheSameProbabilitiesAsFeedingAtOnce() {
        float[] signal = Signals.syllables(1, 150, 4, 0.3, 5);
        float[] whole = probabilities(signal);
        SileroVad.Stream stream = new SileroVad.Stream();
        float[] pieces = new float[0];
        for (int at = 0; at < signal.length; at += Signals.CHUNK) {
            int n = Math.min(Signals.CHUNK, signal.length - at);
            float[] chunk = java.util.Arrays.copyOfRange(signal, at, at + n);
            float[] p = vad.push(stream, chunk, n);
            float[] joined = java.util.Arrays.copyOf(pieces, pieces.length + p.length);
            System.arraycopy(p, 0, joined, pieces.length, p.length);
            pieces = joined;
        }
        assertEquals(whole.length, pieces.length);
        for (int i = 0; i < whole.length; i++) {
            assertEquals(whole[i], pieces[i], 1e-6, "frame " + i);
        }
    }
}
