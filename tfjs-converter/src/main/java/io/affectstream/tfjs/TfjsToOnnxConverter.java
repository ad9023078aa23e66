package io.affectstream.tfjs;

import io.affectstream.inference.ElementType;
import io.affectstream.inference.onnx.OnnxGraphWriter;
import io.affectstream.inference.onnx.OnnxGraphWriter.Attribute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Converts a {@link TfjsGraph} (TF.js graph model, NHWC) into an ONNX model with {@link OnnxGraphWriter}.
 *
 * <p><b>Layout.</b> Four-dimensional activations are kept NCHW inside the ONNX graph, as ONNX's Conv and pools
 * want them: one {@code Transpose} after each 4-D graph input, and one back wherever a tensor leaves the NCHW
 * world (a graph output, a {@code Reshape}). The ONNX model therefore keeps the TF.js input and output contract.
 * Filters are rearranged from HWIO to OIHW; depthwise filters {@code [kh, kw, C, M]} become a grouped Conv with
 * {@code group = C} and weight {@code [C*M, 1, kh, kw]}. Padding is always written as explicit {@code pads},
 * computed as TensorFlow does ({@link TfPadding}), so spatial sizes must be static.
 *
 * <p><b>Ops.</b> Placeholder, Const, Identity; Conv2D, _FusedConv2D, DepthwiseConv2dNative and
 * _FusedDepthwiseConv2dNative (fused BiasAdd, optionally followed by Relu, Relu6 or Prelu); MaxPool, AvgPool;
 * Add, AddV2, Sub, Mul, BiasAdd; Relu, Relu6, Prelu, Sigmoid, Tanh; Mean; Softmax; Reshape; Pad, PadV2 (constant
 * padding; on an NCHW tensor the NHWC paddings are permuted). Anything else fails with the node's name and op.
 * Only nodes that the outputs depend on are converted.
 *
 * <p><b>Determinism.</b> The same graph and options give the same bytes: nodes are emitted in a depth-first
 * order from the outputs, initializers in first-use order, names derive from the TF node names, and no
 * timestamp or environment value is written.
 */
public final class TfjsToOnnxConverter {
    /** Written as {@code producer_name}. */
    public static final String PRODUCER = "affect-tfjs-converter";
    /**
     * Written as {@code producer_version}. Bump it when a change to the converter changes its output, and
     * regenerate the committed models in the same change.
     */
    public static final String PRODUCER_VERSION = "1";

    private static final long[] TO_NCHW = {0, 3, 1, 2};
    private static final long[] TO_NHWC = {0, 2, 3, 1};
    /** NHWC axis → its NCHW axis. */
    private static final long[] TO_NCHW_AXIS = {0, 2, 3, 1};

    /**
     * What to call things in the ONNX model.
     *
     * @param inputNames  TF placeholder name (e.g. {@code input_1}) → ONNX input name; unlisted keep their name
     * @param outputNames TF output (node name or {@code name:0}) → ONNX output name; the keys are also the outputs
     *                    to convert, in order; when empty, the graph signature's outputs keep their node names
     * @param metadata    custom {@code metadata_props}, written in this order
     * @param graphName   the ONNX graph's name
     */
    public record Options(Map<String, String> inputNames, Map<String, String> outputNames,
                          Map<String, String> metadata, String graphName) {
        public Options {
            inputNames = Map.copyOf(inputNames);
            outputNames = new LinkedHashMap<>(outputNames);
            metadata = new LinkedHashMap<>(metadata);
            Objects.requireNonNull(graphName, "graphName");
        }

        public static Options defaults() {
            return new Options(Map.of(), Map.of(), Map.of(), "tfjs");
        }
    }

    /** A converted tensor: its ONNX name, its shape in TF (NHWC) terms with -1 for dynamic, and its layout. */
    private record Value(String onnx, int[] shape, boolean nchw) {
        int rank() {
            return shape.length;
        }
    }

