package io.affectstream.ingest;

import io.affectstream.ingest.media.MediaSource;
import io.affectstream.ingest.media.SyntheticClip;
import io.affectstream.wire.AudioChunk;
import io.affectstream.wire.AudioMessage;
import io.affectstream.wire.EndOfStream;
import io.affectstream.wire.EndReason;
import io.affectstream.wire.Topics;
import io.affectstream.wire.VideoFrame;
import io.affectstream.wire.VideoMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real media through the real ingest loop into a mock producer; the broker-backed path is in the CLI's IT. */
class IngestTopologyTest {
    @TempDir
    Path dir;

    private List<ProducerRecord<String, byte[]>> ingest(Path clip, Map<String, Object> extra) throws Exception {
        Map<String, Object> props = new java.util.HashMap<>(Map.of("bootstrap.servers", "unused:9092",
                "input", clip.toString()));
        props.putAll(extra);
        IngestConfig config = new IngestConfig(props);
        IngestMetrics metrics = new IngestMetrics();
        metrics.bindTo(new SimpleMeterRegistry());
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        try (MediaSource source = MediaSource.open(clip.toString(), config.analysisMaxSide())) {
            new IngestTopology(config, metrics, System::currentTimeMillis).run(source, "s1", producer);
        }
        return producer.history();
    }

    private static List<VideoMessage> video(List<ProducerRecord<String, byte[]>> records) {
        return records.stream().filter(r -> r.topic().equals(Topics.VIDEO_FRAMES.name()))
                .map(r -> Topics.VIDEO_FRAMES.valueSerde().deserializer().deserialize(r.topic(), r.value())).toList();
    }

    private static List<AudioMessage> audio(List<ProducerRecord<String, byte[]>> records) {
        return records.stream().filter(r -> r.topic().equals(Topics.AUDIO_CHUNKS.name()))
                .map(r -> Topics.AUDIO_CHUNKS.valueSerde().deserializer().deserialize(r.topic(), r.value())).toList();
    }

    @Test
    void publishesEveryFrameAsJpegThenEndOfStreamWithCaptureTimestamps() throws Exception {
        Path clip = new SyntheticClip().seconds(1).writeTo(dir.resolve("c.mp4"));
        List<ProducerRecord<String, byte[]>> records = ingest(clip, Map.of());
        List<VideoMessage> video = video(records);
        assertEquals(26, video.size());
        for (int i = 0; i < 25; i++) {
            VideoFrame frame = (VideoFrame) video.get(i);
            assertEquals(i, frame.frameIndex());
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(frame.image()));
            assertEquals(640, decoded.getWidth());
            assertEquals(480, decoded.getHeight());
        }
        EndOfStream end = (EndOfStream) video.get(25);
        assertEquals(25, end.count());
        assertEquals(EndReason.COMPLETED, end.reason());
        records.stream().filter(r -> r.topic().equals(Topics.VIDEO_FRAMES.name())).limit(25).forEach(r ->
                assertEquals(r.timestamp().longValue(), ((VideoFrame) Topics.VIDEO_FRAMES.valueSerde().deserializer()
                        .deserialize(r.topic(), r.value())).capturedAtMs()));
        assertTrue(records.stream().allMatch(r -> r.key().equals("s1")));
    }

    @Test
    void audioChunksAreContiguousAndTheEndCountsEverySample() throws Exception {
        Path clip = new SyntheticClip().seconds(1).writeTo(dir.resolve("c.mp4"));
        List<AudioMessage> audio = audio(ingest(clip, Map.of("audio.chunk.ms", "20")));
        long next = ((AudioChunk) audio.get(0)).sampleOffset();
        long total = 0;
        for (AudioMessage m : audio.subList(0, audio.size() - 1)) {
            AudioChunk chunk = (AudioChunk) m;
            assertEquals(next, chunk.sampleOffset());
            assertEquals(44_100, chunk.sampleRateHz());
            next += chunk.frameCount();
            total += chunk.frameCount();
        }
        EndOfStream end = assertInstanceOf(EndOfStream.class, audio.get(audio.size() - 1));
        assertEquals(total, end.count());
        assertTrue(total > 40_000, "about a second of audio, got " + total);
    }

    @Test
    void aFileWithoutAudioAnnouncesTheMissingTrackFirst() throws Exception {
        Path clip = new SyntheticClip().seconds(0.4).withoutAudio().writeTo(dir.resolve("c.mp4"));
        List<AudioMessage> audio = audio(ingest(clip, Map.of()));
        assertEquals(List.of(new EndOfStream("s1", io.affectstream.wire.Modality.AUDIO, 0,
                ((EndOfStream) audio.get(0)).capturedAtMs(), EndReason.NO_TRACK, "the input has no audio track")), audio);
    }

    @Test
    void aTruncatedFileEndsWithDecodeErrorAfterTheFramesItHad() throws Exception {
        Path clip = new SyntheticClip().seconds(4).writeTo(dir.resolve("full.mp4"));
        byte[] bytes = Files.readAllBytes(clip);
        Path cut = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(bytes, bytes.length / 2));
        List<VideoMessage> video = video(ingest(cut, Map.of()));
        EndOfStream end = (EndOfStream) video.get(video.size() - 1);
        assertEquals(EndReason.DECODE_ERROR, end.reason());
        assertTrue(end.count() > 10 && end.count() < 90, "frames decoded: " + end.count());
        assertNotNull(end.detail());
        assertTrue(end.detail().contains("truncated"), end.detail());
    }

    @Test
    void maxFramesStopsTheStreamEarly() throws Exception {
        Path clip = new SyntheticClip().seconds(1).withoutAudio().writeTo(dir.resolve("c.mp4"));
        List<VideoMessage> video = video(ingest(clip, Map.of("max.frames", "5")));
        assertEquals(6, video.size());
        assertEquals(EndReason.STOPPED, ((EndOfStream) video.get(5)).reason());
    }
}
