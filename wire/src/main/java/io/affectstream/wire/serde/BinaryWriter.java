package io.affectstream.wire.serde;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Writes the binary wire format into a growable buffer. */
final class BinaryWriter {
    private ByteBuffer buffer;

    BinaryWriter(int expectedSize) {
        buffer = ByteBuffer.allocate(Math.max(64, expectedSize));
    }

    BinaryWriter writeByte(int value) {
        ensure(1).put((byte) value);
        return this;
    }

    BinaryWriter writeInt(int value) {
        ensure(Integer.BYTES).putInt(value);
        return this;
    }

    BinaryWriter writeLong(long value) {
        ensure(Long.BYTES).putLong(value);
        return this;
    }

    BinaryWriter writeString(String value) {
        return writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    BinaryWriter writeNullableString(String value) {
        if (value == null) {
            return writeByte(0);
        }
        return writeByte(1).writeString(value);
    }

    BinaryWriter writeBytes(byte[] value) {
        writeInt(value.length);
        ensure(value.length).put(value);
        return this;
    }

    BinaryWriter writeShorts(short[] value) {
        writeInt(value.length);
        ByteBuffer target = ensure(value.length * Short.BYTES);
        target.asShortBuffer().put(value);
        target.position(target.position() + value.length * Short.BYTES);
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private ByteBuffer ensure(int bytes) {
        if (buffer.remaining() < bytes) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
            bigger.put(buffer.array(), 0, buffer.position());
            buffer = bigger;
        }
        return buffer;
    }
}
