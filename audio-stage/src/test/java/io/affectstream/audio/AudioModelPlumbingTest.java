package io.affectstream.audio;

import io.affectstream.audio.dsp.Spectrogram;
import io.affectstream.inference.ExecutionDevice;
import io.affectstream.inference.FloatTensorInput;
import io.affectstream.inference.OnnxModel;
import io.affectstream.wire.AnalysisStatus;
import io.affectstream.wire.AudioAnalysis;
import io.affectstream.wire.AudioChunk;
import io.affectstream.wire.Source;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CNN-GRU contract with a tiny model built in the test: the stage feeds each chunk's spectrogram frames with the
 * stream's hidden state and stores the state it gets back, so chunked calls give exactly what one call over the
 * whole stream gives; streams do not share state; the state survives a restart through the changelog.
 */
class AudioModelPlumbingTest {
    private static final double TOLERANCE = 1e-4;

    @TempDir
    static Path dir;
    static Path modelFile;
    static float[] signalA;
    static float[] signalB;
    static List<float[]> expectedA;
    static List<float[]> expectedB;

    @BeforeAll
    static void buildModelAndExpectations() throws Exception {
        modelFile = TinyAudioGru.write(dir.resolve("tiny-audio-gru.onnx"), 42);
        signalA = Signals.syllables(1.5, 120, 4, 0.4, 1);
        signalB = Signals.concat(Signals.tone(700, 0.2, 0.6, Signals.RATE), Signals.syllables(0.9, 220, 6, 0.8, 2));
        expectedA = expected(modelFile, signalA);
        expectedB = expected(modelFile, signalB);
    }

    /**
     * Per chunk, the model's valence/arousal after every spectrogram frame completed by the end of that chunk,
     * computed in one call over the stream's frames from a zero state: no chunking, no state carried by the stage.
     */
    static List<float[]> expected(Path modelFile, float[] clean) {
        short[] pcm = Signals.pcm(clean); // what the stage sees: 16-bit samples / 32768
        float[] signal = new float[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            signal[i] = pcm[i] / 32768f;
        }
        Spectrogram spectrogram = new Spectrogram();
        List<float[]> frames = new ArrayList<>();
        for (int start = 0; start + Spectrogram.WINDOW_SAMPLES <= signal.length; start += Spectrogram.HOP_SAMPLES) {
            frames.add(spectrogram.compute(signal, start, new float[Spectrogram.BINS]));
        }
        List<float[]> perChunk = new ArrayList<>();
        try (OnnxModel model = OnnxModel.load(modelFile, AudioAffectModel.CONTRACT, ExecutionDevice.CPU)) {
            for (int end = Signals.CHUNK; end < signal.length + Signals.CHUNK; end += Signals.CHUNK) {
                int completed = 0;
                while (completed < frames.size()
                        && completed * Spectrogram.HOP_SAMPLES + Spectrogram.WINDOW_SAMPLES <= Math.min(end, signal.length)) {
                    completed++;
                }
                float[] x = new float[completed * Spectrogram.BINS];
                for (int t = 0; t < completed; t++) {
                    System.arraycopy(frames.get(t), 0, x, t * Spectrogram.BINS, Spectrogram.BINS);
                }
                perChunk.add(completed == 0 ? null : model.run(Map.of(
                        "spectrogram", FloatTensorInput.of(x, 1, completed, Spectrogram.BINS),
                        "h0", FloatTensorInput.allocate(1, 1, TinyAudioGru.HIDDEN))).get("valence_arousal").data());
            }
        }
        return perChunk;
    }

    private static Map<String, Object> settings() {
        // threshold 0: every chunk counts as speech, so every chunk shows the model's values
        return Map.of(AudioConfig.MODEL, modelFile.toString(), AudioConfig.VAD_THRESHOLD, 0.0);
    }

    static void assertMatches(List<float[]> expected, List<AudioAnalysis> spans, int firstChunk) {
        for (int i = 0; i < spans.size(); i++) {
            AudioAnalysis span = spans.get(i);
            float[] want = expected.get(firstChunk + i);
            assertEquals(AnalysisStatus.ANALYSED, span.analysis().status());
            assertEquals(Source.MODEL, span.source(), "chunk " + (firstChunk + i));
            assertNotNull(span.valence(), "a model gives valence");
            assertEquals(want[0], span.valence(), TOLERANCE, "valence of chunk " + (firstChunk + i));
            assertEquals(want[1], span.arousal(), TOLERANCE, "arousal of chunk " + (firstChunk + i));
        }
    }

    private static List<AudioAnalysis> of(String stream, List<AudioAnalysis> spans) {
        return spans.stream().filter(s -> s.streamId().equals(stream)).toList();
    }

