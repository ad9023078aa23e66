package io.affectstream.inference.onnx;

import io.affectstream.inference.ElementType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes ONNX models by encoding the protobuf wire format directly, so that code (model converters, tests,
 * benchmarks) can produce a real {@code .onnx} file without the Python toolchain or a download.
 *
 * <p><b>In:</b> graph inputs and outputs (name, element type, dims), initializers (float or int64 constants),
 * nodes (any ONNX operator of the default domain, with int, float, string and list attributes), model metadata.
 * <b>Out:</b> the serialized {@code ModelProto} ({@link ModelBuilder#build()}), or a file.
 * ONNX Runtime parses and checks what this writes; nothing here validates operator semantics.
 *
 * <pre>{@code
 * byte[] onnx = OnnxGraphWriter.model()
 *         .metadata("affect.expressions", "neutral,anger,...")
 *         .input("x", ElementType.FLOAT, "N", 3)
 *         .initializer("W", new float[]{...}, 3, 2)
 *         .node("MatMul", List.of("x", "W"), List.of("y"))
 *         .output("y", ElementType.FLOAT, "N", 2)
 *         .build();
 * }</pre>
 *
 * <p>Field numbers are those of {@code onnx/onnx.proto} (proto2):
 * <pre>
 * ModelProto          ir_version=1 producer_name=2 producer_version=3 domain=4 model_version=5 doc_string=6
 *                     graph=7 opset_import=8 metadata_props=14
 * OperatorSetIdProto  domain=1 version=2
 * GraphProto          node=1 name=2 initializer=5 doc_string=10 input=11 output=12
 * NodeProto           input=1 output=2 name=3 op_type=4 attribute=5 domain=7
 * AttributeProto      name=1 f=2 i=3 s=4 floats=7 ints=8 strings=9 type=20
 *                     (AttributeType FLOAT=1 INT=2 STRING=3 FLOATS=6 INTS=7 STRINGS=8)
 * TensorProto         dims=1 data_type=2 name=8 raw_data=9
 * ValueInfoProto      name=1 type=2
 * TypeProto           tensor_type=1;  TypeProto.Tensor elem_type=1 shape=2
 * TensorShapeProto    dim=1;  Dimension dim_value=1 dim_param=2
 * StringStringEntry   key=1 value=2
 * </pre>
 */
public final class OnnxGraphWriter {
    /** IR version 8 (ONNX 1.10+): every ONNX Runtime of the last years reads it. */
    public static final int DEFAULT_IR_VERSION = 8;
    /** Opset 17 of the default domain: has GRU with {@code layout}, LayerNormalization, Squeeze with axes input. */
    public static final int DEFAULT_OPSET = 17;

    private OnnxGraphWriter() {
    }

    public static ModelBuilder model() {
        return new ModelBuilder();
    }

    /** The {@code onnx.TensorProto.DataType} number of an element type. */
    public static int dataType(ElementType type) {
        return switch (type) {
            case FLOAT -> 1;
            case UINT8 -> 2;
            case INT8 -> 3;
            case UINT16 -> 4;
            case INT16 -> 5;
            case INT32 -> 6;
            case INT64 -> 7;
            case STRING -> 8;
            case BOOL -> 9;
            case FLOAT16 -> 10;
            case DOUBLE -> 11;
            case UINT32 -> 12;
            case UINT64 -> 13;
            case BFLOAT16 -> 16;
            case OTHER -> throw new IllegalArgumentException("element type OTHER has no ONNX data type");
        };
    }

    // ------------------------------------------------------------------------------------------ wire format

    /** A protobuf message being encoded: tags are {@code field << 3 | wire type}, lengths are varints. */
    public static final class Proto {
        private static final int VARINT = 0;
        private static final int LENGTH_DELIMITED = 2;
        private static final int FIXED32 = 5;

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public Proto varint(int field, long value) {
            tag(field, VARINT);
            rawVarint(value);
            return this;
        }

        public Proto fixed32Float(int field, float value) {
            tag(field, FIXED32);
            int bits = Float.floatToIntBits(value);
            for (int i = 0; i < 4; i++) {
                out.write((bits >>> (8 * i)) & 0xFF); // protobuf fixed32 is little-endian
            }
            return this;
        }

        public Proto bytes(int field, byte[] value) {
            tag(field, LENGTH_DELIMITED);
            rawVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        public Proto string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        public Proto message(int field, Proto value) {
            return bytes(field, value.toByteArray());
        }

        public byte[] toByteArray() {
            return out.toByteArray();
        }

        private void tag(int field, int wireType) {
            rawVarint(((long) field << 3) | wireType);
        }

        /** Base-128, least significant group first, high bit = "more follows"; negatives take 10 bytes. */
        private void rawVarint(long value) {
            long v = value;
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }

    // ------------------------------------------------------------------------------------------- messages

    /** A node attribute ({@code AttributeProto}). */
    public static final class Attribute {
        private final Proto proto;

        private Attribute(Proto proto) {
            this.proto = proto;
        }

        public static Attribute f(String name, float value) {
            return new Attribute(new Proto().string(1, name).fixed32Float(2, value).varint(20, 1));
        }

        public static Attribute i(String name, long value) {
            return new Attribute(new Proto().string(1, name).varint(3, value).varint(20, 2));
        }

        public static Attribute s(String name, String value) {
            return new Attribute(new Proto().string(1, name).string(4, value).varint(20, 3));
        }

        public static Attribute floats(String name, float... values) {
            Proto p = new Proto().string(1, name);
            for (float v : values) {
                p.fixed32Float(7, v); // proto2 repeated scalars are unpacked by default; parsers accept both
            }
            return new Attribute(p.varint(20, 6));
        }

        public static Attribute ints(String name, long... values) {
            Proto p = new Proto().string(1, name);
            for (long v : values) {
                p.varint(8, v);
            }
            return new Attribute(p.varint(20, 7));
        }

        public static Attribute strings(String name, String... values) {
            Proto p = new Proto().string(1, name);
            for (String v : values) {
                p.string(9, v);
            }
            return new Attribute(p.varint(20, 8));
        }

        Proto proto() {
            return proto;
        }
    }

    /** Collects a graph and the model around it; {@link #build()} serializes it. Not thread-safe. */
    public static final class ModelBuilder {
        private String producer = "affect-stream";
        private String producerVersion = "";
        private String graphName = "graph";
        private String docString = "";
        private long modelVersion;
        private int irVersion = DEFAULT_IR_VERSION;
        private int opset = DEFAULT_OPSET;
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private final List<Proto> nodes = new ArrayList<>();
        private final List<Proto> initializers = new ArrayList<>();
        private final List<Proto> inputs = new ArrayList<>();
        private final List<Proto> outputs = new ArrayList<>();

        private ModelBuilder() {
        }

        public ModelBuilder producer(String name, String version) {
            producer = Objects.requireNonNull(name, "name");
            producerVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        public ModelBuilder graphName(String name) {
            graphName = Objects.requireNonNull(name, "name");
            return this;
        }

        public ModelBuilder docString(String doc) {
            docString = Objects.requireNonNull(doc, "doc");
            return this;
        }

        public ModelBuilder modelVersion(long version) {
            modelVersion = version;
            return this;
        }

        public ModelBuilder irVersion(int version) {
            irVersion = version;
            return this;
        }

        /** Opset version of the default ONNX domain. */
        public ModelBuilder opset(int version) {
            opset = version;
            return this;
        }

        /** A custom {@code metadata_props} entry, e.g. a label set. */
        public ModelBuilder metadata(String key, String value) {
            metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** A graph input; each dim is a number ({@code dim_value}) or a String ({@code dim_param}, i.e. dynamic). */
        public ModelBuilder input(String name, ElementType type, Object... dims) {
            inputs.add(valueInfo(name, type, dims));
            return this;
        }

        /** A graph output; dims as for {@link #input}. */
        public ModelBuilder output(String name, ElementType type, Object... dims) {
            outputs.add(valueInfo(name, type, dims));
            return this;
        }

        /** A float constant, stored as little-endian {@code raw_data}. */
        public ModelBuilder initializer(String name, float[] values, long... dims) {
            checkCount(name, values.length, dims);
            ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                raw.putFloat(v);
            }
            initializers.add(tensor(name, ElementType.FLOAT, raw.array(), dims));
            return this;
        }

        /** An int64 constant (shapes, axes, indices), stored as little-endian {@code raw_data}. */
        public ModelBuilder initializer(String name, long[] values, long... dims) {
            checkCount(name, values.length, dims);
            ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : values) {
                raw.putLong(v);
            }
            initializers.add(tensor(name, ElementType.INT64, raw.array(), dims));
            return this;
        }

        /**
         * A node of the default domain. Inputs may contain {@code ""} for an omitted optional input. The node is
         * named {@code <optype>_<index>}.
         */
        public ModelBuilder node(String opType, List<String> in, List<String> out, Attribute... attributes) {
            Proto n = new Proto();
            in.forEach(s -> n.string(1, s));
            out.forEach(s -> n.string(2, s));
            n.string(3, opType.toLowerCase(Locale.ROOT) + "_" + nodes.size()).string(4, opType);
            for (Attribute a : attributes) {
                n.message(5, a.proto());
            }
            nodes.add(n);
            return this;
        }

        /**
         * A forward {@code GRU} node (ONNX operator GRU, default {@code layout=0}):
         * <ul>
         *   <li>{@code x} float[T, N, I] (sequence first);</li>
         *   <li>{@code w} float[1, 3H, I] and {@code r} float[1, 3H, H]: gate weights in the order z, r, h
         *       (update, reset, hidden);</li>
         *   <li>{@code b} float[1, 6H]: {@code Wb[zrh]} then {@code Rb[zrh]}, or {@code ""} for none;</li>
         *   <li>{@code initialH} float[1, N, H], or {@code ""} for zeros;</li>
         *   <li>outputs {@code y} float[T, 1, N, H] (every step; {@code ""} to omit) and {@code yH} float[1, N, H]
         *       (the last step).</li>
         * </ul>
         * Per step: {@code z = σ(Wz x + Rz h + Wbz + Rbz)}, {@code r = σ(Wr x + Rr h + Wbr + Rbr)},
         * {@code h~ = tanh(Wh x + Rh (r ⊙ h) + Wbh + Rbh)} (or {@code tanh(Wh x + r ⊙ (Rh h + Rbh) + Wbh)} with
         * {@code linearBeforeReset}), {@code h' = (1 - z) ⊙ h~ + z ⊙ h}.
         */
        public ModelBuilder gru(String x, String w, String r, String b, String initialH, String y, String yH,
                                int hiddenSize, boolean linearBeforeReset) {
            return node("GRU", List.of(x, w, r, b, "", initialH), List.of(y, yH),
                    Attribute.i("hidden_size", hiddenSize),
                    Attribute.i("linear_before_reset", linearBeforeReset ? 1 : 0));
        }

        /** The serialized {@code ModelProto}. */
        public byte[] build() {
            Proto graph = new Proto();
            nodes.forEach(n -> graph.message(1, n));
            graph.string(2, graphName);
            initializers.forEach(t -> graph.message(5, t));
            if (!docString.isEmpty()) {
                graph.string(10, docString);
            }
            inputs.forEach(v -> graph.message(11, v));
            outputs.forEach(v -> graph.message(12, v));

            Proto model = new Proto().varint(1, irVersion).string(2, producer);
            if (!producerVersion.isEmpty()) {
                model.string(3, producerVersion);
            }
            model.varint(5, modelVersion);
            if (!docString.isEmpty()) {
                model.string(6, docString);
            }
            model.message(7, graph).message(8, new Proto().string(1, "").varint(2, opset));
            metadata.forEach((k, v) -> model.message(14, new Proto().string(1, k).string(2, v)));
            return model.toByteArray();
        }

        /** Writes {@link #build()} to {@code file} and returns it. */
        public Path writeTo(Path file) throws IOException {
            return Files.write(file, build());
        }

        private static void checkCount(String name, int count, long[] dims) {
            long expected = 1;
            for (long d : dims) {
                expected *= d;
            }
            if (expected != count) {
                throw new IllegalArgumentException("initializer '" + name + "' has " + count + " values but dims "
                        + java.util.Arrays.toString(dims) + " need " + expected);
            }
        }

        private static Proto tensor(String name, ElementType type, byte[] raw, long[] dims) {
            Proto t = new Proto();
            for (long d : dims) {
                t.varint(1, d);
            }
            return t.varint(2, dataType(type)).string(8, name).bytes(9, raw);
        }

        private static Proto valueInfo(String name, ElementType type, Object... dims) {
            Proto shape = new Proto();
            for (Object d : dims) {
                Proto dim = new Proto();
                if (d instanceof String param) {
                    dim.string(2, param);
                } else {
                    dim.varint(1, ((Number) d).longValue());
                }
                shape.message(1, dim);
            }
            Proto tensorType = new Proto().varint(1, dataType(type)).message(2, shape);
            return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
        }
    }
}
