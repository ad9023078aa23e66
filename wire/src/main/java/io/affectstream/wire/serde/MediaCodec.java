package io.affectstream.wire.serde;

import io.affectstream.wire.AudioChunk;
import io.affectstream.wire.EndOfStream;
import io.affectstream.wire.EndReason;
import io.affectstream.wire.ImageEncoding;
import io.affectstream.wire.Modality;
import io.affectstream.wire.VideoFrame;

/**
 * The compact binary layout of the media topics. Every record starts with the magic bytes {@code 'A' 'F'},
 * a format version and a type tag, so a reader can tell a foreign or damaged payload from a real one.
 */
final class MediaCodec {
    static final byte MAGIC_0 = 'A';
    static final byte MAGIC_1 = 'F';
    static final byte VERSION = 1;
    static final byte TAG_VIDEO_FRAME = 1;
    static final byte TAG_AUDIO_CHUNK = 2;
    static final byte TAG_END_OF_STREAM = 3;

    private MediaCodec() {
    }

    static BinaryWriter header(int expectedSize, byte tag) {
        return new BinaryWriter(expectedSize).writeByte(MAGIC_0).writeByte(MAGIC_1).writeByte(VERSION).writeByte(tag);
    }

    /** Checks the header and returns the type tag. */
    static byte readHeader(BinaryReader in) {
        if (in.readByte() != MAGIC_0 || in.readByte() != MAGIC_1) {
            throw in.corrupt("not an affect-stream media record (bad magic bytes)");
        }
        byte version = in.readByte();
        if (version != VERSION) {
            throw in.corrupt("unsupported format version " + version + " (this build reads " + VERSION + ")");
        }
        return in.readByte();
    }

    static byte[] write(VideoFrame f) {
        return header(f.image().length + 96, TAG_VIDEO_FRAME)
                .writeString(f.streamId()).writeLong(f.frameIndex()).writeLong(f.ptsMicros())
                .writeLong(f.capturedAtMs()).writeLong(f.ingestedAtMs())
                .writeInt(f.width()).writeInt(f.height()).writeInt(f.sourceWidth()).writeInt(f.sourceHeight())
                .writeByte(f.audioTrack() ? 1 : 0)
                .writeByte(f.encoding().ordinal()).writeBytes(f.image())
                .toByteArray();
    }

    static VideoFrame readVideoFrame(BinaryReader in) {
        String streamId = in.readString();
        long frameIndex = in.readLong();
        long pts = in.readLong();
        long captured = in.readLong();
        long ingested = in.readLong();
        int width = in.readInt();
        int height = in.readInt();
        int sourceWidth = in.readInt();
        int sourceHeight = in.readInt();
        boolean audioTrack = in.readByte() != 0;
        ImageEncoding encoding = in.readEnum(ImageEncoding.values(), "image encoding");
        byte[] image = in.readBytes();
        return construct(in, () -> new VideoFrame(streamId, frameIndex, pts, captured, ingested,
                width, height, sourceWidth, sourceHeight, audioTrack, encoding, image));
    }

    static byte[] write(AudioChunk c) {
        return header(c.samples().length * 2 + 96, TAG_AUDIO_CHUNK)
                .writeString(c.streamId()).writeLong(c.chunkIndex()).writeLong(c.sampleOffset())
                .writeInt(c.sampleRateHz()).writeInt(c.channels())
                .writeLong(c.capturedAtMs()).writeLong(c.ingestedAtMs())
                .writeShorts(c.samples())
                .toByteArray();
    }

    static AudioChunk readAudioChunk(BinaryReader in) {
        String streamId = in.readString();
        long chunkIndex = in.readLong();
        long offset = in.readLong();
        int rate = in.readInt();
        int channels = in.readInt();
        long captured = in.readLong();
        long ingested = in.readLong();
        short[] samples = in.readShorts();
        return construct(in, () -> new AudioChunk(streamId, chunkIndex, offset, rate, channels, captured, ingested,
                samples));
    }

    static byte[] write(EndOfStream e) {
        return header(64, TAG_END_OF_STREAM)
                .writeString(e.streamId()).writeByte(e.modality().ordinal()).writeLong(e.count())
                .writeLong(e.capturedAtMs()).writeByte(e.reason().ordinal()).writeNullableString(e.detail())
                .toByteArray();
    }

    static EndOfStream readEndOfStream(BinaryReader in) {
        String streamId = in.readString();
        Modality modality = in.readEnum(Modality.values(), "modality");
        long count = in.readLong();
        long captured = in.readLong();
        EndReason reason = in.readEnum(EndReason.values(), "end reason");
        String detail = in.readNullableString();
        return construct(in, () -> new EndOfStream(streamId, modality, count, captured, reason, detail));
    }

    /** Builds the record once the whole payload is read, reporting invalid field values as corruption. */
    private static <T> T construct(BinaryReader in, java.util.function.Supplier<T> constructor) {
        in.expectEnd();
        try {
            return constructor.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw in.corrupt(e.getMessage());
        }
    }
}
