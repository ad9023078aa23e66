package io.affectstream.wire;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What the audio stage publishes: one {@link AudioAnalysis} per ingest chunk, then one {@link EndOfStream}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AudioAnalysis.class, name = "analysis"),
        @JsonSubTypes.Type(value = EndOfStream.class, name = "end_of_stream")})
public sealed interface AudioAnalysisMessage extends StreamMessage permits AudioAnalysis, EndOfStream {
}