    private record PendingNode(String op, List<String> in, List<String> out, Attribute[] attributes) {
    }

    private sealed interface Init permits FloatInit, LongInit {
    }

    private record FloatInit(String name, float[] values, long[] dims) implements Init {
    }

    private record LongInit(String name, long[] values, long[] dims) implements Init {
    }

    private record GraphInput(String name, Object[] dims) {
    }

    private final TfjsGraph graph;
    private final Options options;
    private final Map<String, TfjsNode> byName = new HashMap<>();
    private final Map<String, Value> values = new HashMap<>();
    private final List<PendingNode> nodes = new ArrayList<>();
    private final Map<String, Init> initializers = new LinkedHashMap<>();
    private final List<GraphInput> inputs = new ArrayList<>();
    private final Set<String> produced = new HashSet<>();
    private final Set<String> usedNames = new HashSet<>();

    private TfjsToOnnxConverter(TfjsGraph graph, Options options) {
        this.graph = graph;
        this.options = options;
        for (TfjsNode n : graph.nodes()) {
            if (byName.putIfAbsent(n.name(), n) != null) {
                throw new IllegalArgumentException("the graph has two nodes named '" + n.name() + "'");
            }
        }
    }

    /** The serialized ONNX model. */
    public static byte[] convert(TfjsGraph graph, Options options) {
        return new TfjsToOnnxConverter(graph, options).run();
    }

    private byte[] run() {
        Map<String, String> outputs = new LinkedHashMap<>();
        if (options.outputNames().isEmpty()) {
            List<String> sig = graph.signatureOutputs();
            if (sig.isEmpty()) {
                throw new IllegalArgumentException("the graph has no signature outputs; name the outputs in the options");
            }
            sig.forEach(s -> outputs.put(TfjsNode.stripPort(s), TfjsNode.stripPort(s)));
        } else {
            options.outputNames().forEach((k, v) -> outputs.put(TfjsNode.stripPort(k), v));
        }
        for (String out : outputs.keySet()) {
            visit(out, new HashSet<>());
        }

        Map<String, String> rename = new HashMap<>();
        List<Value> finals = new ArrayList<>();
        outputs.forEach((tf, onnxName) -> {
            Value v = values.get(tf);
            String tfLayout = toTf(v, onnxName);
            if (!tfLayout.equals(onnxName)) {
                if (produced.contains(tfLayout) && !rename.containsKey(tfLayout) && !isGraphInput(tfLayout)) {
                    rename.put(tfLayout, onnxName);
                } else {
                    nodes.add(new PendingNode("Identity", List.of(tfLayout), List.of(onnxName), new Attribute[0]));
                }
            }
            finals.add(new Value(onnxName, v.shape(), false));
        });

        OnnxGraphWriter.ModelBuilder model = OnnxGraphWriter.model()
                .producer(PRODUCER, PRODUCER_VERSION)
                .graphName(options.graphName());
        options.metadata().forEach(model::metadata);
        for (GraphInput in : inputs) {
            model.input(in.name(), ElementType.FLOAT, in.dims());
        }
        for (Init init : initializers.values()) {
            if (init instanceof FloatInit f) {
                model.initializer(f.name(), f.values(), f.dims());
            } else if (init instanceof LongInit l) {
                model.initializer(l.name(), l.values(), l.dims());
            }
        }
        for (PendingNode n : nodes) {
            model.node(n.op(), n.in().stream().map(s -> rename.getOrDefault(s, s)).toList(),
                    n.out().stream().map(s -> rename.getOrDefault(s, s)).toList(), n.attributes());
        }
        for (Value out : finals) {
            model.output(out.onnx(), ElementType.FLOAT, dims(out.shape()));
        }
        return model.build();
    }

    private boolean isGraphInput(String name) {
        return inputs.stream().anyMatch(i -> i.name().equals(name));
    }

    // ------------------------------------------------------------------------------------------ traversal

