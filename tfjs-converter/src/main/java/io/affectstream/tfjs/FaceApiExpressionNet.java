package io.affectstream.tfjs;

import io.affectstream.inference.ElementType;
import io.affectstream.inference.onnx.OnnxGraphWriter;
import io.affectstream.inference.onnx.OnnxGraphWriter.Attribute;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes face-api's FaceExpressionNet as ONNX from its TF.js weights ({@link TfjsWeightsManifest}). face-api ships
 * weights only; the architecture below is the one its code runs ({@code FaceFeatureExtractor.forwardInput},
 * {@code denseBlock4}, {@code depthwiseSeparableConv}, {@code FaceProcessor.runNet},
 * {@code FaceExpressionNet.forwardInput} in {@code @vladmandic/face-api@1.7.15}):
 *
 * <ol>
 *   <li>input NHWC {@code [N, 112, 112, 3]}, RGB in 0..255; {@code (x - [122.782, 117.001, 104.298]) / 255};</li>
 *   <li>four dense blocks, {@code dense0..dense3}, each halving the size (112 → 56 → 28 → 14 → 7) and giving
 *       32, 64, 128, 256 channels. In a block, with {@code sep} a depthwise 3x3 then pointwise 1x1 convolution
 *       plus bias (TF.js {@code separableConv2d}, stride on the depthwise step, SAME padding):
 *       <pre>
 *       out1 = relu(conv0(x))            conv0: plain 3x3 conv + bias, stride 2, in dense0; sep, stride 2, after
 *       out2 = sep1(out1)
 *       out3 = sep2(relu(out1 + out2))
 *       out4 = sep3(relu(out1 + (out2 + out3)))
 *       y    = relu(out1 + (out2 + (out3 + out4)))
 *       </pre></li>
 *   <li>average pool 7x7, stride 2, VALID (a global average over the 7x7 map), flattened to 256;</li>
 *   <li>fully connected 256 → 7 ({@code fc/weights} {@code [256, 7]}, {@code fc/bias}), softmax.</li>
 * </ol>
 *
 * Output {@code [N, 7]} probabilities in face-api's order {@value #LABELS}. Inside the graph activations are
 * NCHW (one Transpose after the normalisation); filters are rearranged from HWIO to OIHW, depthwise filters to a
 * grouped Conv. TensorFlow's SAME padding is written as explicit {@code pads} ({@link TfPadding}). The output is
 * deterministic: the same weights give the same bytes.
 */
