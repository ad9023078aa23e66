package io.affectstream.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;

/**
 * Reads a stand-alone TF.js weights manifest ({@code *-weights_manifest.json}, as face-api ships its nets): a JSON
 * list of groups, each naming its shard files ({@code paths}, relative to the manifest) and its weights
 * ({@code name}, {@code shape}, {@code dtype}, optional {@code quantization}). There is no graph: the code that
 * uses the weights defines the architecture. Weights are decoded as in {@link TfjsModelReader}: float32 and int32
 * as stored, {@code uint8}/{@code uint16} quantization as {@code q * scale + min}, {@code float16} widened.
 */
public final class TfjsWeightsManifest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TfjsWeightsManifest() {
    }

    /** The decoded weights by name, in manifest order. */
    public static Map<String, TfjsTensor> read(Path manifestJson) throws IOException {
        JsonNode root = JSON.readTree(manifestJson.toFile());
        if (!root.isArray() || root.isEmpty()) {
            throw new IOException(manifestJson + " is not a TF.js weights manifest: expected a non-empty JSON list of "
                    + "weight groups ({\"paths\": [...], \"weights\": [...]})");
        }
        for (JsonNode group : root) {
            if (!group.path("paths").isArray() || !group.path("weights").isArray()) {
                throw new IOException(manifestJson + ": a weight group lacks its 'paths' or 'weights' list");
            }
        }
        return Collections.unmodifiableMap(TfjsModelReader.readWeightGroups(root, manifestJson));
    }
}
