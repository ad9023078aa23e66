package io.affectstream.inference;

import io.affectstream.inference.onnx.OnnxGraphWriter;

import java.util.List;

import static io.affectstream.inference.ElementType.FLOAT;
import static io.affectstream.inference.ElementType.INT64;

/** The tiny models the tests load, and the plain-Java computations they are checked against. */
final class TestModels {
    /** W is 3x2, row-major. */
    static final float[] W = {0.5f, -1.0f, 2.0f, 0.25f, -0.75f, 3.0f};
    static final float[] B = {0.1f, -0.2f};
    static final int IN = 3;
    static final int OUT = 2;

    private TestModels() {
    }

    /** y = x·W + b with x float[N, 3] (N dynamic) and y float[N, 2]. */
    static OnnxGraphWriter.ModelBuilder linear() {
        return linear("x", "N");
    }

    /** The linear model with a chosen input name and batch dimension (a String for dynamic, a number for fixed). */
    static OnnxGraphWriter.ModelBuilder linear(String inputName, Object batch) {
        return OnnxGraphWriter.model()
                .graphName("linear")
                .initializer("W", W, IN, OUT)
                .initializer("b", B, OUT)
                .input(inputName, FLOAT, batch, IN)
                .node("MatMul", List.of(inputName, "W"), List.of("xw"))
                .node("Add", List.of("xw", "b"), List.of("y"))
                .output("y", FLOAT, batch, OUT);
    }

    /** The linear model plus z = Relu(y), so there are two float outputs. */
    static OnnxGraphWriter.ModelBuilder linearWithRelu() {
        return linear()
                .node("Relu", List.of("y"), List.of("z"))
                .output("z", FLOAT, "N", OUT);
    }

    /** y = x * float(sr) with x float[T] and sr an int64 scalar, like Silero VAD's sample-rate input. */
    static OnnxGraphWriter.ModelBuilder scaleBySampleRate() {
        return OnnxGraphWriter.model()
                .graphName("scale_by_sr")
                .input("x", FLOAT, "T")
                .input("sr", INT64)
                .node("Cast", List.of("sr"), List.of("sr_f"), OnnxGraphWriter.Attribute.i("to", OnnxGraphWriter.dataType(FLOAT)))
                .node("Mul", List.of("x", "sr_f"), List.of("y"))
                .output("y", FLOAT, "T");
    }

    /** y = transpose(x, perm=[0, 2, 1]) with x float[N, 2, 3] and y float[N, 3, 2]. */
    static OnnxGraphWriter.ModelBuilder transpose() {
        return OnnxGraphWriter.model()
                .graphName("transpose")
                .input("x", FLOAT, "N", 2, 3)
                .node("Transpose", List.of("x"), List.of("y"), OnnxGraphWriter.Attribute.ints("perm", 0, 2, 1))
                .output("y", FLOAT, "N", 3, 2);
    }

    static ModelContract linearContract() {
        return ModelContract.builder()
                .input("x", ElementType.FLOAT, -1, IN)
                .output("y", ElementType.FLOAT, -1, OUT)
                .build();
    }

    /** Reference y = x·W + b for a row-major x of shape [n, 3]. */
    static float[] linearReference(float[] x, int n) {
        float[] y = new float[n * OUT];
        for (int row = 0; row < n; row++) {
            for (int j = 0; j < OUT; j++) {
                double sum = B[j];
                for (int i = 0; i < IN; i++) {
                    sum += (double) x[row * IN + i] * W[i * OUT + j];
                }
                y[row * OUT + j] = (float) sum;
            }
        }
        return y;
    }
}