public final class FaceApiExpressionNet {
    /** Side of the square RGB input. */
    public static final int SIZE = 112;
    /** face-api's class order ({@code FACE_EXPRESSION_LABELS}). */
    public static final String LABELS = "neutral,happy,sad,angry,fearful,disgusted,surprised";
    /** The per-channel mean face-api subtracts before dividing by 255. */
    public static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};
    public static final String INPUT = "input";
    public static final String OUTPUT = "probabilities";
    /**
     * Written as the ONNX {@code producer_version}, after the converter's name. Bump it when a change here changes
     * the output, and regenerate {@code models/face-api/face_expression.onnx} in the same change.
     */
    public static final String BUILDER_VERSION = "faceapi-1";

    static final int[] CHANNELS = {32, 64, 128, 256};
    private static final int CLASSES = 7;

    private final Map<String, TfjsTensor> weights;
    private final OnnxGraphWriter.ModelBuilder model;

    private FaceApiExpressionNet(Map<String, TfjsTensor> weights, OnnxGraphWriter.ModelBuilder model) {
        this.weights = weights;
        this.model = model;
    }

    /** The metadata written into the shipped model, in this order. */
    public static Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("affect.labels", LABELS);
        m.put("affect.input", "RGB 112x112, NHWC [N,112,112,3], values 0..255; the graph subtracts the mean RGB "
                + "(122.782, 117.001, 104.298) and divides by 255");
        m.put("source", "npm @vladmandic/face-api@1.7.15 model/face_expression_model-weights_manifest.json + "
                + "model/face_expression_model.bin");
        m.put("origin", "face-api FaceExpressionNet (face-api.js by justadudewhohacks, maintained by vladmandic), MIT; "
                + "architecture from the library's code; trained on public datasets and web images (not itemised)");
        m.put("converter", TfjsToOnnxConverter.PRODUCER + " " + BUILDER_VERSION);
        return m;
    }

    /**
     * The serialized ONNX model.
     *
     * @param weights the decoded weights of {@code face_expression_model-weights_manifest.json}
     * @throws IllegalArgumentException naming a weight that is missing or has an unexpected shape
     */
    public static byte[] build(Map<String, TfjsTensor> weights) {
        OnnxGraphWriter.ModelBuilder model = OnnxGraphWriter.model()
                .producer(TfjsToOnnxConverter.PRODUCER, BUILDER_VERSION)
                .graphName("face_api_expression_net");
        metadata().forEach(model::metadata);
        model.input(INPUT, ElementType.FLOAT, "N", SIZE, SIZE, 3);
        new FaceApiExpressionNet(weights, model).graph();
        model.output(OUTPUT, ElementType.FLOAT, "N", CLASSES);
        return model.build();
    }

    private void graph() {
        model.initializer("mean_rgb", MEAN_RGB.clone(), 3);
        model.initializer("divisor", new float[]{255f});
        node("Sub", List.of(INPUT, "mean_rgb"), "centred");
        node("Div", List.of("centred", "divisor"), "normalised");
        node("Transpose", List.of("normalised"), "normalised_nchw", Attribute.ints("perm", 0, 3, 1, 2));

        String x = "normalised_nchw";
        int channels = 3;
        int size = SIZE;
        for (int b = 0; b < CHANNELS.length; b++) {
            x = denseBlock("dense" + b, x, channels, CHANNELS[b], size);
            channels = CHANNELS[b];
            size = TfPadding.same(size, 3, 2, 1).out();
        }
        // avgPool([7, 7], [2, 2], 'valid') on a 7x7 map: one window, the mean of every cell.
        TfPadding pool = TfPadding.valid(size, 7, 2, 1);
        if (pool.out() != 1) {
            throw new IllegalStateException("the pooled map is " + pool.out() + "x" + pool.out() + ", not 1x1");
        }
        node("AveragePool", List.of(x), "pooled", Attribute.ints("kernel_shape", 7, 7), Attribute.ints("strides", 2, 2));
        node("Flatten", List.of("pooled"), "features", Attribute.i("axis", 1));

        TfjsTensor fcWeights = weight("fc/weights", channels, CLASSES);
        TfjsTensor fcBias = weight("fc/bias", CLASSES);
        model.initializer("fc/weights", fcWeights.floats(), channels, CLASSES);
        model.initializer("fc/bias", fcBias.floats(), CLASSES);
        node("MatMul", List.of("features", "fc/weights"), "fc/matmul");
        node("Add", List.of("fc/matmul", "fc/bias"), "logits");
        node("Softmax", List.of("logits"), OUTPUT, Attribute.i("axis", 1));
    }

    /** {@code denseBlock4(x, params, isFirstLayer = prefix is dense0, isScaleDown = true)}. */
    private String denseBlock(String prefix, String x, int in, int out, int size) {
        String out1 = prefix + "/out1";
        String conv0 = prefix.equals("dense0")
                ? plainConv(prefix + "/conv0", x, in, out, size, 2)
                : separableConv(prefix + "/conv0", x, in, out, size, 2);
        node("Relu", List.of(conv0), out1);
        int half = TfPadding.same(size, 3, 2, 1).out();

        String out2 = separableConv(prefix + "/conv1", out1, out, out, half, 1);
        node("Add", List.of(out1, out2), prefix + "/sum12");
        node("Relu", List.of(prefix + "/sum12"), prefix + "/in3");

        String out3 = separableConv(prefix + "/conv2", prefix + "/in3", out, out, half, 1);
        node("Add", List.of(out2, out3), prefix + "/sum23");
        node("Add", List.of(out1, prefix + "/sum23"), prefix + "/sum123");
        node("Relu", List.of(prefix + "/sum123"), prefix + "/in4");

        String out4 = separableConv(prefix + "/conv3", prefix + "/in4", out, out, half, 1);
        node("Add", List.of(out3, out4), prefix + "/sum34");
        node("Add", List.of(out2, prefix + "/sum34"), prefix + "/sum234");
        node("Add", List.of(out1, prefix + "/sum234"), prefix + "/sum1234");
        node("Relu", List.of(prefix + "/sum1234"), prefix + "/out");
        return prefix + "/out";
    }

    /** {@code conv2d(x, filters, stride, 'same') + bias}. */
    private String plainConv(String prefix, String x, int in, int out, int size, int stride) {
        TfjsTensor filters = weight(prefix + "/filters", 3, 3, in, out);
        TfjsTensor bias = weight(prefix + "/bias", out);
        model.initializer(prefix + "/filters", TfjsToOnnxConverter.hwioToOihw(filters), out, in, 3, 3);
        model.initializer(prefix + "/bias", bias.floats(), out);
        node("Conv", List.of(x, prefix + "/filters", prefix + "/bias"), prefix,
                convAttributes(size, stride, 1));
        return prefix;
    }

    /** {@code separableConv2d(x, depthwise, pointwise, stride, 'same') + bias}. */
    private String separableConv(String prefix, String x, int in, int out, int size, int stride) {
        TfjsTensor depthwise = weight(prefix + "/depthwise_filter", 3, 3, in, 1);
        TfjsTensor pointwise = weight(prefix + "/pointwise_filter", 1, 1, in, out);
        TfjsTensor bias = weight(prefix + "/bias", out);
        model.initializer(prefix + "/depthwise_filter", TfjsToOnnxConverter.depthwiseToOnnx(depthwise), in, 1, 3, 3);
        model.initializer(prefix + "/pointwise_filter", TfjsToOnnxConverter.hwioToOihw(pointwise), out, in, 1, 1);
        model.initializer(prefix + "/bias", bias.floats(), out);
        node("Conv", List.of(x, prefix + "/depthwise_filter"), prefix + "/depthwise", convAttributes(size, stride, in));
        node("Conv", List.of(prefix + "/depthwise", prefix + "/pointwise_filter", prefix + "/bias"), prefix,
                Attribute.ints("kernel_shape", 1, 1));
        return prefix;
    }

    private static Attribute[] convAttributes(int size, int stride, int group) {
        TfPadding pad = TfPadding.same(size, 3, stride, 1);
        return new Attribute[]{
                Attribute.ints("kernel_shape", 3, 3),
                Attribute.ints("strides", stride, stride),
                Attribute.ints("pads", pad.before(), pad.before(), pad.after(), pad.after()),
                Attribute.i("group", group)};
    }

    private TfjsTensor weight(String name, int... shape) {
        TfjsTensor t = weights.get(name);
        if (t == null) {
            throw new IllegalArgumentException("the weights lack '" + name + "' (expected shape "
                    + Arrays.toString(shape) + "); is this face-api's face_expression_model-weights_manifest.json?");
        }
        if (!t.isFloat() || !Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException("weight '" + name + "' is " + t.dtype() + " " + Arrays.toString(t.shape())
                    + ", expected float32 " + Arrays.toString(shape));
        }
        return t;
    }

    private void node(String op, List<String> in, String out, Attribute... attributes) {
        model.node(op, in, List.of(out), attributes);
    }
}
