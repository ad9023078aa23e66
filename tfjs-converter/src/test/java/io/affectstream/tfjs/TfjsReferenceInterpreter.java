package io.affectstream.tfjs;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately plain executor of TF.js graphs in TensorFlow's own terms (NHWC activations, HWIO filters,
 * TF padding computed here from its definition), written independently of the converter so that the ONNX
 * models can be checked against it. Direct loops, double accumulation, no layout tricks.
 */
final class TfjsReferenceInterpreter {
    /** A dense row-major tensor. */
    record T(int[] shape, float[] data) {
        int size(int axis) {
            return shape[axis];
        }
    }

    private final TfjsGraph graph;
    private final Map<String, TfjsNode> nodes = new HashMap<>();

    TfjsReferenceInterpreter(TfjsGraph graph) {
        this.graph = graph;
        graph.nodes().forEach(n -> nodes.put(n.name(), n));
    }

    /** Evaluates {@code output} (a node name) with the placeholders bound to {@code feeds}. */
    T run(Map<String, T> feeds, String output) {
        Map<String, T> memo = new HashMap<>(feeds);
        return eval(output, memo);
    }

    /** Evaluates several outputs in one pass, sharing what they have in common. */
    Map<String, T> run(Map<String, T> feeds, List<String> outputs) {
        Map<String, T> memo = new HashMap<>(feeds);
        Map<String, T> out = new java.util.LinkedHashMap<>();
        outputs.forEach(o -> out.put(o, eval(o, memo)));
        return out;
    }

    private T eval(String ref, Map<String, T> memo) {
        String name = ref.contains(":") ? ref.substring(0, ref.lastIndexOf(':')) : ref;
        T cached = memo.get(name);
        if (cached != null) {
            return cached;
        }
        TfjsNode n = nodes.get(name);
        T out = switch (n.op()) {
            case "Const" -> {
                TfjsTensor w = graph.weight(name);
                float[] d = w.isFloat() ? w.floats() : toFloat(w.ints());
                yield new T(w.shape(), d);
            }
            case "Placeholder" -> throw new IllegalArgumentException("no feed for " + name);
            case "Identity" -> eval(n.inputs().get(0), memo);
            case "Conv2D", "_FusedConv2D" -> fused(n, conv(n, in(n, 0, memo), in(n, 1, memo), false), memo);
            case "DepthwiseConv2dNative", "_FusedDepthwiseConv2dNative" ->
                    fused(n, conv(n, in(n, 0, memo), in(n, 1, memo), true), memo);
            case "MaxPool" -> pool(n, in(n, 0, memo), true);
            case "AvgPool" -> pool(n, in(n, 0, memo), false);
            case "Add", "AddV2", "BiasAdd" -> binary(in(n, 0, memo), in(n, 1, memo), '+');
            case "Sub" -> binary(in(n, 0, memo), in(n, 1, memo), '-');
            case "Mul" -> binary(in(n, 0, memo), in(n, 1, memo), '*');
            case "Relu" -> map(in(n, 0, memo), "Relu");
            case "Prelu" -> prelu(in(n, 0, memo), in(n, 1, memo));
            case "Pad" -> pad(in(n, 0, memo), in(n, 1, memo), 0f);
            case "PadV2" -> pad(in(n, 0, memo), in(n, 1, memo), in(n, 2, memo).data()[0]);
            case "Relu6" -> map(in(n, 0, memo), "Relu6");
            case "Sigmoid" -> map(in(n, 0, memo), "Sigmoid");
            case "Tanh" -> map(in(n, 0, memo), "Tanh");
            case "Mean" -> mean(in(n, 0, memo), in(n, 1, memo), n.b("keep_dims", false));
            case "Softmax" -> softmax(in(n, 0, memo));
            case "Reshape" -> reshape(in(n, 0, memo), in(n, 1, memo));
            default -> throw new UnsupportedOperationException(n.op());
        };
        memo.put(name, out);
        return out;
    }

    private T in(TfjsNode n, int i, Map<String, T> memo) {
        return eval(n.inputs().get(i), memo);
    }

    private static float[] toFloat(int[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = v[i];
        }
        return f;
    }

    /** {before, after, out} for one axis, straight from TensorFlow's definition of the padding modes. */
    private static int[] pad(TfjsNode n, int axis, int in, int k, int stride, int dilation) {
        int eff = (k - 1) * dilation + 1;
        String mode = n.string("padding", "VALID");
        if (mode.equals("SAME")) {
            int out = (int) Math.ceil(in / (double) stride);
            int total = Math.max((out - 1) * stride + eff - in, 0);
            return new int[]{total / 2, total - total / 2, out};
        }
        if (mode.equals("EXPLICIT")) {
            int[] p = n.ints("explicit_paddings");
            int before = p[2 * axis];
            int after = p[2 * axis + 1];
            return new int[]{before, after, (in + before + after - eff) / stride + 1};
        }
        return new int[]{0, 0, (in - eff) / stride + 1};
    }

