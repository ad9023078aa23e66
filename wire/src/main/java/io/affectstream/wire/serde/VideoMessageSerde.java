package io.affectstream.wire.serde;

import io.affectstream.wire.EndOfStream;
import io.affectstream.wire.VideoFrame;
import io.affectstream.wire.VideoMessage;

/** Binary serde of the video topic (see {@link MediaCodec} for the layout). */
public final class VideoMessageSerde extends WireSerde<VideoMessage> {

    @Override
    protected byte[] encode(VideoMessage message) {
        if (message instanceof VideoFrame frame) {
            return MediaCodec.write(frame);
        }
        return MediaCodec.write((EndOfStream) message);
    }

    @Override
    protected VideoMessage decode(String topic, byte[] data) {
        BinaryReader in = new BinaryReader(topic, data);
        byte tag = MediaCodec.readHeader(in);
        return switch (tag) {
            case MediaCodec.TAG_VIDEO_FRAME -> MediaCodec.readVideoFrame(in);
            case MediaCodec.TAG_END_OF_STREAM -> MediaCodec.readEndOfStream(in);
            default -> throw in.corrupt("type tag " + tag + " is not a video message");
        };
    }
}
