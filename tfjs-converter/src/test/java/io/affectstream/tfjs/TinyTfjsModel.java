package io.affectstream.tfjs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** Writes a small TF.js graph model (model.json + one shard) by hand, the way the TF.js converter lays it out. */
final class TinyTfjsModel {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root = JSON.createObjectNode();
    private final ArrayNode nodes;
    private final ArrayNode weights;
    private final ByteArrayOutputStream bin = new ByteArrayOutputStream();

    TinyTfjsModel() {
        root.put("format", "graph-model");
        nodes = root.putObject("modelTopology").putArray("node");
        ObjectNode group = root.putArray("weightsManifest").addObject();
        group.putArray("paths").add("tiny.bin");
        weights = group.putArray("weights");
    }

    ObjectNode node(String name, String op, String... inputs) {
        ObjectNode n = nodes.addObject();
        n.put("name", name).put("op", op);
        ArrayNode in = n.putArray("input");
        for (String i : inputs) {
            in.add(i);
        }
        n.putObject("attr");
        return n;
    }

    void placeholder(String name, int... shape) {
        ArrayNode dims = attr(node(name, "Placeholder")).putObject("shape").putObject("shape").putArray("dim");
        for (int d : shape) {
            dims.addObject().put("size", Integer.toString(d));
        }
    }

    private static ObjectNode attr(ObjectNode node) {
        return (ObjectNode) node.get("attr");
    }

    static ObjectNode s(ObjectNode node, String key, String value) {
        attr(node).putObject(key).put("s", b64(value));
        return node;
    }

    static ObjectNode ints(ObjectNode node, String key, int... values) {
        ArrayNode list = attr(node).putObject(key).putObject("list").putArray("i");
        for (int v : values) {
            list.add(Integer.toString(v));
        }
        return node;
    }

    static ObjectNode strings(ObjectNode node, String key, String... values) {
        ArrayNode list = attr(node).putObject(key).putObject("list").putArray("s");
        for (String v : values) {
            list.add(b64(v));
        }
        return node;
    }

    static ObjectNode bool(ObjectNode node, String key, boolean value) {
        attr(node).putObject(key).put("b", value);
        return node;
    }

    void constFloat32(String name, float[] values, int... shape) {
        node(name, "Const");
        entry(name, "float32", shape);
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        bin.writeBytes(b.array());
    }

    void constInt32(String name, int[] values, int... shape) {
        node(name, "Const");
        entry(name, "int32", shape);
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        bin.writeBytes(b.array());
    }

    /** A uint8-quantized float constant: the reader must give {@code q * scale + min}. */
    void constUint8(String name, int[] q, double scale, double min, int... shape) {
        node(name, "Const");
        entry(name, "float32", shape).putObject("quantization").put("dtype", "uint8").put("scale", scale).put("min", min);
        for (int v : q) {
            bin.write(v);
        }
    }

    /** A float16-quantized constant, given as raw binary16 bits. */
    void constFloat16(String name, short[] halves, int... shape) {
        node(name, "Const");
        entry(name, "float32", shape).putObject("quantization").put("dtype", "float16");
        ByteBuffer b = ByteBuffer.allocate(2 * halves.length).order(ByteOrder.LITTLE_ENDIAN);
        for (short h : halves) {
            b.putShort(h);
        }
        bin.writeBytes(b.array());
    }

    private ObjectNode entry(String name, String dtype, int[] shape) {
        ObjectNode w = weights.addObject();
        w.put("name", name);
        ArrayNode s = w.putArray("shape");
        for (int d : shape) {
            s.add(d);
        }
        w.put("dtype", dtype);
        return w;
    }

    Path write(Path dir) throws IOException {
        Files.write(dir.resolve("tiny.bin"), bin.toByteArray());
        Path json = dir.resolve("model.json");
        Files.writeString(json, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return json;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
