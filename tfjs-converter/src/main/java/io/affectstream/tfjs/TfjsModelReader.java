package io.affectstream.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a TF.js graph model: {@code model.json} ({@code format: graph-model}) and the weight shards it names,
 * relative to the JSON file. Each manifest group's shards are concatenated and its weights laid out back to back
 * in manifest order, little-endian. Quantized weights are dequantized: {@code uint8}/{@code uint16} as
 * {@code q * scale + min}, {@code float16} to float32.
 */
public final class TfjsModelReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TfjsModelReader() {
    }

    public static TfjsGraph read(Path modelJson) throws IOException {
        JsonNode root = JSON.readTree(modelJson.toFile());
        String format = root.path("format").asText("graph-model");
        if (!format.equals("graph-model")) {
            throw new IOException(modelJson + " is a TF.js '" + format + "', not a graph-model");
        }
        JsonNode topology = root.path("modelTopology");
        if (!topology.has("node")) {
            throw new IOException(modelJson + " has no modelTopology.node list");
        }
        List<TfjsNode> nodes = new ArrayList<>();
        for (JsonNode n : topology.path("node")) {
            nodes.add(TfjsNode.fromJson(n));
        }
        Map<String, TfjsTensor> weights = readWeightGroups(root.path("weightsManifest"), modelJson);
        JsonNode signature = root.path("userDefinedMetadata").path("signature");
        if (signature.isMissingNode()) {
            signature = root.path("signature");
        }
        return new TfjsGraph(nodes, weights, keys(signature.path("inputs")), keys(signature.path("outputs")));
    }

    /**
     * Decodes the weight groups of a manifest (the {@code weightsManifest} list of a graph model, or the whole
     * content of a stand-alone {@code *-weights_manifest.json}); shard paths are relative to {@code file}.
     */
    static Map<String, TfjsTensor> readWeightGroups(JsonNode groups, Path file) throws IOException {
        Map<String, TfjsTensor> weights = new LinkedHashMap<>();
        Path dir = file.toAbsolutePath().getParent();
        for (JsonNode group : groups) {
            ByteArrayOutputStream shards = new ByteArrayOutputStream();
            for (JsonNode p : group.path("paths")) {
                shards.writeBytes(Files.readAllBytes(dir.resolve(p.asText())));
            }
            ByteBuffer data = ByteBuffer.wrap(shards.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
            for (JsonNode w : group.path("weights")) {
                TfjsTensor t = decode(w, data, file);
                weights.put(t.name(), t);
            }
            if (data.hasRemaining()) {
                throw new IOException(file + ": " + data.remaining() + " bytes of weight data are not described "
                        + "by the manifest " + group.path("paths"));
            }
        }
        return weights;
    }

    private static List<String> keys(JsonNode object) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    private static TfjsTensor decode(JsonNode w, ByteBuffer data, Path file) throws IOException {
        String name = w.path("name").asText();
        String dtype = w.path("dtype").asText();
        JsonNode shapeJson = w.path("shape");
        int[] shape = new int[shapeJson.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeJson.get(i).asInt();
        }
        int n = TfjsTensor.elementCount(shape);
        JsonNode q = w.path("quantization");
        try {
            if (!q.isMissingNode()) {
                return dequantize(name, dtype, shape, n, q, data);
            }
            switch (dtype) {
                case "float32": {
                    float[] v = new float[n];
                    data.asFloatBuffer().get(v);
                    skip(data, 4L * n);
                    return TfjsTensor.ofFloats(name, shape, v);
                }
                case "int32": {
                    int[] v = new int[n];
                    data.asIntBuffer().get(v);
                    skip(data, 4L * n);
                    return TfjsTensor.ofInts(name, shape, v);
                }
                case "bool": {
                    int[] v = new int[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = data.get() != 0 ? 1 : 0;
                    }
                    return new TfjsTensor(name, "bool", shape, null, v);
                }
                default:
                    throw new IOException(file + ": weight '" + name + "' has unsupported dtype '" + dtype + "'");
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new IOException(file + ": the weight data ends inside '" + name + "'", e);
        }
    }

    private static TfjsTensor dequantize(String name, String dtype, int[] shape, int n, JsonNode q, ByteBuffer data)
            throws IOException {
        String qtype = q.path("dtype").asText();
        float[] v = new float[n];
        switch (qtype) {
            case "uint8", "uint16" -> {
                double scale = q.path("scale").asDouble();
                double min = q.path("min").asDouble();
                for (int i = 0; i < n; i++) {
                    int raw = qtype.equals("uint8") ? data.get() & 0xFF : data.getShort() & 0xFFFF;
                    v[i] = (float) (raw * scale + min);
                }
            }
            case "float16" -> {
                for (int i = 0; i < n; i++) {
                    v[i] = halfToFloat(data.getShort());
                }
            }
            default -> throw new IOException("weight '" + name + "' has unsupported quantization dtype '" + qtype + "'");
        }
        if (dtype.equals("int32")) {
            int[] ints = new int[n];
            for (int i = 0; i < n; i++) {
                ints[i] = Math.round(v[i]);
            }
            return TfjsTensor.ofInts(name, shape, ints);
        }
        return TfjsTensor.ofFloats(name, shape, v);
    }

    /** IEEE 754 binary16 to float (Java 17 has no {@code Float.float16ToFloat}). */
    static float halfToFloat(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        if (exp == 0) {
            float f = mant * 0x1p-24f; // subnormal (or zero)
            return sign != 0 ? -f : f;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    private static void skip(ByteBuffer data, long bytes) {
        data.position(Math.toIntExact(data.position() + bytes));
    }
}