    private void visit(String name, Set<String> onPath) {
        if (values.containsKey(name) || isConst(name)) {
            return;
        }
        TfjsNode node = byName.get(name);
        if (node == null) {
            throw new IllegalArgumentException("the graph refers to a node '" + name + "' that does not exist");
        }
        if (!onPath.add(name)) {
            throw new IllegalArgumentException("the graph has a cycle through '" + name + "'");
        }
        for (int i = 0; i < node.inputs().size(); i++) {
            if (TfjsNode.port(node.inputs().get(i)) != 0) {
                throw new IllegalArgumentException(node + ": only first outputs of nodes are supported");
            }
            visit(node.inputNode(i), onPath);
        }
        onPath.remove(name);
        values.put(name, convert(node));
    }

    private boolean isConst(String name) {
        TfjsNode n = byName.get(name);
        return n != null && n.op().equals("Const");
    }

    private Value convert(TfjsNode node) {
        return switch (node.op()) {
            case "Placeholder" -> placeholder(node);
            case "Identity" -> {
                if (isConst(node.inputNode(0))) {
                    throw new IllegalArgumentException(node + ": an Identity of a constant is not supported");
                }
                yield values.get(node.inputNode(0));
            }
            case "Conv2D", "_FusedConv2D" -> conv(node, false);
            case "DepthwiseConv2dNative", "_FusedDepthwiseConv2dNative" -> conv(node, true);
            case "MaxPool" -> pool(node, "MaxPool");
            case "AvgPool" -> pool(node, "AveragePool");
            case "Add", "AddV2", "BiasAdd" -> binary(node, "Add");
            case "Sub" -> binary(node, "Sub");
            case "Mul" -> binary(node, "Mul");
            case "Relu" -> unary(node, "Relu");
            case "Prelu" -> prelu(node);
            case "Pad", "PadV2" -> pad(node);
            case "Sigmoid" -> unary(node, "Sigmoid");
            case "Tanh" -> unary(node, "Tanh");
            case "Relu6" -> {
                Value x = input(node, 0);
                yield emitRelu6(x, node.name());
            }
            case "Mean" -> mean(node);
            case "Softmax" -> softmax(node);
            case "Reshape" -> reshape(node);
            default -> throw new IllegalArgumentException("unsupported TF.js op " + node
                    + "; the converter supports Placeholder, Const, Identity, Conv2D, _FusedConv2D, "
                    + "DepthwiseConv2dNative, _FusedDepthwiseConv2dNative, MaxPool, AvgPool, Add, AddV2, BiasAdd, "
                    + "Sub, Mul, Relu, Relu6, Prelu, Sigmoid, Tanh, Mean, Softmax, Reshape, Pad, PadV2");
        };
    }

    private Value input(TfjsNode node, int index) {
        String name = node.inputNode(index);
        if (isConst(name)) {
            throw new IllegalArgumentException(node + ": input " + index + " is a constant where a tensor is expected");
        }
        return values.get(name);
    }

    private TfjsTensor constant(TfjsNode node, int index) {
        String name = node.inputNode(index);
        if (!isConst(name)) {
            throw new IllegalArgumentException(node + ": input " + index + " ('" + name + "') must be a Const");
        }
        TfjsTensor t = graph.weights().get(name);
        if (t == null) {
            throw new IllegalArgumentException(node + ": constant '" + name + "' has no entry in the weights manifest");
        }
        return t;
    }

    // ---------------------------------------------------------------------------------------------- ops

    private Value placeholder(TfjsNode node) {
        int[] shape = placeholderShape(node);
        String name = unique(options.inputNames().getOrDefault(node.name(), node.name()));
        inputs.add(new GraphInput(name, dims(shape)));
        Value v = new Value(name, shape, false);
        return shape.length == 4 ? new Value(toNchw(v, node.name() + "/nchw"), shape, true) : v;
    }

