package io.affectstream.inference;

import java.util.Arrays;
import java.util.Objects;

/**
 * Name, element type and shape of one model input or output. In a shape, {@code -1} marks a
 * dynamic dimension (a batch size, a sequence length) that is only fixed per call.
 *
 * <p>Used both for what a {@link ModelContract} expects and for what a loaded model declares
 * ({@link OnnxModel#inputs()}, {@link OnnxModel#outputs()}).
 *
 * @param name  tensor name as it appears in the ONNX graph
 * @param type  element type
 * @param shape dimensions, {@code -1} for dynamic ones; empty for a scalar
 */
public record TensorSpec(String name, ElementType type, long[] shape) {

    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(shape, "shape");
        if (name.isBlank()) {
            throw new IllegalArgumentException("Tensor name must not be blank");
        }
        shape = shape.clone(); // records are values; nobody may change ours from outside
        Shapes.checkDeclared(shape, "Tensor '" + name + "'");
    }

    /** A copy of the shape; {@code -1} marks dynamic dimensions. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of dimensions; 0 for a scalar. */
    public int rank() {
        return shape.length;
    }

    /** Whether this spec's shape is compatible with {@code other}: same rank, fixed dims equal, -1 matches anything. */
    public boolean shapeCompatibleWith(long[] other) {
        return Shapes.compatible(shape, other);
    }

    long[] shapeRef() {
        return shape;
    }

    /** e.g. {@code x float[-1, 3]}. */
    public String describe() {
        return name + " " + type.onnxName() + Shapes.format(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && name.equals(t.name) && type == t.type && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        return describe();
    }
}
