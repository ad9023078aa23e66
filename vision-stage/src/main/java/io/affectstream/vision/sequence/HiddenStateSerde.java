package io.affectstream.vision.sequence;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * A track's recurrent state in the store {@code vision-sequence-state}: a format byte, the value count, then the
 * values as big-endian IEEE floats (4 bytes each, about 1 kB for a 2 x 128 GRU).
 */
public final class HiddenStateSerde implements Serde<float[]> {
    private static final byte FORMAT = 1;

    @Override
    public Serializer<float[]> serializer() {
        return (topic, state) -> {
            if (state == null) {
                return null;
            }
            ByteBuffer b = ByteBuffer.allocate(1 + Integer.BYTES + Float.BYTES * state.length);
            b.put(FORMAT).putInt(state.length);
            for (float v : state) {
                b.putFloat(v);
            }
            return b.array();
        };
    }

    @Override
    public Deserializer<float[]> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                byte format = b.get();
                if (format != FORMAT) {
                    throw new SerializationException("hidden state on " + topic + ": unknown format " + format);
                }
                int n = b.getInt();
                if (n < 0 || n != b.remaining() / Float.BYTES || b.remaining() % Float.BYTES != 0) {
                    throw new SerializationException("hidden state on " + topic + ": says " + n + " values but has "
                            + b.remaining() + " bytes left");
                }
                float[] state = new float[n];
                for (int i = 0; i < n; i++) {
                    state[i] = b.getFloat();
                }
                return state;
            } catch (BufferUnderflowException e) {
                throw new SerializationException("hidden state on " + topic + ": truncated (" + bytes.length + " bytes)");
            }
        };
    }
}