    private static int[] placeholderShape(TfjsNode node) {
        List<Integer> dims = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode d : node.attr().path("shape").path("shape").path("dim")) {
            dims.add(d.path("size").asInt(-1));
        }
        if (dims.isEmpty()) {
            throw new IllegalArgumentException(node + ": the placeholder has no static rank (attr shape)");
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    private Value conv(TfjsNode node, boolean depthwise) {
        requireNhwc(node);
        Value x = input(node, 0);
        if (x.rank() != 4) {
            throw new IllegalArgumentException(node + ": input has rank " + x.rank() + ", expected 4 (NHWC)");
        }
        TfjsTensor filter = constant(node, 1);
        if (filter.rank() != 4) {
            throw new IllegalArgumentException(node + ": the filter has rank " + filter.rank() + ", expected 4");
        }
        int kh = filter.dim(0);
        int kw = filter.dim(1);
        int cin = filter.dim(2);
        int m = filter.dim(3);
        int channels = x.shape()[3];
        if (channels != cin) {
            throw new IllegalArgumentException(node + ": the input has " + channels + " channels but the filter "
                    + "expects " + cin);
        }
        int cout = depthwise ? cin * m : m;
        int[] strides = node.ints("strides", 1, 1, 1, 1);
        int[] dil = node.ints("dilations", 1, 1, 1, 1);
        TfPadding[] pad = padding(node, x, kh, kw, strides, dil);

        String weightName = initFloat(filter.name() + (depthwise ? ":c1hw" : ":oihw"),
                depthwise ? depthwiseToOnnx(filter) : hwioToOihw(filter), cout, depthwise ? 1 : cin, kh, kw);
        List<String> in = new ArrayList<>(List.of(toNchw(x, null), weightName));

        List<String> fused = node.op().startsWith("_Fused") ? node.strings("fused_ops") : List.of();
        int index = 0;
        // TF.js fuses Prelu with its alpha as an extra argument: num_args counts bias and alpha.
        boolean fusedPrelu = fused.size() == 2 && fused.get(1).equals("Prelu");
        if (!fused.isEmpty()) {
            if (!fused.get(0).equals("BiasAdd") || node.i("num_args", 1) != (fusedPrelu ? 2 : 1)) {
                throw new IllegalArgumentException(node + ": fused ops " + fused + " with num_args "
                        + node.i("num_args", 1) + " are not supported (only BiasAdd, then Relu, Relu6 or Prelu)");
            }
            TfjsTensor bias = constant(node, 2);
            if (bias.rank() != 1 || bias.dim(0) != cout) {
                throw new IllegalArgumentException(node + ": the bias has shape " + Arrays.toString(bias.shape())
                        + ", expected [" + cout + "]");
            }
            in.add(initFloat(bias.name(), bias.floats(), cout));
            index = 1;
        }
        String activation = index < fused.size() ? fused.get(index) : null;
        if (index + (activation == null ? 0 : 1) != fused.size()
                || (activation != null && !activation.equals("Relu") && !activation.equals("Relu6") && !fusedPrelu)) {
            throw new IllegalArgumentException(node + ": fused ops " + fused + " are not supported "
                    + "(only BiasAdd, then Relu, Relu6 or Prelu)");
        }
        int[] outShape = {x.shape()[0], pad[0].out(), pad[1].out(), cout};
        String convOut = activation == null ? node.name() : node.name() + "/conv";
        emit("Conv", in, convOut,
                Attribute.ints("kernel_shape", kh, kw),
                Attribute.ints("strides", strides[1], strides[2]),
                Attribute.ints("dilations", dil[1], dil[2]),
                Attribute.ints("pads", pad[0].before(), pad[1].before(), pad[0].after(), pad[1].after()),
                Attribute.i("group", depthwise ? cin : 1));
        Value conv = new Value(convOut, outShape, true);
        if (activation == null) {
            return conv;
        }
        if (activation.equals("Relu")) {
            emit("Relu", List.of(convOut), node.name());
            return new Value(node.name(), outShape, true);
        }
        if (fusedPrelu) {
            return emitPrelu(node, conv, constant(node, 3), node.name());
        }
        return emitRelu6(conv, node.name());
    }

    private Value pool(TfjsNode node, String onnxOp) {
        requireNhwc(node);
        Value x = input(node, 0);
        int[] k = node.ints("ksize");
        int[] strides = node.ints("strides", 1, 1, 1, 1);
        if (k == null || k.length != 4 || k[0] != 1 || k[3] != 1) {
            throw new IllegalArgumentException(node + ": ksize must be [1, kh, kw, 1]");
        }
        TfPadding[] pad = padding(node, x, k[1], k[2], strides, new int[]{1, 1, 1, 1});
        emit(onnxOp, List.of(toNchw(x, null)), node.name(),
                Attribute.ints("kernel_shape", k[1], k[2]),
                Attribute.ints("strides", strides[1], strides[2]),
                Attribute.ints("pads", pad[0].before(), pad[1].before(), pad[0].after(), pad[1].after()));
        return new Value(node.name(), new int[]{x.shape()[0], pad[0].out(), pad[1].out(), x.shape()[3]}, true);
    }

    private Value binary(TfjsNode node, String onnxOp) {
        if (node.op().equals("BiasAdd")) {
            requireNhwc(node);
        }
        boolean aConst = isConst(node.inputNode(0));
        boolean bConst = isConst(node.inputNode(1));
        if (aConst && bConst) {
            throw new IllegalArgumentException(node + ": both inputs are constants; fold them before converting");
        }
        if (!aConst && !bConst) {
            Value a = input(node, 0);
            Value b = input(node, 1);
            boolean nchw = (a.nchw() || b.nchw()) && a.rank() == 4 && b.rank() == 4;
            String an = nchw ? toNchw(a, null) : toTf(a, null);
            String bn = nchw ? toNchw(b, null) : toTf(b, null);
            emit(onnxOp, List.of(an, bn), node.name());
            return new Value(node.name(), broadcast(node, a.shape(), b.shape()), nchw);
        }
        Value x = input(node, aConst ? 1 : 0);
        TfjsTensor c = constant(node, aConst ? 0 : 1);
        if (!c.isFloat()) {
            throw new IllegalArgumentException(node + ": constant '" + c.name() + "' is not float");
        }
        String xn;
        String cn;
        boolean nchw = x.nchw() && c.rank() <= 1;
        if (nchw) {
            xn = x.onnx();
            cn = c.rank() == 0 ? initFloat(c.name(), c.floats())
                    : initFloat(c.name() + ":c11", c.floats(), c.dim(0), 1, 1);
        } else {
            xn = toTf(x, null);
            cn = initFloatDims(c.name(), c.floats(), longs(c.shape()));
        }
        emit(onnxOp, aConst ? List.of(cn, xn) : List.of(xn, cn), node.name());
        return new Value(node.name(), broadcast(node, x.shape(), c.shape()), nchw);
    }

    private Value unary(TfjsNode node, String onnxOp) {
        Value x = input(node, 0);
        emit(onnxOp, List.of(x.onnx()), node.name());
        return new Value(node.name(), x.shape(), x.nchw());
    }

    private Value emitRelu6(Value x, String out) {
        String lo = initFloat("relu6:min", new float[]{0f});
        String hi = initFloat("relu6:max", new float[]{6f});
        emit("Clip", List.of(x.onnx(), lo, hi), out);
        return new Value(out, x.shape(), x.nchw());
    }

    private Value prelu(TfjsNode node) {
        return emitPrelu(node, input(node, 0), constant(node, 1), node.name());
    }

    /**
     * ONNX PRelu ({@code x < 0 ? slope * x : x}, TF.js's definition too). TF's alpha is NHWC-shaped, usually
     * {@code [1, 1, C]}: on an NCHW tensor a per-channel alpha becomes a {@code [C, 1, 1]} slope.
     */
    private Value emitPrelu(TfjsNode node, Value x, TfjsTensor alpha, String out) {
        if (!alpha.isFloat()) {
            throw new IllegalArgumentException(node + ": alpha '" + alpha.name() + "' is not float");
        }
        int channels = x.shape()[x.rank() - 1];
        int[] a = alpha.shape();
        boolean perChannel = a.length >= 1 && a[a.length - 1] == channels && alpha.floats().length == channels;
        boolean nchw = x.nchw() && (perChannel || alpha.floats().length == 1);
        String slope;
        if (nchw) {
            slope = perChannel ? initFloat(alpha.name() + ":c11", alpha.floats(), channels, 1, 1)
                    : initFloat(alpha.name(), alpha.floats(), 1);
        } else {
            slope = initFloatDims(alpha.name(), alpha.floats(), longs(a));
        }
        emit("PRelu", List.of(nchw ? x.onnx() : toTf(x, null), slope), out);
        return new Value(out, broadcast(node, x.shape(), a), nchw);
    }

    /** Constant padding; {@code paddings} is {@code [rank, 2]} (before, after) per TF axis. */
    private Value pad(TfjsNode node) {
        Value x = input(node, 0);
        TfjsTensor paddings = constant(node, 1);
        int rank = x.rank();
        if (paddings.isFloat() || paddings.rank() != 2 || paddings.dim(0) != rank || paddings.dim(1) != 2) {
            throw new IllegalArgumentException(node + ": paddings must be integers of shape [" + rank + ", 2], got "
                    + Arrays.toString(paddings.shape()));
        }
        List<String> in = new ArrayList<>();
        in.add(x.onnx());
        long[] pads = new long[2 * rank];
        int[] outShape = x.shape().clone();
        for (int tfAxis = 0; tfAxis < rank; tfAxis++) {
            int before = paddings.ints()[2 * tfAxis];
            int after = paddings.ints()[2 * tfAxis + 1];
            if (before < 0 || after < 0) {
                throw new IllegalArgumentException(node + ": negative paddings are not supported");
            }
            int onnxAxis = x.nchw() ? (int) TO_NCHW_AXIS[tfAxis] : tfAxis;
            pads[onnxAxis] = before;
            pads[rank + onnxAxis] = after;
            if (outShape[tfAxis] >= 0) {
                outShape[tfAxis] += before + after;
            }
        }
        in.add(initLong(paddings.name() + (x.nchw() ? ":nchw:i64" : ":i64"), pads, pads.length));
        if (node.op().equals("PadV2")) {
            TfjsTensor value = constant(node, 2);
            if (!value.isFloat() || value.floats().length != 1) {
                throw new IllegalArgumentException(node + ": the constant value must be one float");
            }
            in.add(initFloatDims(value.name(), value.floats(), new long[0]));
        }
        emit("Pad", in, node.name(), Attribute.s("mode", "constant"));
        return new Value(node.name(), outShape, x.nchw());
    }

    private Value mean(TfjsNode node) {
        Value x = input(node, 0);
        TfjsTensor axesTensor = constant(node, 1);
        if (axesTensor.isFloat()) {
            throw new IllegalArgumentException(node + ": the reduction indices must be integers");
        }
        boolean keep = node.b("keep_dims", false);
        int rank = x.rank();
        int[] axes = Arrays.stream(axesTensor.ints()).map(a -> a < 0 ? a + rank : a).sorted().distinct().toArray();
        boolean spatial = Arrays.equals(axes, new int[]{1, 2});
        boolean nchw = x.nchw() && (keep || spatial);
        long[] onnxAxes = new long[axes.length];
        for (int i = 0; i < axes.length; i++) {
            onnxAxes[i] = nchw ? TO_NHWC[axes[i]] : axes[i];
        }
        Arrays.sort(onnxAxes);
        emit("ReduceMean", List.of(nchw ? x.onnx() : toTf(x, null)), node.name(),
                Attribute.ints("axes", onnxAxes), Attribute.i("keepdims", keep ? 1 : 0));
        List<Integer> out = new ArrayList<>();
        for (int d = 0; d < rank; d++) {
            if (Arrays.binarySearch(axes, d) >= 0) {
                if (keep) {
                    out.add(1);
                }
            } else {
                out.add(x.shape()[d]);
            }
        }
        return new Value(node.name(), out.stream().mapToInt(Integer::intValue).toArray(), nchw && keep);
    }

    private Value softmax(TfjsNode node) {
        Value x = input(node, 0);
        emit("Softmax", List.of(x.onnx()), node.name(), Attribute.i("axis", x.nchw() ? 1 : -1));
        return new Value(node.name(), x.shape(), x.nchw());
    }

    private Value reshape(TfjsNode node) {
        Value x = input(node, 0);
        TfjsTensor shapeTensor = constant(node, 1);
        if (shapeTensor.isFloat()) {
            throw new IllegalArgumentException(node + ": the target shape must be integers");
        }
        int[] target = shapeTensor.ints().clone();
        long[] onnxShape = new long[target.length];
        for (int i = 0; i < target.length; i++) {
            onnxShape[i] = target[i];
        }
        // Resolve a -1 when everything else is static, so the next ops know the sizes.
        long known = 1;
        int unknown = -1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == -1) {
                unknown = i;
            } else {
                known *= target[i];
            }
        }
        long total = 1;
        boolean staticIn = true;
        for (int d : x.shape()) {
            staticIn &= d >= 0;
            total *= d;
        }
        if (unknown >= 0 && staticIn && known > 0) {
            target[unknown] = (int) (total / known);
        }
        String shapeName = initLong(shapeTensor.name() + ":i64", onnxShape, onnxShape.length);
        emit("Reshape", List.of(toTf(x, null), shapeName), node.name());
        return new Value(node.name(), target, false);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static void requireNhwc(TfjsNode node) {
        String format = node.string("data_format", "NHWC");
        if (!format.equals("NHWC")) {
            throw new IllegalArgumentException(node + ": data_format " + format + " is not supported (only NHWC)");
        }
    }

