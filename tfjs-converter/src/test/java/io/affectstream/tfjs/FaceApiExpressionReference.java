package io.affectstream.tfjs;

import java.util.Map;

/**
 * face-api's FaceExpressionNet forward pass in plain Java, NHWC, straight from the library's TypeScript
 * ({@code FaceFeatureExtractor}, {@code denseBlock4}, {@code depthwiseSeparableConv}, {@code fullyConnectedLayer},
 * softmax), on the dequantized TF.js weights. It shares nothing with {@link FaceApiExpressionNet} but the weight
 * reader, so it checks the ONNX graph's wiring, layouts and padding. Sums in double.
 */
final class FaceApiExpressionReference {
    private static final double[] MEAN = {122.782, 117.001, 104.298};

    private final Map<String, TfjsTensor> w;

    FaceApiExpressionReference(Map<String, TfjsTensor> weights) {
        this.w = weights;
    }

    /** A feature map: {@code h x w x c}, one image. */
    private record Map3(int h, int w, int c, double[] v) {
        double at(int y, int x, int ch) {
            return y < 0 || x < 0 || y >= h || x >= w ? 0 : v[(y * w + x) * c + ch];
        }
    }

    /** Probabilities of one NHWC image {@code [112, 112, 3]} in 0..255, in face-api's label order. */
    double[] run(float[] rgb, int offset) {
        int s = 112;
        double[] x = new double[s * s * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (rgb[offset + i] - MEAN[i % 3]) / 255.0;
        }
        Map3 out = new Map3(s, s, 3, x);
        for (int b = 0; b < 4; b++) {
            out = denseBlock("dense" + b, out, b == 0);
        }
        // avgPool 7x7 stride 2 'valid' over a 7x7 map: one output cell per channel
        double[] pooled = new double[out.c()];
        for (int ch = 0; ch < out.c(); ch++) {
            double sum = 0;
            for (int y = 0; y < 7; y++) {
                for (int xx = 0; xx < 7; xx++) {
                    sum += out.at(y, xx, ch);
                }
            }
            pooled[ch] = sum / 49;
        }
        float[] fw = w.get("fc/weights").floats();
        float[] fb = w.get("fc/bias").floats();
        int classes = fb.length;
        double[] logits = new double[classes];
        for (int k = 0; k < classes; k++) {
            double acc = fb[k];
            for (int i = 0; i < pooled.length; i++) {
                acc += pooled[i] * fw[i * classes + k];
            }
            logits[k] = acc;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l);
        }
        double total = 0;
        double[] p = new double[classes];
        for (int k = 0; k < classes; k++) {
            p[k] = Math.exp(logits[k] - max);
            total += p[k];
        }
        for (int k = 0; k < classes; k++) {
            p[k] /= total;
        }
        return p;
    }

    private Map3 denseBlock(String prefix, Map3 x, boolean first) {
        Map3 out1 = relu(first ? conv3x3(x, prefix + "/conv0", 2) : separable(x, prefix + "/conv0", 2));
        Map3 out2 = separable(out1, prefix + "/conv1", 1);
        Map3 out3 = separable(relu(add(out1, out2)), prefix + "/conv2", 1);
        Map3 out4 = separable(relu(add(out1, add(out2, out3))), prefix + "/conv3", 1);
        return relu(add(out1, add(out2, add(out3, out4))));
    }

    /**
     * TensorFlow SAME for a 3x3 kernel: {@code out = ceil(in / stride)}, total padding
     * {@code max((out - 1) * stride + 3 - in, 0)}, the smaller half before.
     */
    private static int padBefore(int in, int stride) {
        int out = (in + stride - 1) / stride;
        return Math.max((out - 1) * stride + 3 - in, 0) / 2;
    }

    private Map3 conv3x3(Map3 x, String prefix, int stride) {
        float[] f = w.get(prefix + "/filters").floats(); // [3, 3, cin, cout]
        float[] bias = w.get(prefix + "/bias").floats();
        int co = bias.length;
        int oh = (x.h() + stride - 1) / stride;
        int ow = (x.w() + stride - 1) / stride;
        int py = padBefore(x.h(), stride);
        int px = padBefore(x.w(), stride);
        double[] out = new double[oh * ow * co];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                for (int o = 0; o < co; o++) {
                    double acc = bias[o];
                    for (int ky = 0; ky < 3; ky++) {
                        for (int kx = 0; kx < 3; kx++) {
                            for (int i = 0; i < x.c(); i++) {
                                acc += x.at(oy * stride - py + ky, ox * stride - px + kx, i)
                                        * f[((ky * 3 + kx) * x.c() + i) * co + o];
                            }
                        }
                    }
                    out[(oy * ow + ox) * co + o] = acc;
                }
            }
        }
        return new Map3(oh, ow, co, out);
    }

    /** {@code separableConv2d(x, depthwise [3,3,C,1], pointwise [1,1,C,O], stride, 'same') + bias}. */
    private Map3 separable(Map3 x, String prefix, int stride) {
        float[] dw = w.get(prefix + "/depthwise_filter").floats();
        float[] pw = w.get(prefix + "/pointwise_filter").floats();
        float[] bias = w.get(prefix + "/bias").floats();
        int c = x.c();
        int co = bias.length;
        int oh = (x.h() + stride - 1) / stride;
        int ow = (x.w() + stride - 1) / stride;
        int py = padBefore(x.h(), stride);
        int px = padBefore(x.w(), stride);
        double[] out = new double[oh * ow * co];
        double[] depth = new double[c];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                for (int ch = 0; ch < c; ch++) {
                    double acc = 0;
                    for (int ky = 0; ky < 3; ky++) {
                        for (int kx = 0; kx < 3; kx++) {
                            acc += x.at(oy * stride - py + ky, ox * stride - px + kx, ch) * dw[(ky * 3 + kx) * c + ch];
                        }
                    }
                    depth[ch] = acc;
                }
                for (int o = 0; o < co; o++) {
                    double acc = bias[o];
                    for (int ch = 0; ch < c; ch++) {
                        acc += depth[ch] * pw[ch * co + o];
                    }
                    out[(oy * ow + ox) * co + o] = acc;
                }
            }
        }
        return new Map3(oh, ow, co, out);
    }

    private static Map3 add(Map3 a, Map3 b) {
        double[] v = new double[a.v().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.v()[i] + b.v()[i];
        }
        return new Map3(a.h(), a.w(), a.c(), v);
    }

    private static Map3 relu(Map3 a) {
        double[] v = new double[a.v().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0, a.v()[i]);
        }
        return new Map3(a.h(), a.w(), a.c(), v);
    }
}
