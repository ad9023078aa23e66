package io.affectstream.tfjs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A TF.js graph model as read from its {@code model.json} and weight shards.
 *
 * @param nodes          the nodes in file order
 * @param weights        the decoded constants by name, in manifest order
 * @param signatureInputs  input tensor names from {@code userDefinedMetadata.signature} (e.g. {@code input_1:0}), or empty
 * @param signatureOutputs output tensor names from the signature (e.g. {@code Identity:0}), or empty
 */
public record TfjsGraph(List<TfjsNode> nodes, Map<String, TfjsTensor> weights,
                        List<String> signatureInputs, List<String> signatureOutputs) {

    public TfjsGraph {
        nodes = List.copyOf(nodes);
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        signatureInputs = List.copyOf(signatureInputs);
        signatureOutputs = List.copyOf(signatureOutputs);
    }

    public TfjsNode node(String name) {
        for (TfjsNode n : nodes) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        throw new IllegalArgumentException("the graph has no node '" + name + "'");
    }

    public TfjsTensor weight(String name) {
        return Objects.requireNonNull(weights.get(name), () -> "the graph has no weight '" + name + "'");
    }
}
