package io.affectstream.tfjs;

import java.util.Locale;

/**
 * TensorFlow's padding arithmetic for one spatial axis, so that converted convolutions and pools see exactly
 * the padding TensorFlow used. {@code SAME}: {@code out = ceil(in / stride)},
 * {@code total = max((out - 1) * stride + (k - 1) * dilation + 1 - in, 0)}, {@code before = total / 2} (floor),
 * {@code after = total - before}: an odd total puts the extra row/column after, unlike Caffe-style padding.
 * {@code VALID}: no padding, {@code out = floor((in - ((k - 1) * dilation + 1)) / stride) + 1}.
 *
 * @param before padding added before the first element
 * @param after  padding added after the last element
 * @param out    the output size along the axis
 */
public record TfPadding(int before, int after, int out) {

    public static TfPadding same(int in, int kernel, int stride, int dilation) {
        check(in, kernel, stride, dilation);
        int out = (in + stride - 1) / stride;
        int effective = (kernel - 1) * dilation + 1;
        int total = Math.max((out - 1) * stride + effective - in, 0);
        return new TfPadding(total / 2, total - total / 2, out);
    }

    public static TfPadding valid(int in, int kernel, int stride, int dilation) {
        check(in, kernel, stride, dilation);
        int effective = (kernel - 1) * dilation + 1;
        if (in < effective) {
            throw new IllegalArgumentException("VALID padding: input size " + in + " is smaller than the kernel's "
                    + "extent " + effective);
        }
        return new TfPadding(0, 0, (in - effective) / stride + 1);
    }

    /** Explicit padding ({@code EXPLICIT}, from {@code explicit_paddings}). */
    public static TfPadding explicit(int in, int kernel, int stride, int dilation, int before, int after) {
        check(in, kernel, stride, dilation);
        int effective = (kernel - 1) * dilation + 1;
        return new TfPadding(before, after, (in + before + after - effective) / stride + 1);
    }

    /** For {@code SAME} or {@code VALID} (explicit padding goes through {@link #explicit}). */
    public static TfPadding of(String padding, int in, int kernel, int stride, int dilation) {
        return switch (padding.toUpperCase(Locale.ROOT)) {
            case "SAME" -> same(in, kernel, stride, dilation);
            case "VALID" -> valid(in, kernel, stride, dilation);
            default -> throw new IllegalArgumentException("unsupported padding '" + padding + "'");
        };
    }

    private static void check(int in, int kernel, int stride, int dilation) {
        if (in < 1 || kernel < 1 || stride < 1 || dilation < 1) {
            throw new IllegalArgumentException("need positive sizes: in " + in + ", kernel " + kernel
                    + ", stride " + stride + ", dilation " + dilation);
        }
    }
}
