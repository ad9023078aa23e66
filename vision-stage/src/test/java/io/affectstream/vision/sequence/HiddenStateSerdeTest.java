package io.affectstream.vision.sequence;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HiddenStateSerdeTest {
    private final HiddenStateSerde serde = new HiddenStateSerde();

    @Test
    void roundTripsAState() {
        float[] state = {0f, -1.5f, 3.25e-7f, Float.MAX_VALUE};
        assertArrayEquals(state, serde.deserializer().deserialize("t", serde.serializer().serialize("t", state)));
    }

    @Test
    void nullStaysNull() {
        assertNull(serde.serializer().serialize("t", null));
        assertNull(serde.deserializer().deserialize("t", null));
    }

    @Test
    void corruptBytesAreASerializationError() {
        byte[] ok = serde.serializer().serialize("t", new float[] {1, 2, 3});
        assertThrows(SerializationException.class, () -> serde.deserializer().deserialize("t", new byte[] {1, 0}));
        assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize("t", java.util.Arrays.copyOf(ok, ok.length - 2)));
        byte[] wrongFormat = ok.clone();
        wrongFormat[0] = 9;
        assertThrows(SerializationException.class, () -> serde.deserializer().deserialize("t", wrongFormat));
    }
}
