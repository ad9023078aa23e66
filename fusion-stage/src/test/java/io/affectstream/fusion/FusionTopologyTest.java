package io.affectstream.fusion;

import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.AffectMessage;
import io.affectstream.wire.Analysis;
import io.affectstream.wire.AnalysisStatus;
import io.affectstream.wire.AudioAnalysis;
import io.affectstream.wire.AudioAnalysisMessage;
import io.affectstream.wire.EndOfStream;
import io.affectstream.wire.EndReason;
import io.affectstream.wire.Modality;
import io.affectstream.wire.Topics;
import io.affectstream.wire.VisionFrame;
import io.affectstream.wire.VisionMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FusionTopologyTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final Analysis NOT_ANALYSED = new Analysis(AnalysisStatus.NOT_ANALYSED, "no face model configured");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, VisionMessage> vision;
    private TestInputTopic<String, AudioAnalysisMessage> audio;
    private TestOutputTopic<String, AffectMessage> out;

    @BeforeEach
    void start(@org.junit.jupiter.api.io.TempDir Path stateDir) {
        FusionConfig config = new FusionConfig(Map.of("bootstrap.servers", "unused:9092",
                "state.dir", stateDir.toString()));
        FusionMetrics metrics = new FusionMetrics();
        metrics.bindTo(registry);
        driver = new TopologyTestDriver(FusionTopology.build(config, metrics, () -> T0 + 1_000),
                config.streamsProperties());
        vision = driver.createInputTopic(Topics.VISION_FRAMES.name(), Serdes.String().serializer(),
                Topics.VISION_FRAMES.valueSerde().serializer());
        audio = driver.createInputTopic(Topics.AUDIO_AFFECT.name(), Serdes.String().serializer(),
                Topics.AUDIO_AFFECT.valueSerde().serializer());
        out = driver.createOutputTopic(Topics.AFFECT_FRAMES.name(), Serdes.String().deserializer(),
                Topics.AFFECT_FRAMES.valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void frame(long index) {
        frame(index, true);
    }

    private void frame(long index, boolean audioTrack) {
        long captured = T0 + index * 40;
        vision.pipeInput(new TestRecord<>("s", new VisionFrame("s", index, index * 40_000, captured, 640, 360,
                1280, 720, audioTrack, NOT_ANALYSED, List.of(), T0 + index * 40 + 5, T0 + index * 40 + 20),
                Instant.ofEpochMilli(captured)));
    }

    private void audioSpan(long offset, int count) {
        long captured = T0 + offset * 1000 / 44_100;
        audio.pipeInput(new TestRecord<>("s", new AudioAnalysis("s", offset, count, 44_100, captured,
                new Analysis(AnalysisStatus.NOT_ANALYSED, "no audio model configured"), null, null, null,
                captured + 1, captured + 2), Instant.ofEpochMilli(captured)));
    }

    private AffectFrame next() {
        return assertInstanceOf(AffectFrame.class, out.readValue());
    }

    @Test
    void eachVisionFrameBecomesOneAffectRecordWithTimingAndSourcePixels() {
        audioSpan(0, 4410);
        frame(0);
        frame(1);
        AffectFrame first = next();
        assertEquals(AffectFrame.SCHEMA_VERSION, first.schemaVersion());
        assertEquals(0, first.frameIndex());
        assertEquals(1280, first.width());
        assertEquals(T0 + 5, first.timing().ingestedAtMs());
        assertEquals(T0 + 1_000, first.timing().fusedAtMs());
        assertEquals(995, first.timing().endToEndMs());
        assertEquals(1, next().frameIndex());
        assertTrue(out.isEmpty());
    }

    @Test
    void audioIsNotAnalysedWhereItCoversTheFrameAndMissingWhereItHasNotArrived() {
        audioSpan(0, 2205);              // 0-50 ms
        frame(0);                        // 0 ms: covered
        frame(2);                        // 80 ms: not yet
        assertEquals(AnalysisStatus.NOT_ANALYSED, next().audio().analysis().status());
        AffectFrame uncovered = next();
        assertEquals(AnalysisStatus.MISSING, uncovered.audio().analysis().status());
        assertNull(uncovered.audio().arousal());
    }

    @Test
    void aStreamWithoutAudioSaysSoOnEveryFrame() {
        audio.pipeInput(new TestRecord<>("s", new EndOfStream("s", Modality.AUDIO, 0, T0, EndReason.NO_TRACK, null),
                Instant.ofEpochMilli(T0)));
        frame(0);
        assertEquals(AnalysisStatus.ABSENT, next().audio().analysis().status());
    }

    @Test
    void aFrameFromASourceWithoutAudioIsAbsentEvenBeforeTheAudioEndArrives() {
        frame(0, false);
        AffectFrame frame = next();
        assertEquals(AnalysisStatus.ABSENT, frame.audio().analysis().status());
        assertEquals("the input has no audio track", frame.audio().analysis().detail());
    }

    @Test
    void theVideoEndIsPublishedAndTheStreamForgottenOnceBothModalitiesEnded() {
        audioSpan(0, 2205);
        frame(0);
        vision.pipeInput(new TestRecord<>("s", new EndOfStream("s", Modality.VIDEO, 1, T0, EndReason.COMPLETED, null),
                Instant.ofEpochMilli(T0 + 40)));
        KeyValueStore<String, StreamProgress> store = driver.getKeyValueStore(FusionTopology.PROGRESS_STORE);
        assertTrue(store.get("s").videoEnded());
        audio.pipeInput(new TestRecord<>("s", new EndOfStream("s", Modality.AUDIO, 2205, T0 + 50,
                EndReason.COMPLETED, null), Instant.ofEpochMilli(T0 + 50)));
        next();
        EndOfStream end = assertInstanceOf(EndOfStream.class, out.readValue());
        assertEquals(1, end.count());
        assertNull(store.get("s"));
        assertTrue(out.isEmpty());
    }

    @Test
    void streamsAreKeptApart() {
        audio.pipeInput(new TestRecord<>("other", new EndOfStream("other", Modality.AUDIO, 0, T0,
                EndReason.NO_TRACK, null), Instant.ofEpochMilli(T0)));
        audioSpan(0, 2205);
        frame(0);
        assertEquals(AnalysisStatus.NOT_ANALYSED, next().audio().analysis().status());
    }
}
