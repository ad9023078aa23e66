package io.affectstream.wire.serde;

import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.AffectMessage;
import io.affectstream.wire.Analysis;
import io.affectstream.wire.AnalysisStatus;
import io.affectstream.wire.AudioAnalysis;
import io.affectstream.wire.AudioAnalysisMessage;
import io.affectstream.wire.Box;
import io.affectstream.wire.EndOfStream;
import io.affectstream.wire.EndReason;
import io.affectstream.wire.Face;
import io.affectstream.wire.Modality;
import io.affectstream.wire.Topics;
import io.affectstream.wire.ActionUnit;
import io.affectstream.wire.Expressions;
import io.affectstream.wire.HeadPose;
import io.affectstream.wire.Keypoint;
import io.affectstream.wire.Source;
import io.affectstream.wire.VisionFrame;
import io.affectstream.wire.VisionMessage;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonSerdeTest {
    private static final Analysis NOT_ANALYSED = new Analysis(AnalysisStatus.NOT_ANALYSED, "no model configured");

    private static <T> T roundTrip(io.affectstream.wire.Topic<String, T> topic, T value) {
        return topic.valueSerde().deserializer().deserialize(topic.name(),
                topic.valueSerde().serializer().serialize(topic.name(), value));
    }

    @Test
    void visionFramesAndTheirEndRoundTrip() {
        VisionFrame frame = new VisionFrame("s", 7, 280_000, 1_000_280, 640, 480, 1280, 960, true, NOT_ANALYSED,
                List.of(new Face(3, new Box(10.5, 20, 100, 120), 0.93, List.of(new Keypoint("nose_tip", 60, 80)),
                        Expressions.of(new double[] {0.1, 0.05, 0.05, 0.05, 0.6, 0.1, 0.05}, Source.MODEL), 0.4, 0.2,
                        Source.DERIVED, List.of(new ActionUnit(12, 0.8, Source.GEOMETRY)), new HeadPose(5, -2, 1),
                        List.of("mini-xception@human-3.3.6"))), 1_000_300, 1_000_320);
        EndOfStream end = new EndOfStream("s", Modality.VIDEO, 8, 1_000_320, EndReason.COMPLETED, null);
        assertEquals(frame, roundTrip(Topics.VISION_FRAMES, frame));
        assertEquals(end, roundTrip(Topics.VISION_FRAMES, (VisionMessage) end));
    }

    @Test
    void audioAnalysesKeepNullsAsUnknownRatherThanZero() {
        AudioAnalysis analysis = new AudioAnalysis("s", 2205, 2205, 44_100, 1_000_050, NOT_ANALYSED,
                null, null, null, null, 1_000_060, 1_000_070);
        AudioAnalysisMessage back = roundTrip(Topics.AUDIO_AFFECT, analysis);
        assertEquals(analysis, back);
        assertNull(((AudioAnalysis) back).arousal());
        String json = new String(Topics.AUDIO_AFFECT.valueSerde().serializer().serialize("t", analysis),
                StandardCharsets.UTF_8);
        assertTrue(!json.contains("arousal"), json);
    }

    @Test
    void affectFramesCarryTheirKindAndSchemaVersionFirst() {
        AffectFrame frame = new AffectFrame(AffectFrame.SCHEMA_VERSION, "s", 0, 0, 1_000_000, 640, 480, List.of(),
                NOT_ANALYSED, new AffectFrame.AudioReport(new Analysis(AnalysisStatus.ABSENT, null), null, null, null, null,
                        null), new AffectFrame.Smoothing("causal", 5),
                new AffectFrame.Timing(1_000_001, 1_000_010, null, 1_000_020, 20, 19));
        String json = new JsonSerde<>(AffectMessage.class).toJson(frame);
        assertTrue(json.startsWith("{\"kind\":\"frame\",\"schemaVersion\":1,\"streamId\":\"s\""), json);
        assertEquals(frame, roundTrip(Topics.AFFECT_FRAMES, frame));
        EndOfStream end = new EndOfStream("s", Modality.VIDEO, 1, 1_000_000, EndReason.COMPLETED, null);
        assertTrue(new JsonSerde<>(AffectMessage.class).toJson(end).contains("\"kind\":\"end_of_stream\""));
    }

    @Test
    void expressionProbabilitiesAreAnObjectKeyedByCanonicalLabelInOrder() {
        Expressions expressions = Expressions.of(new double[] {0.1, 0.05, 0.05, 0.05, 0.6, 0.1, 0.05}, Source.MODEL);
        String json = new JsonSerde<>(Expressions.class).toJson(expressions);
        assertEquals("{\"probabilities\":{\"neutral\":0.1,\"anger\":0.05,\"disgust\":0.05,\"fear\":0.05,"
                + "\"happiness\":0.6,\"sadness\":0.1,\"surprise\":0.05},\"label\":\"happiness\",\"source\":\"model\"}", json);
        assertEquals(expressions, new JsonSerde<>(Expressions.class).deserialize("t", json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void unknownFieldsFromANewerProducerAreIgnored() {
        String json = "{\"kind\":\"end_of_stream\",\"streamId\":\"s\",\"modality\":\"audio\",\"count\":5,"
                + "\"capturedAtMs\":9,\"reason\":\"completed\",\"addedLater\":true}";
        AffectMessage back = Topics.AFFECT_FRAMES.valueSerde().deserializer()
                .deserialize("t", json.getBytes(StandardCharsets.UTF_8));
        assertEquals(new EndOfStream("s", Modality.AUDIO, 5, 9, EndReason.COMPLETED, null), back);
    }

    @Test
    void nullMapsToNullBothWays() {
        assertNull(Topics.AFFECT_FRAMES.valueSerde().serializer().serialize("t", null));
        assertNull(Topics.AFFECT_FRAMES.valueSerde().deserializer().deserialize("t", null));
    }

    @Test
    void corruptPayloadsAreRejectedNamingTopicAndType() {
        for (String bad : List.of("{not json", "{\"kind\":\"martian\"}", "[1,2,3]",
                "{\"kind\":\"end_of_stream\",\"modality\":\"video\",\"count\":-1,\"capturedAtMs\":1,\"reason\":\"completed\",\"streamId\":\"s\"}",
                "{\"kind\":\"end_of_stream\",\"count\":1}")) {
            SerializationException e = assertThrows(SerializationException.class, () -> Topics.AFFECT_FRAMES.valueSerde()
                    .deserializer().deserialize("affect.frames", bad.getBytes(StandardCharsets.UTF_8)), bad);
            assertTrue(e.getMessage().contains("affect.frames") && e.getMessage().contains("AffectMessage"),
                    e.getMessage());
        }
    }
}
