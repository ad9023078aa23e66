package io.affectstream.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One node of a TF.js graph model's {@code modelTopology.node} list: a TensorFlow {@code NodeDef} in JSON form.
 * Attribute values follow TensorFlow's {@code AttrValue} JSON mapping: strings are base64, 64-bit ints are
 * decimal strings, lists are {@code {"list": {"i": [...]}}}.
 *
 * @param name   node name; other nodes refer to its first output by this name
 * @param op     TensorFlow op type, e.g. {@code _FusedConv2D}
 * @param inputs data inputs as {@code name} or {@code name:k}; control inputs ({@code ^name}) are dropped
 * @param attr   the raw {@code attr} object (never null)
 */
public record TfjsNode(String name, String op, List<String> inputs, JsonNode attr) {

    public TfjsNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(op, "op");
        inputs = List.copyOf(inputs);
        attr = attr == null ? MissingNode.getInstance() : attr;
    }

    static TfjsNode fromJson(JsonNode json) {
        List<String> in = new ArrayList<>();
        for (JsonNode i : json.path("input")) {
            String s = i.asText();
            if (!s.startsWith("^")) {
                in.add(s);
            }
        }
        return new TfjsNode(json.path("name").asText(), json.path("op").asText(), in, json.path("attr"));
    }

    /** The producing node's name of input {@code index}, without an output suffix {@code :k}. */
    public String inputNode(int index) {
        return stripPort(inputs.get(index));
    }

    static String stripPort(String ref) {
        int colon = ref.lastIndexOf(':');
        return colon < 0 ? ref : ref.substring(0, colon);
    }

    static int port(String ref) {
        int colon = ref.lastIndexOf(':');
        return colon < 0 ? 0 : Integer.parseInt(ref.substring(colon + 1));
    }

    public boolean has(String key) {
        return attr.has(key);
    }

    /** A string attribute (base64 in the JSON). */
    public Optional<String> string(String key) {
        JsonNode s = attr.path(key).path("s");
        return s.isMissingNode() ? Optional.empty() : Optional.of(decode(s.asText()));
    }

    public String string(String key, String fallback) {
        return string(key).orElse(fallback);
    }

    public long i(String key, long fallback) {
        JsonNode i = attr.path(key).path("i");
        return i.isMissingNode() ? fallback : Long.parseLong(i.asText());
    }

    public float f(String key, float fallback) {
        JsonNode f = attr.path(key).path("f");
        return f.isMissingNode() ? fallback : (float) f.asDouble();
    }

    public boolean b(String key, boolean fallback) {
        JsonNode b = attr.path(key).path("b");
        return b.isMissingNode() ? fallback : b.asBoolean();
    }

    /** An int-list attribute, or {@code fallback} when absent or empty. */
    public int[] ints(String key, int... fallback) {
        JsonNode list = attr.path(key).path("list").path("i");
        if (list.isMissingNode() || list.isEmpty()) {
            return fallback;
        }
        int[] out = new int[list.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = Math.toIntExact(Long.parseLong(list.get(k).asText()));
        }
        return out;
    }

    /** A string-list attribute (each base64 in the JSON); empty when absent. */
    public List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : attr.path(key).path("list").path("s")) {
            out.add(decode(s.asText()));
        }
        return out;
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return op + " '" + name + "' " + inputs;
    }
}
