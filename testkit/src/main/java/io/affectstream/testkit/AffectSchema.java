package io.affectstream.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks JSON against the published schema of the affect topic ({@code schema/affect-frame.schema.json} in the
 * wire module). Needs {@code com.networknt:json-schema-validator} on the test classpath.
 */
public final class AffectSchema {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = load();

    private AffectSchema() {
    }

    private static JsonSchema load() {
        try (InputStream in = AffectSchema.class.getResourceAsStream("/schema/affect-frame.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("schema/affect-frame.schema.json is not on the classpath");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Throws an {@link AssertionError} listing every violation when {@code json} does not match the schema. */
    public static void assertValid(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
        Set<ValidationMessage> errors = SCHEMA.validate(node);
        if (!errors.isEmpty()) {
            throw new AssertionError("record violates the affect schema: "
                    + errors.stream().map(ValidationMessage::getMessage).collect(Collectors.joining("; "))
                    + "\n" + json);
        }
    }
}
