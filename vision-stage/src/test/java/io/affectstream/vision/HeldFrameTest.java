package io.affectstream.vision;

import io.affectstream.wire.ImageEncoding;
import io.affectstream.wire.VideoFrame;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeldFrameTest {
    private static final String TOPIC = "affect-vision-vision-frame-buffer-changelog";
    private final HeldFrame.WireSerde serde = new HeldFrame.WireSerde();
    private final VideoFrame frame = new VideoFrame("cam-1", 7, 280_000, 1_700_000_000_280L, 1_700_000_000_300L,
            640, 360, 1280, 720, true, ImageEncoding.JPEG, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});

    private HeldFrame roundTrip(HeldFrame held) {
        return serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, held));
    }

    @Test
    void aHeldFrameComesBackWithItsKeyAndTimestamp() {
        HeldFrame held = new HeldFrame("cam-1 ü", 1_700_000_000_999L, frame);
        assertEquals(held, roundTrip(held));
        assertEquals(1_700_000_000_999L, roundTrip(held).toRecord().timestamp());
        assertEquals("cam-1 ü", roundTrip(held).toRecord().key());
    }

    @Test
    void aRecordWithoutAKeyKeepsHavingNone() {
        assertNull(roundTrip(new HeldFrame(null, 5, frame)).key());
    }

    @Test
    void aTruncatedHeldFrameIsAClearError() {
        byte[] bytes = serde.serializer().serialize(TOPIC, new HeldFrame("cam-1", 5, frame));
        SerializationException e = assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize(TOPIC, Arrays.copyOf(bytes, 10)));
        assertTrue(e.getMessage().contains(TOPIC) && e.getMessage().contains("truncated"), e.getMessage());
        assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize(TOPIC, Arrays.copyOf(bytes, bytes.length - 2)));
    }

    @Test
    void nullIsATombstone() {
        assertNull(serde.serializer().serialize(TOPIC, null));
        assertNull(serde.deserializer().deserialize(TOPIC, null));
    }
}
