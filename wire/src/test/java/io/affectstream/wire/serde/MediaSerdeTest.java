package io.affectstream.wire.serde;

import io.affectstream.wire.AudioChunk;
import io.affectstream.wire.AudioMessage;
import io.affectstream.wire.EndOfStream;
import io.affectstream.wire.EndReason;
import io.affectstream.wire.ImageEncoding;
import io.affectstream.wire.Modality;
import io.affectstream.wire.Topics;
import io.affectstream.wire.VideoFrame;
import io.affectstream.wire.VideoMessage;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MediaSerdeTest {
    private static final String VIDEO = Topics.VIDEO_FRAMES.name();
    private static final String AUDIO = Topics.AUDIO_CHUNKS.name();
    private final VideoMessageSerde videoSerde = new VideoMessageSerde();
    private final AudioMessageSerde audioSerde = new AudioMessageSerde();

    static VideoFrame frame() {
        byte[] jpeg = new byte[5000];
        new Random(7).nextBytes(jpeg);
        return new VideoFrame("cam-1", 42, 1_680_000, 1_700_000_001_680L, 1_700_000_001_700L,
                640, 360, 1920, 1080, true, ImageEncoding.JPEG, jpeg);
    }

    static AudioChunk chunk() {
        short[] pcm = new short[2205];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (Math.sin(i * 0.1) * 20000 - (i % 3));
        }
        pcm[0] = Short.MIN_VALUE;
        pcm[1] = Short.MAX_VALUE;
        return new AudioChunk("cam-1", 3, 6615, 44_100, 1, 1_700_000_000_150L, 1_700_000_000_160L, pcm);
    }

    @Test
    void videoFramesSurviveARoundTripByteForByte() {
        VideoFrame original = frame();
        VideoMessage back = videoSerde.deserialize(VIDEO, videoSerde.serialize(VIDEO, original));
        assertEquals(original, back);
    }

    @Test
    void audioChunksSurviveARoundTripIncludingExtremeSamples() {
        AudioChunk original = chunk();
        AudioMessage back = audioSerde.deserialize(AUDIO, audioSerde.serialize(AUDIO, original));
        assertEquals(original, back);
        assertEquals(Short.MIN_VALUE, ((AudioChunk) back).samples()[0]);
    }

    @Test
    void endOfStreamRoundTripsOnBothMediaTopicsWithAndWithoutDetail() {
        EndOfStream withDetail = new EndOfStream("s", Modality.VIDEO, 250, 1_700_000_010_000L,
                EndReason.DECODE_ERROR, "Invalid data found when processing input");
        EndOfStream withoutDetail = new EndOfStream("s", Modality.AUDIO, 0, 1_700_000_000_000L,
                EndReason.NO_TRACK, null);
        assertEquals(withDetail, videoSerde.deserialize(VIDEO, videoSerde.serialize(VIDEO, withDetail)));
        assertEquals(withoutDetail, audioSerde.deserialize(AUDIO, audioSerde.serialize(AUDIO, withoutDetail)));
    }

    @Test
    void nullMapsToNullBothWays() {
        assertNull(videoSerde.serialize(VIDEO, null));
        assertNull(videoSerde.deserialize(VIDEO, null));
        assertNull(audioSerde.serialize(AUDIO, null));
        assertNull(audioSerde.deserialize(AUDIO, null));
    }

    @Test
    void randomBytesAreRejectedNamingTheTopic() {
        byte[] junk = new byte[100];
        new Random(1).nextBytes(junk);
        SerializationException e = assertThrows(SerializationException.class, () -> videoSerde.deserialize(VIDEO, junk));
        assertTrue(e.getMessage().contains(VIDEO), e.getMessage());
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void everyTruncationOfAFrameIsRejectedNotMisread() {
        byte[] full = videoSerde.serialize(VIDEO, frame());
        for (int length = 0; length < full.length; length += 97) {
            byte[] cut = Arrays.copyOf(full, length);
            assertThrows(SerializationException.class, () -> videoSerde.deserialize(VIDEO, cut), "length " + length);
        }
    }

    @Test
    void trailingBytesAndUnknownVersionsAreRejected() {
        byte[] full = audioSerde.serialize(AUDIO, chunk());
        byte[] longer = Arrays.copyOf(full, full.length + 3);
        assertThrows(SerializationException.class, () -> audioSerde.deserialize(AUDIO, longer));
        byte[] future = full.clone();
        future[2] = 9;
        SerializationException e = assertThrows(SerializationException.class, () -> audioSerde.deserialize(AUDIO, future));
        assertTrue(e.getMessage().contains("version 9"), e.getMessage());
    }

    @Test
    void aVideoRecordOnTheAudioTopicIsRejected() {
        byte[] video = videoSerde.serialize(VIDEO, frame());
        SerializationException e = assertThrows(SerializationException.class, () -> audioSerde.deserialize(AUDIO, video));
        assertTrue(e.getMessage().contains("not an audio message"), e.getMessage());
    }

    @Test
    void invalidFieldValuesInsideAWellFormedPayloadAreReportedAsCorrupt() {
        byte[] bytes = videoSerde.serialize(VIDEO, frame());
        // width sits after magic(2)+version+tag, the stream id (4+5) and four longs
        int widthAt = 4 + 4 + "cam-1".length() + 4 * 8;
        bytes[widthAt] = (byte) 0x80;
        SerializationException e = assertThrows(SerializationException.class, () -> videoSerde.deserialize(VIDEO, bytes));
        assertTrue(e.getMessage().contains("positive"), e.getMessage());
    }

    @Test
    void rawFramesRoundTripAndAPayloadOfTheWrongSizeIsCorrupt() {
        byte[] bgr = new byte[4 * 3 * 3];
        new Random(3).nextBytes(bgr);
        VideoFrame raw = new VideoFrame("cam-1", 7, 280_000, 1_700_000_000_280L, 1_700_000_000_290L, 4, 3, 8, 6, false,
                ImageEncoding.RAW_BGR, bgr);
        assertEquals(raw, videoSerde.deserialize(VIDEO, videoSerde.serialize(VIDEO, raw)));

        IllegalArgumentException made = assertThrows(IllegalArgumentException.class, () -> new VideoFrame("cam-1", 7,
                0, 0, 0, 4, 3, 8, 6, false, ImageEncoding.RAW_BGR, new byte[35]));
        assertTrue(made.getMessage().contains("36 bytes"), made.getMessage());
        // the same frame claiming 5 pixels a row: its bytes no longer fit, so the reader calls it corrupt
        byte[] bytes = videoSerde.serialize(VIDEO, raw);
        int widthAt = 4 + 4 + "cam-1".length() + 4 * 8;
        bytes[widthAt + 3] = 5;
        SerializationException e = assertThrows(SerializationException.class, () -> videoSerde.deserialize(VIDEO, bytes));
        assertTrue(e.getMessage().contains("raw BGR 5x3"), e.getMessage());
    }

    @Test
    void encodingsHaveSettingNames() {
        assertEquals(ImageEncoding.RAW_BGR, ImageEncoding.fromSetting("raw"));
        assertEquals(ImageEncoding.JPEG, ImageEncoding.fromSetting(" JPEG "));
        assertEquals("raw", ImageEncoding.RAW_BGR.settingName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageEncoding.fromSetting("png"));
        assertTrue(e.getMessage().contains("'png'"), e.getMessage());
    }
}
