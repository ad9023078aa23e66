package io.affectstream.wire;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What the vision stage publishes: one {@link VisionFrame} per video frame, then one {@link EndOfStream}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = VisionFrame.class, name = "frame"),
        @JsonSubTypes.Type(value = EndOfStream.class, name = "end_of_stream")})
public sealed interface VisionMessage extends StreamMessage permits VisionFrame, EndOfStream {
}
