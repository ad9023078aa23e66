package io.affectstream.tfjs;

import java.util.Arrays;
import java.util.Objects;

/**
 * One constant of a TF.js graph model, decoded from its weight shard: float tensors (including dequantized
 * ones) carry {@link #floats()}, integer and bool tensors {@link #ints()}.
 *
 * @param name   the weight's name, which is also the name of the {@code Const} node that yields it
 * @param dtype  {@code float32}, {@code int32} or {@code bool} (the dtype after dequantization)
 * @param shape  dimensions, row-major; empty for a scalar
 * @param floats the values of a float tensor, else null
 * @param ints   the values of an int32 or bool tensor, else null
 */
public record TfjsTensor(String name, String dtype, int[] shape, float[] floats, int[] ints) {

    public TfjsTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
        if ((floats == null) == (ints == null)) {
            throw new IllegalArgumentException("tensor '" + name + "' needs exactly one of floats and ints");
        }
        int n = elementCount(shape);
        int have = floats != null ? floats.length : ints.length;
        if (have != n) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + have + " values for shape "
                    + Arrays.toString(shape));
        }
    }

    public static TfjsTensor ofFloats(String name, int[] shape, float[] values) {
        return new TfjsTensor(name, "float32", shape, values, null);
    }

    public static TfjsTensor ofInts(String name, int[] shape, int[] values) {
        return new TfjsTensor(name, "int32", shape, null, values);
    }

    public boolean isFloat() {
        return floats != null;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    static int elementCount(int[] shape) {
        int n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("a constant cannot have a dynamic dimension: " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }
}
