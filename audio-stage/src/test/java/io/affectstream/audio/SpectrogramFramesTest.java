package io.affectstream.audio;

import io.affectstream.audio.dsp.Spectrogram;
import io.affectstream.wire.AudioChunk;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Spectrogram frames cut across 50 ms chunks: exact offsets and capture times, nothing lost at chunk borders. */
class SpectrogramFramesTest {
    static final long T0 = 1_700_000_000_000L;
    static AudioModels models;
    static AudioMetrics metrics = new AudioMetrics();

    @BeforeAll
    static void load() {
        metrics.bindTo(new SimpleMeterRegistry());
        models = AudioModels.load(new AudioConfig(Map.of("bootstrap.servers", "x:9092")), metrics);
    }

    @AfterAll
    static void close() {
        models.close();
    }

    private static List<SpectrogramFrame> frames(List<AudioChunk> chunks) {
        List<SpectrogramFrame> frames = new ArrayList<>();
        AudioAnalyzer analyzer = new AudioAnalyzer(models.acquire(), 0.5, metrics, () -> 0L).onFrame(frames::add);
        try {
            AudioChunk first = chunks.get(0);
            StreamState state = StreamState.startRun(null, first.sampleRateHz(), first.channels(), first.sampleOffset());
            for (AudioChunk c : chunks) {
                analyzer.analyse(state, null, c);
            }
        } finally {
            models.release();
        }
        return frames;
    }

    @Test
    void framesStartEvery970SamplesWithTheirExactOffsetAndCaptureTime() {
        float[] signal = Signals.syllables(1.0, 130, 4, 0.3, 4);
        List<SpectrogramFrame> frames = frames(Signals.chunks("s", signal, 44_100, 2205, T0));
        // every complete 1455-sample window of the second: 1 + (44100 - 1455) / 970
        assertEquals(1 + (44_100 - 1455) / 970, frames.size());
        Spectrogram spectrogram = new Spectrogram();
        float[] quantised = new float[signal.length];
        short[] pcm = Signals.pcm(signal);
        for (int i = 0; i < pcm.length; i++) {
            quantised[i] = pcm[i] / 32768f;
        }
        for (int k = 0; k < frames.size(); k++) {
            SpectrogramFrame f = frames.get(k);
            assertEquals(k, f.index());
            assertEquals(k * 970L, f.sampleOffset());
            assertEquals(44_100, f.sampleRateHz());
            assertEquals(T0 + Math.round(k * 970 * 1000.0 / 44_100), f.capturedAtMs());
            assertEquals(k * 970L + 728, f.centreOffset());
            // the same values as one window cut from the whole signal: chunk borders change nothing
            assertArrayEquals(spectrogram.compute(quantised, k * 970, new float[Spectrogram.BINS]), f.values());
        }
    }

    @Test
    void aStreamThatStartsLateCountsOffsetsFromTheSourceStart() {
        float[] signal = Signals.tone(440, 0.2, 0.2, 44_100);
        List<AudioChunk> chunks = new ArrayList<>();
        for (AudioChunk c : Signals.chunks("late", signal, 44_100, 2205, T0)) {
            chunks.add(new AudioChunk(c.streamId(), c.chunkIndex(), c.sampleOffset() + 441_000, 44_100, 1,
                    c.capturedAtMs() + 10_000, c.ingestedAtMs(), c.samples()));
        }
        List<SpectrogramFrame> frames = frames(chunks);
        assertEquals(441_000L, frames.get(0).sampleOffset());
        assertEquals(T0 + 10_000, frames.get(0).capturedAtMs());
        assertEquals(441_000L + 3 * 970, frames.get(3).sampleOffset());
    }

    @Test
    void at48KilohertzOffsetsStayOnTheInputsClock() {
        float[] signal = Signals.tone(440, 0.2, 0.3, 48_000);
        List<SpectrogramFrame> frames = frames(Signals.chunks("s48", signal, 48_000, 2400, T0));
        for (int k = 0; k < frames.size(); k++) {
            assertEquals(48_000, frames.get(k).sampleRateHz());
            assertEquals(Math.round(k * 970 * 48_000.0 / 44_100), frames.get(k).sampleOffset());
            assertEquals(T0 + Math.round(k * 970 * 1000.0 / 44_100), frames.get(k).capturedAtMs(), 1);
        }
    }
}
