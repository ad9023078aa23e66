package io.affectstream.inference;

import java.util.Arrays;
import java.util.Objects;

/**
 * One float output of a model run, copied out of ONNX Runtime's memory into a plain array (row-major).
 * Any rank; a scalar has an empty shape and one element. The arrays are fresh per run and belong to the
 * caller, so they are not copied again here.
 *
 * @param name  output name as in the ONNX graph
 * @param shape concrete dimensions of this result
 * @param data  the values, row-major; {@code data.length} equals the product of {@code shape}
 */
public record TensorOutput(String name, long[] shape, float[] data) {

    public TensorOutput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        if (Shapes.elementCount(shape) != data.length) {
            throw new IllegalArgumentException("Output '" + name + "' has shape " + Shapes.format(shape)
                    + " but " + data.length + " values");
        }
    }

    public int rank() {
        return shape.length;
    }

    /** Size of dimension {@code axis}. */
    public int dim(int axis) {
        return (int) shape[axis];
    }

    /** The value at a full row-major index, e.g. {@code get(n, j)} for a [N, J] output. */
    public float get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("Output '" + name + "' has rank " + shape.length
                    + " but " + index.length + " indices were given");
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("Index " + Arrays.toString(index) + " is outside shape "
                        + Shapes.format(shape) + " of output '" + name + "'");
            }
            flat = flat * (int) shape[i] + index[i];
        }
        return data[flat];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorOutput t && name.equals(t.name)
                && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "TensorOutput{" + name + " float" + Shapes.format(shape) + "}";
    }
}
