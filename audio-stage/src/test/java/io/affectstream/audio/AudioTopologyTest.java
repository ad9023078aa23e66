package io.affectstream.audio;

import io.affectstream.audio.dsp.Resampler;
import io.affectstream.wire.AnalysisStatus;
import io.affectstream.wire.AudioAnalysis;
import io.affectstream.wire.AudioAnalysisMessage;
import io.affectstream.wire.AudioChunk;
import io.affectstream.wire.EndOfStream;
import io.affectstream.wire.EndReason;
import io.affectstream.wire.Modality;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.affectstream.audio.AudioStageHarness.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AudioTopologyTest {
    private AudioStageHarness stage;

    @BeforeEach
    void start() {
        stage = new AudioStageHarness(Map.of());
    }

    @AfterEach
    void stop() {
        stage.close();
    }

    private static AudioChunk chunk(String stream, long index, int rate, int channels, short[] samples) {
        long offset = index * (samples.length / channels);
        long captured = T0 + offset * 1000 / rate;
        return new AudioChunk(stream, index, offset, rate, channels, captured, captured + 3, samples);
    }

    @Test
    void eachChunkBecomesOneAnalysedSpanWithTheSameSamplePositionsAndTimestamp() {
        for (int i = 0; i < 6; i++) {
            AudioChunk c = chunk("s", i, 44_100, 1, new short[2205]);
            stage.pipe(c, c.capturedAtMs());
        }
        List<TestRecord<String, AudioAnalysisMessage>> records = stage.records();
        assertEquals(6, records.size());
        for (int i = 0; i < 6; i++) {
            AudioAnalysis span = (AudioAnalysis) records.get(i).value();
            assertEquals("s", records.get(i).key());
            assertEquals(i * 2205L, span.sampleOffset());
            assertEquals(2205, span.sampleCount());
            assertEquals(44_100, span.sampleRateHz());
            assertEquals(T0 + i * 50L, records.get(i).timestamp(), "the record timestamp is the capture time");
            assertEquals(T0 + i * 50L, span.capturedAtMs());
            assertEquals(T0 + i * 50L + 3, span.ingestedAtMs());
            assertEquals(T0 + 1_000_000, span.audioAtMs());
            assertEquals(AnalysisStatus.ANALYSED, span.analysis().status());
            assertNotNull(span.speechProbability());
            assertTrue(span.speechProbability() < 0.1, "silence is not speech");
            assertNull(span.arousal(), "no arousal outside speech");
            assertNull(span.valence());
            assertNull(span.source());
        }
        assertEquals(0.3, stage.registry.get("affect.audio.seconds").tag("status", "analysed").counter().count(), 1e-9);
        assertEquals(0.0, stage.registry.get("affect.audio.speech.seconds").counter().count());
    }

    @Test
    void theModelsReportTheirInferenceTimeAndProvider() {
        stage.pipe(chunk("s", 0, 44_100, 1, new short[2205]), T0);
        assertTrue(stage.registry.get("affect.inference").tag("model", "silero-vad").timer().count() >= 1);
        assertEquals(1.0, stage.registry.get("affect.inference.provider").tag("model", "silero-vad")
                .tag("provider", "CPUExecutionProvider").gauge().value());
    }

    @Test
    void theEndOfStreamIsForwardedUnchanged() {
        EndOfStream end = new EndOfStream("s", Modality.AUDIO, 4410, T0 + 100, EndReason.COMPLETED, null);
        stage.pipe(chunk("s", 0, 44_100, 1, new short[2205]), T0);
        stage.pipe(chunk("s", 1, 44_100, 1, new short[2205]), T0 + 50);
        stage.pipe(end, T0 + 100);
        List<TestRecord<String, AudioAnalysisMessage>> records = stage.records();
        assertEquals(3, records.size());
        assertEquals(end, records.get(2).value());
        assertEquals(T0 + 100, records.get(2).timestamp());
    }

    @Test
    void aStreamWithoutAudioFlowsThroughWithoutErrors() {
        EndOfStream end = new EndOfStream("v", Modality.AUDIO, 0, T0, EndReason.NO_TRACK, "the input has no audio track");
        stage.pipe(end, T0);
        assertEquals(List.of(end), stage.records().stream().map(TestRecord::value).toList());
    }

    @Test
    void stereoIsMixedDownToMonoAndAnalysedLikeIt() {
        float[] signal = Signals.syllables(0.5, 140, 4, 0.4, 7);
        List<AudioChunk> mono = Signals.chunks("mono", signal, 44_100, 2205, T0);
        for (AudioChunk c : mono) {
            short[] interleaved = new short[c.samples().length * 2];
            for (int i = 0; i < c.samples().length; i++) {
                interleaved[2 * i] = c.samples()[i];
                interleaved[2 * i + 1] = c.samples()[i];
            }
            stage.pipe(c, c.capturedAtMs());
            stage.pipe(new AudioChunk("stereo", c.chunkIndex(), c.sampleOffset(), 44_100, 2, c.capturedAtMs(),
                    c.ingestedAtMs(), interleaved), c.capturedAtMs());
        }
        List<AudioAnalysis> spans = stage.analyses();
        List<AudioAnalysis> m = spans.stream().filter(s -> s.streamId().equals("mono")).toList();
        List<AudioAnalysis> s = spans.stream().filter(x -> x.streamId().equals("stereo")).toList();
        assertEquals(m.size(), s.size());
        for (int i = 0; i < m.size(); i++) {
            assertEquals(AnalysisStatus.ANALYSED, s.get(i).analysis().status());
            assertEquals(m.get(i).sampleCount(), s.get(i).sampleCount(), "sample counts are per channel");
            assertEquals(m.get(i).speechProbability(), s.get(i).speechProbability(), 1e-6);
        }
    }

    @Test
    void audioAt48KilohertzIsConvertedAndKeepsItsOwnOffsets() {
        float[] signal = Signals.syllables(1.0, 150, 4, 0.4, 9);
        Resampler to48k = Resampler.of(44_100, 48_000);
        float[] at48k = to48k.process(to48k.newState(), signal, 0, signal.length);
        stage.pipe(Signals.chunks("s48", at48k, 48_000, 2400, T0));
        List<AudioAnalysis> spans = stage.analyses();
        assertEquals((at48k.length + 2399) / 2400, spans.size());
        long speech = 0;
        for (int i = 0; i < spans.size(); i++) {
            AudioAnalysis span = spans.get(i);
            assertEquals(48_000, span.sampleRateHz());
            assertEquals(i * 2400L, span.sampleOffset());
            assertEquals(AnalysisStatus.ANALYSED, span.analysis().status());
            speech += span.speechProbability() >= 0.5 ? 1 : 0;
        }
        assertTrue(speech > spans.size() / 3, speech + " of " + spans.size() + " spans are speech");
    }

    @Test
    void aSampleRateTooLowForSpeechIsRejectedWithAClearReason() {
        stage.pipe(chunk("low", 0, 4_000, 1, new short[200]), T0);
        AudioAnalysis span = stage.analyses().get(0);
        assertEquals(AnalysisStatus.NOT_ANALYSED, span.analysis().status());
        assertEquals("cannot analyse audio at 4000 Hz: speech analysis needs at least 8000 Hz", span.analysis().detail());
        assertNull(span.speechProbability());
        assertEquals(4_000, span.sampleRateHz());
    }

    @Test
    void aSampleRateThatCannotBeConvertedIsRejectedNamingTheRatio() {
        stage.pipe(chunk("odd", 0, 44_099, 1, new short[2205]), T0);
        AudioAnalysis span = stage.analyses().get(0);
        assertEquals(AnalysisStatus.NOT_ANALYSED, span.analysis().status());
        assertTrue(span.analysis().detail().startsWith("cannot analyse audio at 44099 Hz: converting 44099 Hz to 44100 Hz"),
                span.analysis().detail());
    }

    @Test
    void aGapInTheSampleOffsetsStartsTheWindowsOverWithoutAnError() {
        List<AudioChunk> chunks = new ArrayList<>(Signals.chunks("g", Signals.syllables(1.0, 150, 4, 0.4, 3), 44_100, 2205, T0));
        chunks.remove(7); // a live source lost 50 ms
        stage.pipe(chunks);
        List<AudioAnalysis> spans = stage.analyses();
        assertEquals(chunks.size(), spans.size());
        for (int i = 0; i < spans.size(); i++) {
            assertEquals(chunks.get(i).sampleOffset(), spans.get(i).sampleOffset());
            assertEquals(AnalysisStatus.ANALYSED, spans.get(i).analysis().status());
        }
    }

    @Test
    void aChunkTooShortForAVadFrameCarriesTheLatestProbability() {
        // 10 ms chunks: only every third or fourth one completes a 32 ms VAD frame
        float[] signal = Signals.syllables(0.5, 150, 4, 0.4, 3);
        List<AudioChunk> chunks = Signals.chunks("short", signal, 44_100, 441, T0);
        stage.pipe(chunks);
        List<AudioAnalysis> spans = stage.analyses();
        assertEquals(chunks.size(), spans.size());
        assertEquals(AnalysisStatus.NOT_ANALYSED, spans.get(0).analysis().status(), "before the first VAD frame");
        assertTrue(spans.get(0).analysis().detail().contains("32 ms"));
        for (AudioAnalysis span : spans.subList(4, spans.size())) {
            assertEquals(AnalysisStatus.ANALYSED, span.analysis().status());
            assertNotNull(span.speechProbability());
        }
    }
}
