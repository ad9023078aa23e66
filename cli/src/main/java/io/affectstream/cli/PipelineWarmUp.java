package io.affectstream.cli;

import io.affectstream.ingest.JpegEncoder;
import io.affectstream.ingest.RawFrames;
import io.affectstream.wire.AffectMessage;
import io.affectstream.wire.AudioChunk;
import io.affectstream.wire.AudioMessage;
import io.affectstream.wire.EndOfStream;
import io.affectstream.wire.EndReason;
import io.affectstream.wire.ImageEncoding;
import io.affectstream.wire.Modality;
import io.affectstream.wire.Topic;
import io.affectstream.wire.Topics;
import io.affectstream.wire.VideoFrame;
import io.affectstream.wire.VideoMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A short synthetic stream sent through the whole pipeline before a live source's first frame: the bundled portrait
 * at the source's analysis size, with a voiced tone, as its own stream id, and its records awaited on the affect topic
 * (and not written anywhere).
 *
 * <p>Why: a JVM runs new code slowly until the JIT has compiled it, and the first second of a pipeline goes through
 * a great deal of new code at once (Kafka's clients, Streams, the stages, the models' pre-processing). A camera does
 * not wait: measured on 2 cores, its first frames queued up for more than a second, and only some ten seconds later
 * had the queue drained, so every frame of those seconds came late. Warmed up first, the frames a camera delivers meet
 * compiled code. The cost is the warm-up's own time (about two seconds) before the first record.
 */
final class PipelineWarmUp {
    static final int FRAMES = 75;
    private static final int FRAME_MICROS = 40_000;
    private static final int CHUNK_SAMPLES = 882;          // 20 ms at 44.1 kHz
    private static final int SAMPLE_RATE = 44_100;
    private static final Duration LONGEST = Duration.ofSeconds(30);

    private PipelineWarmUp() {
    }

    /**
     * Sends the warm-up stream and waits for its end on the affect topic (at most 30 s).
     *
     * @return the warm-up's frames that came out, and how long it took
     */
    static Result run(Map<String, Object> clientProperties, int width, int height, ImageEncoding encoding,
                      boolean withAudio) throws InterruptedException {
        long start = System.nanoTime();
        String streamId = "warm-up-" + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x10000000);
        int frames = 0;
        try (AffectCollector collector = new AffectCollector(clientProperties, streamId)) {
            send(clientProperties, streamId, portrait(width, height), encoding, withAudio);
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

    record Result(int frames, double seconds) {
    }

    private static void send(Map<String, Object> clientProperties, String streamId, BufferedImage image,
                             ImageEncoding encoding, boolean withAudio) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, clientProperties.get("bootstrap.servers"));
        clientProperties.forEach((k, v) -> {
            if (k.startsWith("security.") || k.startsWith("ssl.") || k.startsWith("sasl.")) {
                props.put(k, v);
            }
        });
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_MEDIA_RECORD_BYTES);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        byte[] pixels;
        if (encoding == ImageEncoding.JPEG) {
            try (JpegEncoder jpeg = new JpegEncoder(85)) {
                pixels = jpeg.encode(image);
            }
        } else {
            pixels = RawFrames.bgrBytes(image);
        }
        long now = System.currentTimeMillis();
        try (KafkaProducer<String, VideoMessage> video = producer(props, Topics.VIDEO_FRAMES);
             KafkaProducer<String, AudioMessage> audio = producer(props, Topics.AUDIO_CHUNKS)) {
            long samples = (long) FRAMES * FRAME_MICROS * SAMPLE_RATE / 1_000_000;
            int chunks = withAudio ? (int) (samples / CHUNK_SAMPLES) : 0;
            for (int i = 0, c = 0; i < FRAMES; i++) {
                long pts = (long) i * FRAME_MICROS;
                // the audio a frame needs goes first, as it would arrive from a microphone
                for (; c < chunks && (long) c * CHUNK_SAMPLES * 1_000_000 / SAMPLE_RATE <= pts; c++) {
                    long at = now + (long) c * CHUNK_SAMPLES * 1000 / SAMPLE_RATE;
                    audio.send(record(Topics.AUDIO_CHUNKS, streamId, at, new AudioChunk(streamId, c,
                            (long) c * CHUNK_SAMPLES, SAMPLE_RATE, 1, at, now, voice(c))));
                }
                video.send(record(Topics.VIDEO_FRAMES, streamId, now + pts / 1000, new VideoFrame(streamId, i, pts,
                        now + pts / 1000, now, image.getWidth(), image.getHeight(), image.getWidth(),
                        image.getHeight(), withAudio, encoding, pixels)));
            }
            long end = now + (long) FRAMES * FRAME_MICROS / 1000;
            if (withAudio) {
                audio.send(record(Topics.AUDIO_CHUNKS, streamId, end, new EndOfStream(streamId, Modality.AUDIO,
                        (long) chunks * CHUNK_SAMPLES, end, EndReason.COMPLETED, "pipeline warm-up")));
            }
            video.send(record(Topics.VIDEO_FRAMES, streamId, end, new EndOfStream(streamId, Modality.VIDEO, FRAMES,
                    end, EndReason.COMPLETED, "pipeline warm-up")));
        }
    }

    private static <V> KafkaProducer<String, V> producer(Map<String, Object> props, Topic<String, V> topic) {
        Serializer<V> values = topic.valueSerde().serializer();
        return new KafkaProducer<>(props, topic.keySerde().serializer(), values);
    }

    private static <V> ProducerRecord<String, V> record(Topic<String, V> topic, String key, long timestampMs, V value) {
        return new ProducerRecord<>(topic.name(), null, timestampMs, key, value);
    }

    /** A voiced 20 ms: a 140 Hz tone with harmonics, loud enough for the speech detector to look at it. */
    private static short[] voice(int chunk) {
        short[] s = new short[CHUNK_SAMPLES];
        for (int i = 0; i < s.length; i++) {
            double t = ((long) chunk * CHUNK_SAMPLES + i) / (double) SAMPLE_RATE;
            double v = 0;
            for (int h = 1; h <= 6; h++) {
                v += Math.sin(2 * Math.PI * 140 * h * t) / h;
            }
            s[i] = (short) (v * 6000);
        }
        return s;
    }

    /** The bundled portrait (public domain), drawn centred at the analysis size. */
    private static BufferedImage portrait(int width, int height) {
        BufferedImage photo;
        try (InputStream in = PipelineWarmUp.class.getResourceAsStream("/media/astronaut.jpg")) {
            photo = in == null ? null : ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled portrait", e);
        }
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        if (photo != null) {
            double scale = Math.min(width * 0.8 / photo.getWidth(), height * 0.8 / photo.getHeight());
            int w = (int) (photo.getWidth() * scale);
            int h = (int) (photo.getHeight() * scale);
            Graphics2D g = frame.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(photo, (width - w) / 2, (height - h) / 2, w, h, null);
            g.dispose();
        }
        return frame;
    }
}