    private static TfPadding[] padding(TfjsNode node, Value x, int kh, int kw, int[] strides, int[] dil) {
        if (strides.length != 4 || strides[0] != 1 || strides[3] != 1) {
            throw new IllegalArgumentException(node + ": strides must be [1, sh, sw, 1], got " + Arrays.toString(strides));
        }
        if (dil.length != 4 || dil[0] != 1 || dil[3] != 1) {
            throw new IllegalArgumentException(node + ": dilations must be [1, dh, dw, 1], got " + Arrays.toString(dil));
        }
        int h = x.shape()[1];
        int w = x.shape()[2];
        if (h < 0 || w < 0) {
            throw new IllegalArgumentException(node + ": spatial sizes must be static to compute the padding, got "
                    + Arrays.toString(x.shape()));
        }
        String padding = node.string("padding", "VALID");
        if (padding.equals("EXPLICIT")) {
            int[] p = node.ints("explicit_paddings");
            if (p == null || p.length != 8) {
                throw new IllegalArgumentException(node + ": EXPLICIT padding needs 8 explicit_paddings");
            }
            return new TfPadding[]{
                    TfPadding.explicit(h, kh, strides[1], dil[1], p[2], p[3]),
                    TfPadding.explicit(w, kw, strides[2], dil[2], p[4], p[5])};
        }
        return new TfPadding[]{
                TfPadding.of(padding, h, kh, strides[1], dil[1]),
                TfPadding.of(padding, w, kw, strides[2], dil[2])};
    }

