package io.affectstream.wire;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The public per-frame affect topic: one {@link AffectFrame} per video frame, then one {@link EndOfStream}.
 * On the wire each JSON object says which it is in its {@code kind} field ({@code frame} or {@code end_of_stream}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AffectFrame.class, name = "frame"),
        @JsonSubTypes.Type(value = EndOfStream.class, name = "end_of_stream")})
public sealed interface AffectMessage extends StreamMessage permits AffectFrame, EndOfStream {
}
