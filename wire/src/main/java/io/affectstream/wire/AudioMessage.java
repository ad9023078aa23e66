package io.affectstream.wire;

/** What ingest publishes on the audio topic: PCM chunks, then one {@link EndOfStream}. */
public sealed interface AudioMessage extends StreamMessage permits AudioChunk, EndOfStream {
}
