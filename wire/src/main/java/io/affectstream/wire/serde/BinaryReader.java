package io.affectstream.wire.serde;

import org.apache.kafka.common.errors.SerializationException;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reads the binary wire format, turning every malformation into a {@link SerializationException} that says what. */
final class BinaryReader {
    private final ByteBuffer buffer;
    private final String topic;

    BinaryReader(String topic, byte[] data) {
        this.topic = topic;
        this.buffer = ByteBuffer.wrap(data);
    }

    byte readByte() {
        return guard(() -> buffer.get());
    }

    int readInt() {
        return guard(buffer::getInt);
    }

    long readLong() {
        return guard(buffer::getLong);
    }

    String readString() {
        int length = readLength("string");
        byte[] bytes = new byte[length];
        guard(() -> buffer.get(bytes));
        return new String(bytes, StandardCharsets.UTF_8);
    }

    String readNullableString() {
        return readByte() == 0 ? null : readString();
    }

    byte[] readBytes() {
        byte[] bytes = new byte[readLength("byte array")];
        guard(() -> buffer.get(bytes));
        return bytes;
    }

    short[] readShorts() {
        int count = readInt();
        if (count < 0 || (long) count * Short.BYTES > buffer.remaining()) {
            throw corrupt("sample count " + count + " does not fit the " + buffer.remaining() + " bytes left");
        }
        short[] shorts = new short[count];
        buffer.asShortBuffer().get(shorts);
        buffer.position(buffer.position() + count * Short.BYTES);
        return shorts;
    }

    <E extends Enum<E>> E readEnum(E[] values, String what) {
        int ordinal = readByte();
        if (ordinal < 0 || ordinal >= values.length) {
            throw corrupt("unknown " + what + " code " + ordinal);
        }
        return values[ordinal];
    }

    void expectEnd() {
        if (buffer.hasRemaining()) {
            throw corrupt(buffer.remaining() + " unexpected trailing bytes");
        }
    }

    SerializationException corrupt(String what) {
        return new SerializationException("corrupt record on topic '" + topic + "': " + what);
    }

    private int readLength(String what) {
        int length = readInt();
        if (length < 0 || length > buffer.remaining()) {
            throw corrupt(what + " length " + length + " exceeds the " + buffer.remaining() + " bytes left");
        }
        return length;
    }

    private <T> T guard(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (BufferUnderflowException e) {
            throw corrupt("truncated at byte " + buffer.position() + " of " + buffer.limit());
        }
    }
}
