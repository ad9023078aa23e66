package io.affectstream.wire.serde;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.apache.kafka.common.errors.SerializationException;

import java.io.IOException;

/**
 * UTF-8 JSON serde for the analysis and affect topics, whose records are small and read by other languages.
 * Unknown fields are ignored so that a newer producer's additions do not break an older reader.
 */
public class JsonSerde<T> extends WireSerde<T> {
    // Faces carry dozens of doubles per frame: the fast (Schubfach / FastDoubleParser) number paths matter here.
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, false);

    private final Class<T> type;
    private final ObjectWriter writer;
    private final ObjectReader reader;

    public JsonSerde(Class<T> type) {
        this.type = type;
        this.writer = MAPPER.writerFor(type);
        this.reader = MAPPER.readerFor(type);
    }

    /** The shared mapper, configured as the serdes use it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The record as one line of JSON, exactly as it appears on the topic. */
    public String toJson(T value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot write " + type.getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    protected byte[] encode(T value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot write " + type.getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    protected T decode(String topic, byte[] data) {
        try {
            return reader.readValue(data);
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new SerializationException("corrupt record on topic '" + topic + "': not a valid "
                    + type.getSimpleName() + " (" + reason + ")", e);
        }
    }
}
