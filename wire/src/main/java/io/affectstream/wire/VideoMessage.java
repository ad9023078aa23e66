package io.affectstream.wire;

/** What ingest publishes on the video topic: decoded frames, then one {@link EndOfStream}. */
public sealed interface VideoMessage extends StreamMessage permits VideoFrame, EndOfStream {
}