    /** HWIO {@code [kh, kw, I, O]} → OIHW {@code [O, I, kh, kw]}. */
    static float[] hwioToOihw(TfjsTensor f) {
        int kh = f.dim(0);
        int kw = f.dim(1);
        int ci = f.dim(2);
        int co = f.dim(3);
        float[] src = f.floats();
        float[] dst = new float[src.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int i = 0; i < ci; i++) {
                    for (int o = 0; o < co; o++) {
                        dst[((o * ci + i) * kh + y) * kw + x] = src[((y * kw + x) * ci + i) * co + o];
                    }
                }
            }
        }
        return dst;
    }

    /** Depthwise {@code [kh, kw, C, M]} → grouped-conv weight {@code [C*M, 1, kh, kw]}; output channel {@code c*M + m}. */
    static float[] depthwiseToOnnx(TfjsTensor f) {
        int kh = f.dim(0);
        int kw = f.dim(1);
        int c = f.dim(2);
        int m = f.dim(3);
        float[] src = f.floats();
        float[] dst = new float[src.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int ch = 0; ch < c; ch++) {
                    for (int j = 0; j < m; j++) {
                        dst[((ch * m + j) * kh + y) * kw + x] = src[((y * kw + x) * c + ch) * m + j];
                    }
                }
            }
        }
        return dst;
    }

    private static int[] broadcast(TfjsNode node, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i - (rank - a.length) >= 0 ? a[i - (rank - a.length)] : 1;
            int db = i - (rank - b.length) >= 0 ? b[i - (rank - b.length)] : 1;
            if (da != db && da != 1 && db != 1 && da != -1 && db != -1) {
                throw new IllegalArgumentException(node + ": shapes " + Arrays.toString(a) + " and "
                        + Arrays.toString(b) + " do not broadcast");
            }
            out[i] = da == 1 ? db : (db == 1 ? da : Math.max(da, db));
        }
        return out;
    }

    /** The NCHW version of a 4-D value, transposing once (and remembering it) when it is NHWC. */
    private String toNchw(Value v, String name) {
        if (v.nchw()) {
            return v.onnx();
        }
        if (v.rank() != 4) {
            throw new IllegalArgumentException("tensor '" + v.onnx() + "' has rank " + v.rank() + ", expected 4");
        }
        String out = name != null ? name : v.onnx() + "/nchw";
        if (!produced.contains(out)) {
            emit("Transpose", List.of(v.onnx()), out, Attribute.ints("perm", TO_NCHW));
        }
        return out;
    }

    /** The TF-layout version of a value, transposing NCHW back to NHWC when needed. */
    private String toTf(Value v, String name) {
        if (!v.nchw()) {
            return v.onnx();
        }
        String out = name != null ? name : v.onnx() + "/nhwc";
        if (!produced.contains(out)) {
            emit("Transpose", List.of(v.onnx()), out, Attribute.ints("perm", TO_NHWC));
        }
        return out;
    }

    private void emit(String op, List<String> in, String out, Attribute... attributes) {
        if (!produced.add(out)) {
            throw new IllegalStateException("two ONNX nodes would write '" + out + "'");
        }
        usedNames.add(out);
        nodes.add(new PendingNode(op, List.copyOf(in), List.of(out), attributes));
    }

    private String unique(String name) {
        if (!usedNames.add(name)) {
            throw new IllegalArgumentException("the ONNX name '" + name + "' is used twice");
        }
        return name;
    }

    private String initFloat(String name, float[] values, int... dims) {
        return initFloatDims(name, values, longs(dims));
    }

    private String initFloatDims(String name, float[] values, long[] dims) {
        initializers.putIfAbsent(name, new FloatInit(name, values, dims));
        return name;
    }

    private String initLong(String name, long[] values, long... dims) {
        initializers.putIfAbsent(name, new LongInit(name, values, dims));
        return name;
    }

    private static long[] longs(int[] dims) {
        return Arrays.stream(dims).asLongStream().toArray();
    }

    private static Object[] dims(int[] shape) {
        Object[] dims = new Object[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = shape[i] >= 0 ? (Object) shape[i] : (i == 0 ? "N" : "d" + i);
        }
        return dims;
    }
}
