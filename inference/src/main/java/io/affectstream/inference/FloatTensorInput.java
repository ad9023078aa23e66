package io.affectstream.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A reusable {@code float} input: a direct native-order {@link FloatBuffer} and the shape of the next call.
 * See {@link TensorInput} for the reuse rules.
 *
 * <pre>{@code
 * FloatTensorInput x = FloatTensorInput.withCapacity(maxBatch * 3, 1, 3);
 * // per call:
 * x.reshape(batch, 3);
 * x.buffer().put(0, value);            // or x.put(floats)
 * Map<String, TensorOutput> out = model.run(Map.of("x", x));
 * }</pre>
 */
public final class FloatTensorInput extends TensorInput {
    private final FloatBuffer buffer;

    private FloatTensorInput(FloatBuffer buffer, long[] shape) {
        super(shape);
        this.buffer = buffer;
    }

    /** Allocates a direct buffer sized exactly for {@code shape}. */
    public static FloatTensorInput allocate(long... shape) {
        return withCapacity(Shapes.elementCount(shape), shape);
    }

    /** Allocates a direct buffer of {@code capacity} floats, e.g. for the largest batch, with an initial shape. */
    public static FloatTensorInput withCapacity(int capacity, long... shape) {
        FloatBuffer fb = ByteBuffer.allocateDirect(Math.multiplyExact(capacity, Float.BYTES))
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        return wrap(fb, shape);
    }

    /** Uses a caller-owned buffer, which must be direct and in native byte order. */
    public static FloatTensorInput wrap(FloatBuffer buffer, long... shape) {
        checkBuffer(buffer, buffer == null ? null : buffer.order(), Shapes.elementCount(shape), shape);
        return new FloatTensorInput(buffer, shape);
    }

    /** Convenience for one-off calls and tests: copies {@code data} into a new direct buffer. */
    public static FloatTensorInput of(float[] data, long... shape) {
        FloatTensorInput input = allocate(shape);
        input.put(data);
        return input;
    }

    /** The live buffer to fill; data starts at index 0. */
    public FloatBuffer buffer() {
        return buffer;
    }

    /** Copies {@code data} to the start of the buffer; its length must equal {@link #elementCount()}. */
    public FloatTensorInput put(float[] data) {
        if (data.length != elementCount()) {
            throw new IllegalArgumentException("Got " + data.length + " floats for shape "
                    + Shapes.format(shapeRef()) + ", which needs " + elementCount());
        }
        buffer.clear();
        buffer.put(data);
        return this;
    }

    @Override
    public FloatTensorInput reshape(long... newShape) {
        super.reshape(newShape);
        return this;
    }

    @Override
    public ElementType elementType() {
        return ElementType.FLOAT;
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
