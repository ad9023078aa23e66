package io.affectstream.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;

/**
 * A reusable {@code int64} input, e.g. the sample-rate scalar {@code sr} of Silero VAD.
 * See {@link TensorInput} for the reuse rules.
 */
public final class LongTensorInput extends TensorInput {
    private final LongBuffer buffer;

    private LongTensorInput(LongBuffer buffer, long[] shape) {
        super(shape);
        this.buffer = buffer;
    }

    /** Allocates a direct buffer sized exactly for {@code shape}. */
    public static LongTensorInput allocate(long... shape) {
        return withCapacity(Shapes.elementCount(shape), shape);
    }

    /** Allocates a direct buffer of {@code capacity} longs with an initial shape. */
    public static LongTensorInput withCapacity(int capacity, long... shape) {
        LongBuffer lb = ByteBuffer.allocateDirect(Math.multiplyExact(capacity, Long.BYTES))
                .order(ByteOrder.nativeOrder()).asLongBuffer();
        return wrap(lb, shape);
    }

    /** Uses a caller-owned buffer, which must be direct and in native byte order. */
    public static LongTensorInput wrap(LongBuffer buffer, long... shape) {
        checkBuffer(buffer, buffer == null ? null : buffer.order(), Shapes.elementCount(shape), shape);
        return new LongTensorInput(buffer, shape);
    }

    /** A rank-0 (scalar) tensor holding {@code value}. */
    public static LongTensorInput scalar(long value) {
        LongTensorInput input = allocate();
        input.buffer.put(0, value);
        return input;
    }

    /** Convenience for one-off calls and tests: copies {@code data} into a new direct buffer. */
    public static LongTensorInput of(long[] data, long... shape) {
        LongTensorInput input = allocate(shape);
        input.put(data);
        return input;
    }

    /** The live buffer to fill; data starts at index 0. */
    public LongBuffer buffer() {
        return buffer;
    }

    /** Copies {@code data} to the start of the buffer; its length must equal {@link #elementCount()}. */
    public LongTensorInput put(long[] data) {
        if (data.length != elementCount()) {
            throw new IllegalArgumentException("Got " + data.length + " longs for shape "
                    + Shapes.format(shapeRef()) + ", which needs " + elementCount());
        }
        buffer.clear();
        buffer.put(data);
        return this;
    }

    @Override
    public LongTensorInput reshape(long... newShape) {
        super.reshape(newShape);
        return this;
    }

    @Override
    public ElementType elementType() {
        return ElementType.INT64;
    }

    @Override
    public int capacity() {
        return buffer.capacity();
    }

    @Override
    Buffer buffer0() {
        return buffer;
    }

    @Override
    OnnxTensor create(OrtEnvironment env) throws OrtException {
        return OnnxTensor.createTensor(env, buffer, shapeRef());
    }
}
