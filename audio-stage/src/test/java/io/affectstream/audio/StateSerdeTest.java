package io.affectstream.audio;

import io.affectstream.wire.AudioChunk;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateSerdeTest {
    private static StreamState analysedState(int rate) {
        AudioMetrics metrics = new AudioMetrics();
        metrics.bindTo(new SimpleMeterRegistry());
        try (AudioModels models = AudioModels.load(new AudioConfig(Map.of("bootstrap.servers", "x:9092")), metrics)) {
            AudioAnalyzer analyzer = new AudioAnalyzer(models.acquire(), 0.5, metrics, () -> 0L);
            StreamState state = StreamState.startRun(null, rate, 1, 0);
            for (AudioChunk c : Signals.chunks("s", Signals.syllables(0.4, 150, 4, 0.3, 1), rate, rate / 20, 0)) {
                analyzer.analyse(state, null, c);
            }
            return state;
        }
    }

    @Test
    void aStreamStateRoundTripsByteForByte() {
        for (int rate : new int[]{44_100, 48_000}) {
            StreamState state = analysedState(rate);
            byte[] bytes = StateSerde.STREAM.serializer().serialize("t", state);
            assertTrue(bytes.length > 1000 && bytes.length < 32 * 1024, bytes.length + " bytes");
            StreamState copy = StateSerde.STREAM.deserializer().deserialize("t", bytes);
            assertArrayEquals(bytes, StateSerde.STREAM.serializer().serialize("t", copy));
            assertEquals(state.nextOffset, copy.nextOffset);
            assertEquals(rate == 44_100, copy.toAnalysisRate == null);
        }
    }

    @Test
    void aModelStateRoundTrips() {
        AudioAffectModel.State state = new AudioAffectModel.State(new float[]{1, -2, 3, 0.5f}, 0.25f, -0.5f, 7);
        AudioAffectModel.State copy = StateSerde.MODEL.deserializer().deserialize("t",
                StateSerde.MODEL.serializer().serialize("t", state));
        assertArrayEquals(state.hidden, copy.hidden);
        assertEquals(0.25f, copy.valence);
        assertEquals(-0.5f, copy.arousal);
        assertEquals(7, copy.frames);
    }

    @Test
    void nullStaysNull() {
        assertNull(StateSerde.STREAM.serializer().serialize("t", null));
        assertNull(StateSerde.STREAM.deserializer().deserialize("t", null));
        assertNull(StateSerde.MODEL.deserializer().deserialize("t", null));
    }

    @Test
    void aTruncatedOrPaddedOrForeignPayloadIsRefusedWithAReason() {
        byte[] bytes = StateSerde.STREAM.serializer().serialize("t", analysedState(44_100));
        SerializationException truncated = assertThrows(SerializationException.class,
                () -> StateSerde.STREAM.deserializer().deserialize("t", Arrays.copyOf(bytes, bytes.length / 2)));
        assertTrue(truncated.getMessage().startsWith("cannot read audio stream state"), truncated.getMessage());
        SerializationException padded = assertThrows(SerializationException.class,
                () -> StateSerde.STREAM.deserializer().deserialize("t", Arrays.copyOf(bytes, bytes.length + 3)));
        assertTrue(padded.getMessage().contains("3 trailing bytes"), padded.getMessage());
        byte[] newer = bytes.clone();
        newer[0] = 9;
        SerializationException version = assertThrows(SerializationException.class,
                () -> StateSerde.STREAM.deserializer().deserialize("t", newer));
        assertTrue(version.getMessage().contains("version 9"), version.getMessage());
    }
}
