package io.affectstream.cli;

import io.affectstream.ingest.IngestConfig;
import io.affectstream.ingest.IngestTopology;
import io.affectstream.ingest.JpegEncoder;
import io.affectstream.ingest.RawFrames;
import io.affectstream.ingest.media.MediaSource;
import io.affectstream.ingest.media.SyntheticClip;
import io.affectstream.wire.AffectMessage;
import io.affectstream.wire.AudioChunk;
import io.affectstream.wire.EndOfStream;
import io.affectstream.wire.EndReason;
import io.affectstream.wire.ImageEncoding;
import io.affectstream.wire.Modality;
import io.affectstream.wire.Topics;
import io.affectstream.wire.VideoFrame;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A short synthetic stream sent through the whole pipeline before a live source's first frame: {@code demo-clip}'s
 * frames (the bundled portrait drifting over a gradient) at the source's analysis size and encoding, with its tone
 * track, as a stream of its own, and its records awaited on the affect topic (and not written anywhere).
 *
 * <p>Why: a JVM runs new code slowly until the JIT has compiled it, and the first second of a pipeline goes through
 * a great deal of new code at once (Kafka's clients, Streams, the stages, the models' pre-processing). A camera does
 * not wait: measured on 2 cores, its first frames queued up for more than a second, and only some ten seconds later
 * had the queue drained, so every frame of those seconds came late. Warmed up first, the frames a camera delivers meet
 * compiled code. The cost is the warm-up's own time (two to three seconds) before the first record.
 */
final class PipelineWarmUp {
    static final int FRAMES = 75;
    private static final double FRAME_RATE = 25;
    private static final int CHUNK_SAMPLES = MediaSource.SAMPLE_RATE_HZ / 50;    // 20 ms, as live ingest sends
    private static final Duration LONGEST = Duration.ofSeconds(30);

    private PipelineWarmUp() {
    }

    /** The warm-up's frames that came out, and how long it took. */
    record Result(int frames, double seconds) {
    }

    /**
     * Sends the warm-up stream with {@code ingest}'s producer settings and frame encoding, and waits for its end on the
     * affect topic (at most 30 s).
     */
    static Result run(Map<String, Object> clientProperties, IngestConfig ingest, int width, int height,
                      boolean withAudio) throws InterruptedException {
        long start = System.nanoTime();
        String streamId = "warm-up-" + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x10000000);
        int frames = 0;
        try (AffectCollector collector = new AffectCollector(clientProperties, streamId)) {
            send(ingest, streamId, width, height, withAudio);
            long deadline = System.nanoTime() + LONGEST.toNanos();
            while (System.nanoTime() < deadline) {
                for (AffectMessage m : collector.poll(Duration.ofMillis(50))) {
                    if (m instanceof EndOfStream end && end.modality() == Modality.VIDEO) {
                        return new Result(frames, (System.nanoTime() - start) / 1e9);
                    }
                    frames++;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
        return new Result(frames, (System.nanoTime() - start) / 1e9);
    }

    private static void send(IngestConfig ingest, String streamId, int width, int height, boolean withAudio) {
        SyntheticClip clip;
        try {
            clip = new SyntheticClip().size(width, height).frameRate(FRAME_RATE)
                    .audioSampleRate(MediaSource.SAMPLE_RATE_HZ).photo(DemoClipCommand.bundledPortrait());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled portrait for the warm-up", e);
        }
        Map<String, Object> props = ingest.producerProperties();
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        ImageEncoding encoding = ingest.frameEncoding();
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        long now = System.currentTimeMillis();
        long frameMicros = Math.round(1e6 / FRAME_RATE);
        try (Producer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer());
             JpegEncoder jpeg = new JpegEncoder(ingest.jpegQuality())) {
            // a record that fails leaves the warm-up short, which run then waits out: nothing to report
            IngestTopology.Sender sender = new IngestTopology.Sender(producer, streamId, null);
            long chunks = withAudio ? FRAMES * frameMicros * MediaSource.SAMPLE_RATE_HZ / 1_000_000 / CHUNK_SAMPLES : 0;
            long chunk = 0;
            for (int i = 0; i < FRAMES; i++) {
                long pts = i * frameMicros;
                // the audio a frame needs goes first, as it would arrive from a microphone
                for (; chunk < chunks && chunk * CHUNK_SAMPLES * 1_000_000 / MediaSource.SAMPLE_RATE_HZ <= pts; chunk++) {
                    long offset = chunk * CHUNK_SAMPLES;
                    long at = now + offset * 1000 / MediaSource.SAMPLE_RATE_HZ;
                    sender.send(Topics.AUDIO_CHUNKS, at, new AudioChunk(streamId, chunk, offset,
                            MediaSource.SAMPLE_RATE_HZ, 1, at, now, clip.audioSamples(offset, CHUNK_SAMPLES)));
                }
                clip.drawFrame(canvas, i);
                byte[] pixels = encoding == ImageEncoding.JPEG ? jpeg.encode(canvas) : RawFrames.bgrBytes(canvas);
                sender.send(Topics.VIDEO_FRAMES, now + pts / 1000, new VideoFrame(streamId, i, pts,
                        now + pts / 1000, now, width, height, width, height, withAudio, encoding, pixels));
            }
            long end = now + FRAMES * frameMicros / 1000;
            if (withAudio) {
                sender.send(Topics.AUDIO_CHUNKS, end, new EndOfStream(streamId, Modality.AUDIO,
                        chunks * CHUNK_SAMPLES, end, EndReason.COMPLETED, "pipeline warm-up"));
            }
            sender.send(Topics.VIDEO_FRAMES, end, new EndOfStream(streamId, Modality.VIDEO, FRAMES, end,
                    EndReason.COMPLETED, "pipeline warm-up"));
        }
    }
}
