package io.affectstream.inference;

/** Shape helpers shared by the contract checks at load time and the input checks at run time. */
final class Shapes {
    /** Marks a dimension whose size is only known per call (ONNX {@code dim_param} or unknown). */
    static final long DYNAMIC = -1;

    private Shapes() {
    }

    /** Two shapes are compatible when ranks agree and every pair of fixed dims is equal; -1 matches anything. */
    static boolean compatible(long[] a, long[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] != DYNAMIC && b[i] != DYNAMIC && a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    /** The tighter of two compatible shapes: a fixed dim from either side wins over -1. */
    static long[] merge(long[] a, long[] b) {
        long[] merged = a.clone();
        for (int i = 0; i < merged.length; i++) {
            if (merged[i] == DYNAMIC) {
                merged[i] = b[i];
            }
        }
        return merged;
    }

    /** Element count of a concrete shape (no -1); a rank-0 scalar has one element. */
    static int elementCount(long[] shape) {
        long count = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("Shape " + format(shape)
                        + " has a negative dimension; a concrete tensor needs sizes >= 0");
            }
            count *= d;
            if (count > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Shape " + format(shape) + " has more than "
                        + Integer.MAX_VALUE + " elements, too many for a Java buffer");
            }
        }
        return (int) count;
    }

    static void checkDeclared(long[] shape, String what) {
        for (long d : shape) {
            if (d < DYNAMIC) {
                throw new IllegalArgumentException(what + " has shape " + format(shape)
                        + "; dimensions must be >= 0, or -1 for a dynamic size");
            }
        }
    }

    static String format(long[] shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(shape[i]);
        }
        return sb.append(']').toString();
    }
}