    @Test
    void theHiddenStateIsCarriedFromChunkToChunk() {
        try (AudioStageHarness stage = new AudioStageHarness(settings())) {
            List<AudioChunk> chunks = Signals.chunks("a", signalA, Signals.RATE, Signals.CHUNK, AudioStageHarness.T0);
            stage.pipe(chunks);
            List<AudioAnalysis> spans = stage.analyses();
            assertEquals(chunks.size(), spans.size());
            assertMatches(expectedA, spans, 0);
            // and the values do move: the state is not stuck
            assertTrue(Math.abs(spans.get(3).arousal() - spans.get(spans.size() - 1).arousal()) > 1e-3);
        }
    }

    @Test
    void interleavedStreamsKeepTheirOwnHiddenState() {
        try (AudioStageHarness stage = new AudioStageHarness(settings())) {
            List<AudioChunk> a = Signals.chunks("a", signalA, Signals.RATE, Signals.CHUNK, AudioStageHarness.T0);
            List<AudioChunk> b = Signals.chunks("b", signalB, Signals.RATE, Signals.CHUNK, AudioStageHarness.T0 + 7);
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                if (i < a.size()) {
                    stage.pipe(a.get(i), a.get(i).capturedAtMs());
                }
                if (i < b.size()) {
                    stage.pipe(b.get(i), b.get(i).capturedAtMs());
                }
            }
            List<AudioAnalysis> spans = stage.analyses();
            assertMatches(expectedA, of("a", spans), 0);
            assertMatches(expectedB, of("b", spans), 0);
        }
    }

    @Test
    void theHiddenStateAndTheCarryOverBuffersAreRestoredFromTheChangelogAfterARestart() {
        List<AudioChunk> chunks = Signals.chunks("a", signalA, Signals.RATE, Signals.CHUNK, AudioStageHarness.T0);
        int half = chunks.size() / 2;
        Map<String, Map<String, byte[]>> changelogs = new LinkedHashMap<>();
        try (AudioStageHarness before = new AudioStageHarness(settings())) {
            before.pipe(chunks.subList(0, half));
            assertMatches(expectedA, before.analyses(), 0);
            for (String store : List.of(AudioTopology.STREAM_STORE, AudioTopology.MODEL_STORE)) {
                String topic = before.config.applicationId() + "-" + store + "-changelog";
                Map<String, byte[]> latest = new LinkedHashMap<>();
                for (TestRecord<String, byte[]> r : before.driver.createOutputTopic(topic, Serdes.String().deserializer(),
                        Serdes.ByteArray().deserializer()).readRecordsToList()) {
                    latest.put(r.key(), r.value());
                }
                assertTrue(latest.containsKey("a"), store + " is changelogged");
                changelogs.put(store, latest);
            }
        }
        // a new instance with empty local state: restore the stores from their changelogs, then go on
        try (AudioStageHarness after = new AudioStageHarness(settings())) {
            restore(after, AudioTopology.STREAM_STORE, StateSerde.STREAM, changelogs);
            restore(after, AudioTopology.MODEL_STORE, StateSerde.MODEL, changelogs);
            after.pipe(chunks.subList(half, chunks.size()));
            List<AudioAnalysis> spans = after.analyses();
            assertEquals(chunks.size() - half, spans.size());
            assertMatches(expectedA, spans, half);
        }
    }

    private static <T> void restore(AudioStageHarness stage, String store, StateSerde<T> serde,
                                    Map<String, Map<String, byte[]>> changelogs) {
        KeyValueStore<String, T> kv = stage.driver.getKeyValueStore(store);
        for (Map.Entry<String, byte[]> e : changelogs.get(store).entrySet()) {
            kv.put(e.getKey(), serde.deserializer().deserialize("restore", e.getValue()));
        }
    }

    @Test
    void theEndOfAStreamDropsItsState() {
        try (AudioStageHarness stage = new AudioStageHarness(settings())) {
            stage.pipe(Signals.chunks("a", signalA, Signals.RATE, Signals.CHUNK, AudioStageHarness.T0).subList(0, 4));
            assertNotNull(stage.driver.getKeyValueStore(AudioTopology.MODEL_STORE).get("a"));
            stage.end("a", 4 * Signals.CHUNK, AudioStageHarness.T0 + 200);
            assertEquals(null, stage.driver.getKeyValueStore(AudioTopology.MODEL_STORE).get("a"));
            assertEquals(null, stage.driver.getKeyValueStore(AudioTopology.STREAM_STORE).get("a"));
        }
    }

    @Test
    void aModelWithoutItsLabelSetIsRefusedAtStartupNamingTheKey() throws Exception {
        Path bad = TinyAudioGru.builder(1).metadata(AudioAffectModel.EXPRESSIONS_KEY, "happy,sad")
                .writeTo(dir.resolve("bad-labels.onnx"));
        AudioConfig config = new AudioConfig(Map.of("bootstrap.servers", "x:9092", AudioConfig.MODEL, bad.toString()));
        AudioMetrics metrics = new AudioMetrics();
        metrics.bindTo(new SimpleMeterRegistry());
        ConfigException e = assertThrows(ConfigException.class, () -> AudioModels.load(config, metrics));
        assertTrue(e.getMessage().contains(AudioConfig.MODEL) && e.getMessage().contains("permutation of neutral,anger"),
                e.getMessage());
    }
}
