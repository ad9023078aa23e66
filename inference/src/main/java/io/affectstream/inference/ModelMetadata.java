package io.affectstream.inference;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Metadata stored in an ONNX model file. {@link #custom()} is the model's {@code metadata_props}
 * key/value map, where models declare things such as their label set.
 *
 * @param producerName     tool that produced the model ({@code producer_name})
 * @param graphName        name of the main graph
 * @param graphDescription doc string of the main graph
 * @param domain           model domain
 * @param description      model doc string
 * @param version          model version ({@code model_version})
 * @param custom           custom metadata, sorted by key, unmodifiable
 */
public record ModelMetadata(String producerName,
                            String graphName,
                            String graphDescription,
                            String domain,
                            String description,
                            long version,
                            Map<String, String> custom) {

    public ModelMetadata {
        Objects.requireNonNull(custom, "custom");
    }

    /** One custom metadata value. */
    public Optional<String> custom(String key) {
        return Optional.ofNullable(custom.get(key));
    }
}
