package io.affectstream.inference;

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
import java.util.Map;

/**
 * Writes small, real ONNX models by hand-encoding the protobuf wire format, so tests need neither a
 * download nor the Python toolchain. Only the handful of messages and fields a tiny model needs are
 * covered; field numbers are those of onnx/onnx.proto (proto2):
 *
 * <pre>
 * ModelProto          ir_version=1 producer_name=2 model_version=5 graph=7 opset_import=8 metadata_props=14
 * OperatorSetIdProto  domain=1 version=2
 * GraphProto          node=1 name=2 initializer=5 input=11 output=12
 * NodeProto           input=1 output=2 name=3 op_type=4 attribute=5
 * AttributeProto      name=1 f=2 i=3 ints=8 type=20   (AttributeType FLOAT=1 INT=2 INTS=7)
 * TensorProto         dims=1 data_type=2 name=8 raw_data=9  (DataType FLOAT=1 INT64=7)
 * ValueInfoProto      name=1 type=2
 * TypeProto           tensor_type=1;  TypeProto.Tensor elem_type=1 shape=2
 * TensorShapeProto    dim=1;  Dimension dim_value=1 dim_param=2
 * StringStringEntry   key=1 value=2
 * </pre>
 *
 * ONNX Runtime itself parses and checks what this writes, so a wrong field would fail the tests loudly.
 */
final class TinyOnnx {
    /** onnx.TensorProto.DataType values. */
    static final int FLOAT = 1;
    static final int INT64 = 7;

    private static final int IR_VERSION = 8;
    private static final int OPSET = 17;

    private TinyOnnx() {
    }

    static ModelBuilder model() {
        return new ModelBuilder();
    }

    // ------------------------------------------------------------------------------------- wire format

    /** A protobuf message being encoded: tags are (field << 3 | wire type), lengths are varints. */
    static final class Proto {
        private static final int VARINT = 0;
        private static final int LENGTH_DELIMITED = 2;
        private static final int FIXED32 = 5;

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            tag(field, VARINT);
            rawVarint(value);
            return this;
        }

        Proto fixed32Float(int field, float value) {
            tag(field, FIXED32);
            int bits = Float.floatToIntBits(value);
            for (int i = 0; i < 4; i++) {
                out.write((bits >>> (8 * i)) & 0xFF); // little-endian, as protobuf requires
            }
            return this;
        }

        Proto bytes(int field, byte[] value) {
            tag(field, LENGTH_DELIMITED);
            rawVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        Proto string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto value) {
            return bytes(field, value.toByteArray());
        }

        byte[] toByteArray() {
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

    // ---------------------------------------------------------------------------------------- messages

    /** A NodeProto attribute. */
    record Attribute(Proto proto) {
        static Attribute f(String name, float value) {
            return new Attribute(new Proto().string(1, name).fixed32Float(2, value).varint(20, 1));
        }

        static Attribute i(String name, long value) {
            return new Attribute(new Proto().string(1, name).varint(3, value).varint(20, 2));
        }

        static Attribute ints(String name, long... values) {
            Proto p = new Proto().string(1, name);
            for (long v : values) {
                p.varint(8, v); // proto2 repeated scalars are unpacked by default; parsers accept both
            }
            return new Attribute(p.varint(20, 7));
        }
    }

    static final class ModelBuilder {
        private String producer = "affect-stream-tests";
        private String graphName = "tiny";
        private long modelVersion;
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private final List<Proto> nodes = new ArrayList<>();
        private final List<Proto> initializers = new ArrayList<>();
        private final List<Proto> inputs = new ArrayList<>();
        private final List<Proto> outputs = new ArrayList<>();

        ModelBuilder producer(String name) {
            producer = name;
            return this;
        }

        ModelBuilder graphName(String name) {
            graphName = name;
            return this;
        }

        ModelBuilder modelVersion(long version) {
            modelVersion = version;
            return this;
        }

        ModelBuilder metadata(String key, String value) {
            metadata.put(key, value);
            return this;
        }

        /** A graph input; each dim is a number (dim_value) or a String (dim_param, i.e. dynamic). */
        ModelBuilder input(String name, int elemType, Object... dims) {
            inputs.add(valueInfo(name, elemType, dims));
            return this;
        }

        ModelBuilder output(String name, int elemType, Object... dims) {
            outputs.add(valueInfo(name, elemType, dims));
            return this;
        }

        /** A float constant, stored as little-endian raw_data. */
        ModelBuilder initializer(String name, float[] values, long... dims) {
            ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                raw.putFloat(v);
            }
            Proto t = new Proto();
            for (long d : dims) {
                t.varint(1, d);
            }
            t.varint(2, FLOAT).string(8, name).bytes(9, raw.array());
            initializers.add(t);
            return this;
        }

        ModelBuilder node(String opType, List<String> in, List<String> out, Attribute... attributes) {
            Proto n = new Proto();
            in.forEach(s -> n.string(1, s));
            out.forEach(s -> n.string(2, s));
            n.string(3, opType.toLowerCase() + "_" + nodes.size()).string(4, opType);
            for (Attribute a : attributes) {
                n.message(5, a.proto());
            }
            nodes.add(n);
            return this;
        }

        byte[] build() {
            Proto graph = new Proto();
            nodes.forEach(n -> graph.message(1, n));
            graph.string(2, graphName);
            initializers.forEach(t -> graph.message(5, t));
            inputs.forEach(v -> graph.message(11, v));
            outputs.forEach(v -> graph.message(12, v));

            Proto model = new Proto()
                    .varint(1, IR_VERSION)
                    .string(2, producer)
                    .varint(5, modelVersion)
                    .message(7, graph)
                    .message(8, new Proto().string(1, "").varint(2, OPSET));
            metadata.forEach((k, v) -> model.message(14, new Proto().string(1, k).string(2, v)));
            return model.toByteArray();
        }

        Path writeTo(Path file) throws IOException {
            return Files.write(file, build());
        }

        private static Proto valueInfo(String name, int elemType, Object... dims) {
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
            Proto tensorType = new Proto().varint(1, elemType).message(2, shape);
            return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
        }
    }
}
