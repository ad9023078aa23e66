package io.affectstream.vision;

import io.affectstream.wire.Topics;
import io.affectstream.wire.VideoFrame;
import io.affectstream.wire.VideoMessage;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.Record;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A frame the vision stage holds for its next micro-batch, as kept in the changelogged store
 * {@value VisionTopology#BUFFER_STORE}: the input record's key and timestamp, and the frame, so that the record can
 * be rebuilt after a restart exactly as it came in (headers aside: the pipeline sets none).
 */
record HeldFrame(String key, long timestamp, VideoFrame frame) {

    static HeldFrame of(Record<String, VideoMessage> record) {
        return new HeldFrame(record.key(), record.timestamp(), (VideoFrame) record.value());
    }

    Record<String, VideoMessage> toRecord() {
        return new Record<>(key, frame, timestamp);
    }

    /**
     * Binary: the timestamp (8 bytes), the key's UTF-8 length (4 bytes, -1 for none) and bytes, then the frame in
     * the video topic's own encoding.
     */
    static final class WireSerde implements Serde<HeldFrame> {
        private final Serde<VideoMessage> frames = Topics.VIDEO_FRAMES.valueSerde();

        @Override
        public Serializer<HeldFrame> serializer() {
            return (topic, held) -> {
                if (held == null) {
                    return null;
                }
                byte[] key = held.key() == null ? null : held.key().getBytes(StandardCharsets.UTF_8);
                byte[] frame = frames.serializer().serialize(topic, held.frame());
                ByteBuffer out = ByteBuffer.allocate(12 + (key == null ? 0 : key.length) + frame.length);
                out.putLong(held.timestamp()).putInt(key == null ? -1 : key.length);
                if (key != null) {
                    out.put(key);
                }
                return out.put(frame).array();
            };
        }

        @Override
        public Deserializer<HeldFrame> deserializer() {
            return (topic, data) -> {
                if (data == null) {
                    return null;
                }
                try {
                    ByteBuffer in = ByteBuffer.wrap(data);
                    long timestamp = in.getLong();
                    int keyLength = in.getInt();
                    String key = null;
                    if (keyLength >= 0) {
                        byte[] keyBytes = new byte[keyLength];
                        in.get(keyBytes);
                        key = new String(keyBytes, StandardCharsets.UTF_8);
                    }
                    byte[] frame = new byte[in.remaining()];
                    in.get(frame);
                    if (!(frames.deserializer().deserialize(topic, frame) instanceof VideoFrame videoFrame)) {
                        throw new SerializationException("a held frame in " + topic + " is not a video frame");
                    }
                    return new HeldFrame(key, timestamp, videoFrame);
                } catch (BufferUnderflowException | NegativeArraySizeException e) {
                    throw new SerializationException("a held frame in " + topic + " is truncated ("
                            + data.length + " bytes)", e);
                }
            };
        }
    }
}
