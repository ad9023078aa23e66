package io.affectstream.fusion;

import io.affectstream.testkit.AffectSchema;
import io.affectstream.wire.ActionUnit;
import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.AffectFrame.AffectFace;
import io.affectstream.wire.AffectMessage;
import io.affectstream.wire.Analysis;
import io.affectstream.wire.AnalysisStatus;
import io.affectstream.wire.AudioAnalysis;
import io.affectstream.wire.AudioAnalysisMessage;
import io.affectstream.wire.Box;
import io.affectstream.wire.EndOfStream;
import io.affectstream.wire.EndReason;
import io.affectstream.wire.Expression;
import io.affectstream.wire.Expressions;
import io.affectstream.wire.Face;
import io.affectstream.wire.Modality;
import io.affectstream.wire.Source;
import io.affectstream.wire.Topics;
import io.affectstream.wire.VisionFrame;
import io.affectstream.wire.VisionMessage;
import io.affectstream.wire.serde.JsonSerde;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FusionTopologyTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final Analysis VISION_OK = new Analysis(AnalysisStatus.ANALYSED, null);
    private static final Analysis AUDIO_OK = new Analysis(AnalysisStatus.ANALYSED, null);
    private static final JsonSerde<AffectMessage> JSON = new JsonSerde<>(AffectMessage.class);

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong clock = new AtomicLong(T0 + 10_000);
    private TopologyTestDriver driver;
    private TestInputTopic<String, VisionMessage> vision;
    private TestInputTopic<String, AudioAnalysisMessage> audio;
    private TestOutputTopic<String, AffectMessage> out;

    private void start(Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(Map.of("bootstrap.servers", "unused:9092",
                "state.dir", stateDir.toString()));
        props.putAll(extra);
        FusionConfig config = new FusionConfig(props);
        FusionMetrics metrics = new FusionMetrics();
        metrics.bindTo(registry);
        driver = new TopologyTestDriver(FusionTopology.build(config, metrics, clock::get), config.streamsProperties(),
                Instant.ofEpochMilli(clock.get()));
        vision = driver.createInputTopic(Topics.VISION_FRAMES.name(), Serdes.String().serializer(),
                Topics.VISION_FRAMES.valueSerde().serializer());
        audio = driver.createInputTopic(Topics.AUDIO_AFFECT.name(), Serdes.String().serializer(),
                Topics.AUDIO_AFFECT.valueSerde().serializer());
        out = driver.createOutputTopic(Topics.AFFECT_FRAMES.name(), Serdes.String().deserializer(),
                Topics.AFFECT_FRAMES.valueSerde().deserializer());
    }

    private void start() {
        start(Map.of());
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    private void advance(long ms) {
        clock.addAndGet(ms);
        driver.advanceWallClockTime(Duration.ofMillis(ms));
    }

    private static Face face(long trackId, double size, double[] expressions, Double valence, Double arousal) {
        return new Face(trackId, new Box(10, 10, size, size), 0.9, List.of(),
                expressions == null ? null : Expressions.of(expressions, Source.MODEL), valence, arousal,
                valence == null ? null : Source.DERIVED, List.of(new ActionUnit(12, 0.5, Source.GEOMETRY)), null,
                List.of("test-model@1"));
    }

    private void frame(long index, boolean audioTrack, Face... faces) {
        long captured = T0 + index * 40;
        vision.pipeInput(new TestRecord<>("s", new VisionFrame("s", index, index * 40_000, captured, 640, 360,
                1280, 720, audioTrack, VISION_OK, List.of(faces), T0 + index * 40 + 5, T0 + index * 40 + 20),
                Instant.ofEpochMilli(captured)));
    }

    private void frame(long index, Face... faces) {
        frame(index, true, faces);
    }

    /** Audio for [fromMs, toMs) of presentation time; analysed with the given values, or not analysed. */
    private void audioSpan(long fromMs, long toMs, Double speech, Double arousal) {
        long offset = fromMs * 44_100 / 1000;
        int count = (int) ((toMs - fromMs) * 44_100 / 1000);
        Analysis analysis = speech == null ? new Analysis(AnalysisStatus.NOT_ANALYSED, "no audio model configured")
                : AUDIO_OK;
        audio.pipeInput(new TestRecord<>("s", new AudioAnalysis("s", offset, count, 44_100, T0 + fromMs, analysis,
                speech, arousal, null, arousal == null ? null : Source.DERIVED, T0 + fromMs + 1, T0 + fromMs + 2),
                Instant.ofEpochMilli(T0 + fromMs)));
    }

    private List<AffectFrame> frames() {
        List<AffectFrame> frames = new ArrayList<>();
        for (AffectMessage m : out.readValuesToList()) {
            AffectSchema.assertValid(JSON.toJson(m));
            if (m instanceof AffectFrame f) {
                frames.add(f);
            }
        }
        return frames;
    }

    private static double[] neutral() {
        return new double[] {0.8, 0.02, 0.02, 0.02, 0.1, 0.02, 0.02};
    }

    private static double[] happy() {
        return new double[] {0.05, 0.0, 0.0, 0.0, 0.95, 0.0, 0.0};
    }

    @Test
    void aFrameWhoseAudioHasArrivedGoesOutAtOnceWithThatAudio() {
        start();
        audioSpan(0, 100, 0.9, 0.3);
        frame(0, face(1, 100, neutral(), 0.1, 0.2));
        List<AffectFrame> frames = frames();
        assertEquals(1, frames.size());
        AffectFrame f = frames.get(0);
        assertEquals(AnalysisStatus.ANALYSED, f.audio().analysis().status());
        assertEquals(0.9, f.audio().speechProbability());
        assertEquals(0.3, f.audio().arousal());
        assertEquals(T0 + 2, f.timing().audioAtMs());
        assertEquals(f.timing().fusedAtMs() - f.capturedAtMs(), f.timing().endToEndMs());
        assertEquals(f.timing().fusedAtMs() - (T0 + 5), f.timing().pipelineMs());
    }

    @Test
    void repeatedFramesAndAudioSpansAreDroppedAndCounted() {
        start(Map.of("delivery", "low-latency"));
        audioSpan(0, 50, 0.9, 0.3);
        frame(0, face(1, 100, neutral(), 0.1, 0.2));
        frame(1, face(1, 100, neutral(), 0.1, 0.2));
        // an at-least-once stage restarted from its last commit sends these again
        audioSpan(0, 50, 0.9, 0.3);
        frame(0, face(1, 100, neutral(), 0.1, 0.2));
        frame(1, face(1, 100, neutral(), 0.1, 0.2));
        audioSpan(50, 100, 0.1, null);
        frame(2, face(1, 100, neutral(), 0.1, 0.2));
        assertEquals(List.of(0L, 1L, 2L), frames().stream().map(AffectFrame::frameIndex).toList());
        assertEquals(2.0, registry.get("affect.fusion.duplicates").tag("modality", "vision").counter().count());
        assertEquals(1.0, registry.get("affect.fusion.duplicates").tag("modality", "audio").counter().count());
    }

    @Test
    void aRepeatOfAFrameStillWaitingForItsAudioIsDroppedToo() {
        start();
        frame(0, face(1, 100, neutral(), 0.1, 0.2));
        frame(1, face(1, 100, neutral(), 0.1, 0.2));
        frame(1, face(1, 100, neutral(), 0.1, 0.2));
        audioSpan(0, 100, 0.9, 0.3);
        assertEquals(List.of(0L, 1L), frames().stream().map(AffectFrame::frameIndex).toList());
    }

    @Test
    void aFrameWaitsForItsAudioThenGoesOutWithItInOrder() {
        start();
        frame(0, face(1, 100, neutral(), 0.1, 0.2));
        frame(1, face(1, 100, neutral(), 0.1, 0.2));
        assertTrue(out.isEmpty(), "frames wait for the audio of their time");
        advance(100);
        assertTrue(out.isEmpty(), "still within the 500 ms bound");
        audioSpan(0, 50, 0.8, 0.4);     // covers frame 0 (0 ms) and frame 1 (40 ms)
        List<AffectFrame> frames = frames();
        assertEquals(List.of(0L, 1L), frames.stream().map(AffectFrame::frameIndex).toList());
        assertTrue(frames.stream().allMatch(f -> f.audio().analysis().status() == AnalysisStatus.ANALYSED));
    }

    @Test
    void lateAudioNeverBlocksAFrameBeyondTheBound() {
        start(Map.of(FusionConfig.AUDIO_MAX_WAIT_MS, 200));
        frame(0, face(1, 100, neutral(), 0.1, 0.2));
        advance(150);
        assertTrue(out.isEmpty());
        advance(100);                    // the wall-clock punctuation releases it without any new record
        AffectFrame f = frames().get(0);
        assertEquals(AnalysisStatus.MISSING, f.audio().analysis().status());
        assertTrue(f.audio().analysis().detail().contains("200 ms"), f.audio().analysis().detail());
        assertEquals(1.0, registry.get("affect.fusion.audio.missing").counter().count());
        // fused falls back to vision alone, with the audio weighted 0
        assertEquals(0.2, f.faces().get(0).fused().arousal(), 1e-12);
        assertEquals(0.0, f.faces().get(0).fused().weights().arousalAudio());
    }

    @Test
    void aSourceWithoutAudioIsAbsentAtOnceAndAnEndedTrackIsAbsentToo() {
        start();
        frame(0, false);
        assertEquals(AnalysisStatus.ABSENT, frames().get(0).audio().analysis().status());
        audioSpan(0, 50, null, null);
        audio.pipeInput(new TestRecord<>("s", new EndOfStream("s", Modality.AUDIO, 2205, T0 + 50,
                EndReason.COMPLETED, null), Instant.ofEpochMilli(T0 + 50)));
        frame(5);                        // 200 ms, past the end of the audio
        AffectFrame late = frames().get(0);
        assertEquals(AnalysisStatus.ABSENT, late.audio().analysis().status());
        assertEquals("the audio track ended before this frame", late.audio().analysis().detail());
    }

    @Test
    void notAnalysedAudioPassesThroughWithoutValues() {
        start();
        audioSpan(0, 50, null, null);
        frame(0);
        AffectFrame f = frames().get(0);
        assertEquals(AnalysisStatus.NOT_ANALYSED, f.audio().analysis().status());
        assertNull(f.audio().arousal());
        assertTrue(f.faces().isEmpty());
    }

    @Test
    void fusionWeightsFollowTheValidationCcc() {
        start(Map.of(FusionConfig.SMOOTHING_WINDOW, 1));
        audioSpan(0, 50, 0.9, 0.8);
        frame(0, face(1, 100, neutral(), 0.5, 0.2));
        AffectFace f = frames().get(0).faces().get(0);
        // arousal: (0.43 * 0.2 + 0.50 * 0.8) / (0.43 + 0.50); valence: audio has none, so the face alone
        assertEquals((0.43 * 0.2 + 0.50 * 0.8) / 0.93, f.fused().arousal(), 1e-12);
        assertEquals(0.50 / 0.93, f.fused().weights().arousalAudio(), 1e-12);
        assertEquals(0.5, f.fused().valence(), 1e-12);
        assertEquals(1.0, f.fused().weights().valenceVision(), 1e-12);
    }

    @Test
    void audioOutsideSpeechGetsWeightZero() {
        start(Map.of(FusionConfig.SMOOTHING_WINDOW, 1));
        audioSpan(0, 50, 0.2, 0.8);      // speech probability below the 0.5 threshold
        frame(0, face(1, 100, neutral(), 0.5, 0.2));
        AffectFrame f = frames().get(0);
        assertEquals(0.2, f.faces().get(0).fused().arousal(), 1e-12);
        assertEquals(0.0, f.faces().get(0).fused().weights().arousalAudio());
        assertEquals(List.of(), f.audio().attributedTo());
        assertEquals(0.8, f.audio().arousal(), "still reported at stream level");
    }

    @Test
    void audioGoesToTheLargestFaceByDefaultAndToAllWhenConfigured() {
        start(Map.of(FusionConfig.SMOOTHING_WINDOW, 1));
        audioSpan(0, 50, 0.9, 0.8);
        frame(0, face(1, 50, neutral(), 0.0, 0.0), face(2, 120, neutral(), 0.0, 0.0));
        AffectFrame f = frames().get(0);
        assertEquals(List.of(2L), f.audio().attributedTo());
        assertEquals(0.0, f.faces().get(0).fused().arousal(), 1e-12);
        assertTrue(f.faces().get(1).fused().arousal() > 0.4);
        driver.close();
        driver = null;
        start(Map.of(FusionConfig.SMOOTHING_WINDOW, 1, FusionConfig.AUDIO_ATTRIBUTION, "all",
                "application.id", "fusion-all"));
        audioSpan(0, 50, 0.9, 0.8);
        frame(0, face(1, 50, neutral(), 0.0, 0.0), face(2, 120, neutral(), 0.0, 0.0));
        assertEquals(List.of(1L, 2L), frames().get(0).audio().attributedTo());
    }

    @Test
    void aCausalWindowOfFiveRemovesAOneFrameExpressionSpike() {
        start(Map.of(FusionConfig.SMOOTHING_WINDOW, 5));
        audioSpan(0, 1000, null, null);
        for (int i = 0; i < 10; i++) {
            frame(i, face(7, 100, i == 5 ? happy() : neutral(), i == 5 ? 0.9 : 0.0, 0.1));
        }
        List<AffectFrame> frames = frames();
        assertEquals(10, frames.size());
        for (AffectFrame f : frames) {
            Expressions e = f.faces().get(0).expressions();
            assertEquals(Expression.NEUTRAL, e.label(), "frame " + f.frameIndex());
            assertEquals(1.0, java.util.Arrays.stream(e.vector()).sum(), 1e-9, "renormalised");
            assertEquals(0.0, f.faces().get(0).valence(), 1e-12, "valence spike removed at " + f.frameIndex());
        }
        assertEquals("causal", frames.get(0).smoothing().mode());
        assertEquals(5, frames.get(0).smoothing().windowFrames());
    }

    @Test
    void withoutSmoothingTheSpikeStays() {
        start(Map.of(FusionConfig.SMOOTHING_WINDOW, 1));
        audioSpan(0, 1000, null, null);
        for (int i = 0; i < 10; i++) {
            frame(i, face(7, 100, i == 5 ? happy() : neutral(), 0.0, 0.1));
        }
        assertEquals(Expression.HAPPINESS, frames().get(5).faces().get(0).expressions().label());
    }

    @Test
    void aLostTrackStartsAFreshWindow() {
        start(Map.of(FusionConfig.SMOOTHING_WINDOW, 5));
        audioSpan(0, 1000, null, null);
        for (int i = 0; i < 4; i++) {
            frame(i, face(3, 100, neutral(), -0.5, 0.1));
        }
        frame(4);                        // the track is lost for a frame
        frame(5, face(3, 100, happy(), 0.8, 0.1));
        AffectFrame back = frames().get(5);
        assertEquals(Expression.HAPPINESS, back.faces().get(0).expressions().label(), "old frames no longer count");
        assertEquals(0.8, back.faces().get(0).valence(), 1e-12);
        assertEquals(0.5, back.faces().get(0).actionUnits().get(0).activation(), 1e-12);
    }

    @Test
    void centredSmoothingUsesFutureFramesAndFlushesAtTheEnd() {
        start(Map.of(FusionConfig.SMOOTHING_WINDOW, 3, FusionConfig.SMOOTHING_MODE, "centred"));
        audioSpan(0, 1000, null, null);
        frame(0, face(1, 100, neutral(), 0.0, 0.0));
        assertTrue(out.isEmpty(), "waits for one future frame");
        frame(1, face(1, 100, happy(), 0.9, 0.0));
        frame(2, face(1, 100, neutral(), 0.0, 0.0));
        vision.pipeInput(new TestRecord<>("s", new EndOfStream("s", Modality.VIDEO, 3, T0 + 80, EndReason.COMPLETED,
                null), Instant.ofEpochMilli(T0 + 80)));
        List<AffectMessage> all = out.readValuesToList();
        assertEquals(4, all.size());
        for (int i = 0; i < 3; i++) {
            AffectFrame f = (AffectFrame) all.get(i);
            assertEquals(i, f.frameIndex());
            assertEquals(Expression.NEUTRAL, f.faces().get(0).expressions().label());
        }
        assertInstanceOf(EndOfStream.class, all.get(3));
    }

    @Test
    void theVideoEndWaitsBehindPendingFramesAndTheStreamIsForgottenOnceBothEnded() {
        start();
        frame(0);
        vision.pipeInput(new TestRecord<>("s", new EndOfStream("s", Modality.VIDEO, 1, T0, EndReason.COMPLETED, null),
                Instant.ofEpochMilli(T0 + 40)));
        assertTrue(out.isEmpty(), "the end may not overtake the waiting frame");
        audioSpan(0, 50, null, null);
        List<AffectMessage> all = out.readValuesToList();
        assertInstanceOf(AffectFrame.class, all.get(0));
        assertEquals(1, assertInstanceOf(EndOfStream.class, all.get(1)).count());
        audio.pipeInput(new TestRecord<>("s", new EndOfStream("s", Modality.AUDIO, 2205, T0 + 50,
                EndReason.COMPLETED, null), Instant.ofEpochMilli(T0 + 50)));
        KeyValueStore<String, Object> audioStore = driver.getKeyValueStore(FusionTopology.AUDIO_STORE);
        KeyValueStore<String, Object> pending = driver.getKeyValueStore(FusionTopology.PENDING_STORE);
        KeyValueStore<String, Object> history = driver.getKeyValueStore(FusionTopology.HISTORY_STORE);
        assertNull(audioStore.get("s"));
        assertNull(pending.get("s"));
        assertNull(history.get("s"));
    }

    @Test
    void streamsAreAlignedIndependently() {
        start();
        audio.pipeInput(new TestRecord<>("other", new AudioAnalysis("other", 0, 44_100, 44_100, T0, AUDIO_OK, 0.9,
                0.5, null, Source.DERIVED, T0, T0), Instant.ofEpochMilli(T0)));
        frame(0);
        assertTrue(out.isEmpty(), "another stream's audio does not cover this one");
        audioSpan(0, 50, null, null);
        assertEquals(AnalysisStatus.NOT_ANALYSED, frames().get(0).audio().analysis().status());
    }

    @Test
    void latencyTimersCarryPercentiles() {
        start();
        audioSpan(0, 1000, null, null);
        for (int i = 0; i < 5; i++) {
            frame(i);
        }
        frames();
        assertEquals(5, registry.get("affect.fusion.pipeline").timer().count());
        assertEquals(5, registry.get("affect.fusion.hop").timer().count());
        assertTrue(registry.get("affect.fusion.pipeline").timer().takeSnapshot().percentileValues().length == 2);
    }
}
