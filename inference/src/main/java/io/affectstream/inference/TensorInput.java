package io.affectstream.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

import java.nio.Buffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A reusable input tensor: a direct, native-order buffer plus the shape of the current call.
 *
 * <p>Allocate once, refill the buffer and (for dynamic dims) {@link #reshape} before each
 * {@link OnnxModel#run}. The tensor's data is elements {@code [0, elementCount())} of the buffer;
 * {@code run} sets the buffer's position to 0 and its limit to {@link #elementCount()} and hands the
 * memory to ONNX Runtime without copying. Not thread-safe: give each thread its own inputs.
 */
public abstract sealed class TensorInput permits FloatTensorInput, LongTensorInput {
    private long[] shape;
    private int elementCount;

    TensorInput(long[] shape) {
        setShape(shape);
    }

    /** Element type of this input. */
    public abstract ElementType elementType();

    /** How many elements the buffer can hold; an upper bound for {@link #reshape}. */
    public abstract int capacity();

    abstract Buffer buffer0();

    /**
     * Sets the shape of the next call, e.g. a new batch size. All dims must be concrete ({@code >= 0})
     * and the element count must fit the capacity. The buffer is cleared (position 0, limit = capacity), since a
     * previous {@link OnnxModel#run} left its limit at that call's element count. Returns {@code this}.
     */
    public TensorInput reshape(long... newShape) {
        setShape(newShape);
        buffer0().clear();
        return this;
    }

    private void setShape(long[] newShape) {
        Objects.requireNonNull(newShape, "shape");
        int count = Shapes.elementCount(newShape);
        if (shape != null && count > capacity()) {
            throw new IllegalArgumentException("Shape " + Shapes.format(newShape) + " needs " + count
                    + " elements but this input holds at most " + capacity());
        }
        // reuse the array when the rank is unchanged: reshaping per batch should not allocate
        if (shape != null && shape.length == newShape.length) {
            System.arraycopy(newShape, 0, shape, 0, newShape.length);
        } else {
            shape = newShape.clone();
        }
        elementCount = count;
    }

    /** A copy of the current shape. */
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements of the current shape; 1 for a scalar. */
    public int elementCount() {
        return elementCount;
    }

    long[] shapeRef() {
        return shape;
    }

    /** Wraps the buffer's first {@link #elementCount()} elements as an ORT tensor; no copy for direct buffers. */
    final OnnxTensor toOnnxTensor(OrtEnvironment env) throws OrtException {
        Buffer b = buffer0();
        b.clear();
        b.limit(elementCount);
        return create(env);
    }

    abstract OnnxTensor create(OrtEnvironment env) throws OrtException;

    static void checkBuffer(Buffer buffer, ByteOrder order, int elements, long[] shape) {
        Objects.requireNonNull(buffer, "buffer");
        // ONNX Runtime reads a direct buffer's memory as-is; a heap buffer would be copied on every call
        // and a big-endian view would silently feed garbage on x86/ARM.
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException("Input buffer must be direct (ByteBuffer.allocateDirect), "
                    + "otherwise ONNX Runtime copies it on every call");
        }
        if (order != ByteOrder.nativeOrder()) {
            throw new IllegalArgumentException("Input buffer must use the native byte order (" + ByteOrder.nativeOrder()
                    + "), but it is " + order + "; use ByteBuffer.allocateDirect(n).order(ByteOrder.nativeOrder())");
        }
        if (buffer.capacity() < elements) {
            throw new IllegalArgumentException("Shape " + Shapes.format(shape) + " needs " + elements
                    + " elements but the buffer holds " + buffer.capacity());
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{" + elementType().onnxName() + Shapes.format(shape)
                + ", capacity=" + capacity() + "}";
    }
}