    private static T conv(TfjsNode n, T x, T f, boolean depthwise) {
        int batch = x.size(0), h = x.size(1), w = x.size(2), c = x.size(3);
        int kh = f.size(0), kw = f.size(1), fm = f.size(3);
        int[] s = n.ints("strides", 1, 1, 1, 1);
        int[] d = n.ints("dilations", 1, 1, 1, 1);
        int[] py = pad(n, 1, h, kh, s[1], d[1]);
        int[] px = pad(n, 2, w, kw, s[2], d[2]);
        int oh = py[2], ow = px[2];
        int co = depthwise ? c * fm : fm;
        float[] out = new float[batch * oh * ow * co];
        for (int b = 0; b < batch; b++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    for (int o = 0; o < co; o++) {
                        double acc = 0;
                        for (int ky = 0; ky < kh; ky++) {
                            int iy = oy * s[1] - py[0] + ky * d[1];
                            if (iy < 0 || iy >= h) {
                                continue;
                            }
                            for (int kx = 0; kx < kw; kx++) {
                                int ix = ox * s[2] - px[0] + kx * d[2];
                                if (ix < 0 || ix >= w) {
                                    continue;
                                }
                                int base = ((b * h + iy) * w + ix) * c;
                                if (depthwise) {
                                    int ch = o / fm, mm = o % fm;
                                    acc += x.data()[base + ch] * (double) f.data()[((ky * kw + kx) * c + ch) * fm + mm];
                                } else {
                                    for (int i = 0; i < c; i++) {
                                        acc += x.data()[base + i] * (double) f.data()[((ky * kw + kx) * c + i) * fm + o];
                                    }
                                }
                            }
                        }
                        out[((b * oh + oy) * ow + ox) * co + o] = (float) acc;
                    }
                }
            }
        }
        return new T(new int[]{batch, oh, ow, co}, out);
    }

    private T fused(TfjsNode n, T conv, Map<String, T> memo) {
        List<String> ops = n.op().startsWith("_Fused") ? n.strings("fused_ops") : List.of();
        T y = conv;
        for (String op : ops) {
            y = switch (op) {
                case "BiasAdd" -> binary(y, in(n, 2, memo), '+');
                case "Relu", "Relu6" -> map(y, op);
                case "Prelu" -> prelu(y, in(n, 3, memo)); // TF.js: args = [bias, alpha]
                default -> throw new UnsupportedOperationException("fused " + op);
            };
        }
        return y;
    }

    private static T pool(TfjsNode n, T x, boolean max) {
        int batch = x.size(0), h = x.size(1), w = x.size(2), c = x.size(3);
        int[] k = n.ints("ksize");
        int[] s = n.ints("strides", 1, 1, 1, 1);
        int[] py = pad(n, 1, h, k[1], s[1], 1);
        int[] px = pad(n, 2, w, k[2], s[2], 1);
        int oh = py[2], ow = px[2];
        float[] out = new float[batch * oh * ow * c];
        for (int b = 0; b < batch; b++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    for (int ch = 0; ch < c; ch++) {
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        int count = 0;
                        for (int ky = 0; ky < k[1]; ky++) {
                            int iy = oy * s[1] - py[0] + ky;
                            for (int kx = 0; kx < k[2]; kx++) {
                                int ix = ox * s[2] - px[0] + kx;
                                if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                                    continue; // TF ignores padded cells in both pools
                                }
                                float v = x.data()[((b * h + iy) * w + ix) * c + ch];
                                acc = max ? Math.max(acc, v) : acc + v;
                                count++;
                            }
                        }
                        out[((b * oh + oy) * ow + ox) * c + ch] = (float) (max ? acc : acc / count);
                    }
                }
            }
        }
        return new T(new int[]{batch, oh, ow, c}, out);
    }

    /** Elementwise with NumPy broadcasting. */
    private static T binary(T a, T b, char op) {
        int rank = Math.max(a.shape().length, b.shape().length);
        int[] sa = align(a.shape(), rank), sb = align(b.shape(), rank), so = new int[rank];
        for (int i = 0; i < rank; i++) {
            so[i] = Math.max(sa[i], sb[i]);
        }
        int total = Arrays.stream(so).reduce(1, (p, q) -> p * q);
        float[] out = new float[total];
        int[] idx = new int[rank];
        for (int flat = 0; flat < total; flat++) {
            int rem = flat;
            for (int i = rank - 1; i >= 0; i--) {
                idx[i] = rem % so[i];
                rem /= so[i];
            }
            float va = a.data()[offset(idx, sa)], vb = b.data()[offset(idx, sb)];
            out[flat] = switch (op) {
                case '+' -> va + vb;
                case '-' -> va - vb;
                default -> va * vb;
            };
        }
        return new T(so, out);
    }

    private static int[] align(int[] shape, int rank) {
        int[] out = new int[rank];
        Arrays.fill(out, 1);
        System.arraycopy(shape, 0, out, rank - shape.length, shape.length);
        return out;
    }

    private static int offset(int[] idx, int[] shape) {
        int off = 0;
        for (int i = 0; i < shape.length; i++) {
            off = off * shape[i] + (shape[i] == 1 ? 0 : idx[i]);
        }
        return off;
    }

    /** {@code x > 0 ? x : alpha * x}, alpha broadcast NumPy-style (TF.js's prelu). */
    private static T prelu(T x, T alpha) {
        T scaled = binary(x, alpha, '*');
        if (!Arrays.equals(scaled.shape(), x.shape())) {
            throw new IllegalArgumentException("alpha " + Arrays.toString(alpha.shape()) + " widens x "
                    + Arrays.toString(x.shape()));
        }
        float[] out = new float[x.data().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = x.data()[i] > 0 ? x.data()[i] : scaled.data()[i];
        }
        return new T(x.shape(), out);
    }

    /** Constant padding, {@code paddings[axis] = (before, after)}, in the tensor's own (NHWC) axes. */
    private static T pad(T x, T paddings, float value) {
        int rank = x.shape().length;
        int[] before = new int[rank];
        int[] so = new int[rank];
        for (int i = 0; i < rank; i++) {
            before[i] = (int) paddings.data()[2 * i];
            so[i] = x.shape()[i] + before[i] + (int) paddings.data()[2 * i + 1];
        }
        float[] out = new float[Arrays.stream(so).reduce(1, (p, q) -> p * q)];
        Arrays.fill(out, value);
        int[] idx = new int[rank];
        for (int flat = 0; flat < x.data().length; flat++) {
            int rem = flat;
            for (int i = rank - 1; i >= 0; i--) {
                idx[i] = rem % x.shape()[i] + before[i];
                rem /= x.shape()[i];
            }
            int o = 0;
            for (int i = 0; i < rank; i++) {
                o = o * so[i] + idx[i];
            }
            out[o] = x.data()[flat];
        }
        return new T(so, out);
    }

    private static T map(T x, String op) {
        float[] out = new float[x.data().length];
        for (int i = 0; i < out.length; i++) {
            double v = x.data()[i];
            out[i] = (float) switch (op) {
                case "Relu" -> Math.max(v, 0);
                case "Relu6" -> Math.min(Math.max(v, 0), 6);
                case "Sigmoid" -> 1 / (1 + Math.exp(-v));
                default -> Math.tanh(v);
            };
        }
        return new T(x.shape(), out);
    }

    private static T mean(T x, T axesT, boolean keep) {
        int rank = x.shape().length;
        boolean[] reduce = new boolean[rank];
        for (float a : axesT.data()) {
            reduce[((int) a + rank) % rank] = true;
        }
        int[] keepShape = x.shape().clone();
        int n = 1;
        for (int i = 0; i < rank; i++) {
            if (reduce[i]) {
                n *= keepShape[i];
                keepShape[i] = 1;
            }
        }
        int total = Arrays.stream(keepShape).reduce(1, (p, q) -> p * q);
        double[] acc = new double[total];
        int[] idx = new int[rank];
        for (int flat = 0; flat < x.data().length; flat++) {
            int rem = flat;
            for (int i = rank - 1; i >= 0; i--) {
                idx[i] = rem % x.shape()[i];
                rem /= x.shape()[i];
            }
            acc[offset(idx, keepShape)] += x.data()[flat];
        }
        float[] out = new float[total];
        for (int i = 0; i < total; i++) {
            out[i] = (float) (acc[i] / n);
        }
        int[] shape = keep ? keepShape : Arrays.stream(range(rank)).filter(i -> !reduce[i]).map(i -> x.shape()[i]).toArray();
        return new T(shape, out);
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static T softmax(T x) {
        int c = x.shape()[x.shape().length - 1];
        float[] out = new float[x.data().length];
        for (int row = 0; row < out.length / c; row++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                max = Math.max(max, x.data()[row * c + j]);
            }
            double sum = 0;
            for (int j = 0; j < c; j++) {
                sum += Math.exp(x.data()[row * c + j] - max);
            }
            for (int j = 0; j < c; j++) {
                out[row * c + j] = (float) (Math.exp(x.data()[row * c + j] - max) / sum);
            }
        }
        return new T(x.shape(), out);
    }

    private static T reshape(T x, T shapeT) {
        int[] shape = new int[shapeT.data().length];
        int known = 1, unknown = -1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = (int) shapeT.data()[i];
            if (shape[i] == -1) {
                unknown = i;
            } else {
                known *= shape[i];
            }
        }
        if (unknown >= 0) {
            shape[unknown] = x.data().length / known;
        }
        return new T(shape, x.data());
    }
}
