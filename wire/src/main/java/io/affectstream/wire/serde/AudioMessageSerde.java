package io.affectstream.wire.serde;

import io.affectstream.wire.AudioChunk;
import io.affectstream.wire.AudioMessage;
import io.affectstream.wire.EndOfStream;

/** Binary serde of the audio topic (see {@link MediaCodec} for the layout). */
public final class AudioMessageSerde extends WireSerde<AudioMessage> {

    @Override
    protected byte[] encode(AudioMessage message) {
        if (message instanceof AudioChunk chunk) {
            return MediaCodec.write(chunk);
        }
        return MediaCodec.write((EndOfStream) message);
    }

    @Override
    protected AudioMessage decode(String topic, byte[] data) {
        BinaryReader in = new BinaryReader(topic, data);
        byte tag = MediaCodec.readHeader(in);
        return switch (tag) {
            case MediaCodec.TAG_AUDIO_CHUNK -> MediaCodec.readAudioChunk(in);
            case MediaCodec.TAG_END_OF_STREAM -> MediaCodec.readEndOfStream(in);
            default -> throw in.corrupt("type tag " + tag + " is not an audio message");
        };
    }
}
