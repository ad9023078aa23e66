package io.affectstream.wire;

/** Anything published for one media stream; the Kafka key of every pipeline topic is {@link #streamId()}. */
public interface StreamMessage {
    String streamId();
}
