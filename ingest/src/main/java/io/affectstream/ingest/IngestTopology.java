package io.affectstream.ingest;

import io.affectstream.ingest.media.Decoded;
import io.affectstream.ingest.media.MediaException;
import io.affectstream.ingest.media.MediaInfo;
import io.affectstream.ingest.media.MediaSource;
import io.affectstream.wire.AudioChunk;
import io.affectstream.wire.EndOfStream;
import io.affectstream.wire.EndReason;
import io.affectstream.wire.ImageEncoding;
import io.affectstream.wire.Modality;
import io.affectstream.wire.Topic;
import io.affectstream.wire.Topics;
import io.affectstream.wire.VideoFrame;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Ingest's dataflow: source → (pace) → JPEG / PCM chunks → the video and audio topics, then one end-of-stream
 * record per modality. Ingest is the pipeline's source, a plain producer rather than a Kafka Streams graph, so
 * its "topology" is this loop. Every record is keyed by stream id and stamped with its capture time.
 */
public final class IngestTopology {
    private static final Logger log = LoggerFactory.getLogger(IngestTopology.class);
    /** A file that yields fewer frames than this share of its announced length is reported as cut short. */
    private static final double TRUNCATION_RATIO = 0.9;

    private final IngestConfig config;
    private final IngestMetrics metrics;
    private final LongSupplier wallClockMs;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private volatile Lead lead = Lead.UNBOUNDED;

    /**
     * How far ingest may run ahead of whoever consumes its frames. A file read as fast as possible decodes ten times
     * faster than the models take its frames, and raw frames (0.9 MB each) would pile up on the broker's disk: the
     * whole file's worth.
     */
    @FunctionalInterface
    public interface Lead {
        Lead UNBOUNDED = published -> { };

        /** Returns once the frame after {@code published} frames may go out. */
        void awaitRoom(long published) throws InterruptedException;
    }

    /** Bounds how far ahead of its consumers ingest publishes (by default it does not wait). */
    public void lead(Lead lead) {
        this.lead = lead;
    }

    public IngestTopology(IngestConfig config, IngestMetrics metrics, LongSupplier wallClockMs) {
        this.config = config;
        this.metrics = metrics;
        this.wallClockMs = wallClockMs;
    }

    /** Asks a running {@link #run} to end the stream after the current item (reason {@code stopped}). */
    public void requestStop() {
        stopRequested.set(true);
    }

    /**
     * Publishes the whole source. Decoding errors part way end the stream with reason {@code decode_error}
     * after everything decoded so far has been published.
     *
     * @throws IngestException when Kafka rejects records
     */
    public IngestResult run(MediaSource source, String streamId, Producer<String, byte[]> producer)
            throws InterruptedException {
        MediaInfo info = source.info();
        long sessionStartMs = wallClockMs.getAsLong();
        PacedReader paced = config.realtime() && !info.kind().isLive() ? new PacedReader(source, Pacer.system(),
                nanos -> metrics.decode().record(nanos, TimeUnit.NANOSECONDS)) : null;
        int chunkSamples = MediaSource.SAMPLE_RATE_HZ * config.audioChunkMs() / 1000;
        AudioChunker chunker = null;
        AtomicReference<Exception> sendFailure = new AtomicReference<>();
        Callback callback = (metadata, e) -> {
            if (e != null) {
                sendFailure.compareAndSet(null, e);
            }
        };
        Sender sender = new Sender(producer, streamId, callback);

        if (!info.hasVideo()) {
            sender.send(Topics.VIDEO_FRAMES, sessionStartMs, new EndOfStream(streamId, Modality.VIDEO, 0,
                    sessionStartMs, EndReason.NO_TRACK, "the input has no video track"));
        }
        if (!info.hasAudio()) {
            sender.send(Topics.AUDIO_CHUNKS, sessionStartMs, new EndOfStream(streamId, Modality.AUDIO, 0,
                    sessionStartMs, EndReason.NO_TRACK, "the input has no audio track"));
        }

        long frames = 0;
        long lastVideoPts = 0;
        EndReason reason = EndReason.COMPLETED;
        String detail = null;
        ImageEncoding encoding = config.frameEncoding();
        try (JpegEncoder jpeg = new JpegEncoder(config.jpegQuality())) {
            while (true) {
                if (sendFailure.get() != null) {
                    throw new IngestException("Kafka rejected a record of stream '" + streamId + "': "
                            + sendFailure.get().getMessage(), sendFailure.get());
                }
                if (stopRequested.get() || (config.maxFrames() > 0 && frames >= config.maxFrames())) {
                    reason = EndReason.STOPPED;
                    break;
                }
                long decodeStart = System.nanoTime();
                Decoded item;
                try {
                    item = paced != null ? paced.next() : source.next();
                } catch (MediaException e) {
                    reason = EndReason.DECODE_ERROR;
                    detail = e.getMessage();
                    break;
                }
                if (item == null) {
                    break;
                }
                if (chunker == null) {
                    // Presentation time 0 is "now" when the decoder hands out its first item: for a live source
                    // that is when it was captured, and a paced file starts its clock at the same moment.
                    sessionStartMs = wallClockMs.getAsLong() - item.ptsMicros() / 1000;
                    chunker = new AudioChunker(streamId, MediaSource.SAMPLE_RATE_HZ, chunkSamples, sessionStartMs);
                }
                if (paced == null) {
                    metrics.decode().record(System.nanoTime() - decodeStart, TimeUnit.NANOSECONDS);
                }
                long capturedAtMs = sessionStartMs + item.ptsMicros() / 1000;
                if (item instanceof Decoded.Image image) {
                    lead.awaitRoom(frames);
                    long encodeStart = System.nanoTime();
                    byte[] bytes = encoding == ImageEncoding.JPEG ? jpeg.encode(image.image())
                            : RawFrames.bgrBytes(image.image());
                    metrics.encode().record(System.nanoTime() - encodeStart, TimeUnit.NANOSECONDS);
                    sender.send(Topics.VIDEO_FRAMES, capturedAtMs, new VideoFrame(streamId, frames,
                            image.ptsMicros(), capturedAtMs, wallClockMs.getAsLong(),
                            info.analysisWidth(), info.analysisHeight(), info.sourceWidth(), info.sourceHeight(), info.hasAudio(),
                            encoding, bytes));
                    metrics.framePublished(bytes.length);
                    frames++;
                    lastVideoPts = image.ptsMicros();
                } else {
                    Decoded.Samples samples = (Decoded.Samples) item;
                    for (AudioChunk chunk : chunker.add(samples.ptsMicros(), samples.samples(), wallClockMs.getAsLong())) {
                        sender.send(Topics.AUDIO_CHUNKS, chunk.capturedAtMs(), chunk);
                        metrics.samplesPublished(chunk.frameCount());
                    }
                }
            }
        }
        if (reason == EndReason.COMPLETED) {
            detail = truncationDetail(info, frames);
            if (detail != null) {
                reason = EndReason.DECODE_ERROR;
            } else if (info.kind().isLive() && info.durationMicros() <= 0) {
                reason = EndReason.SOURCE_LOST;
                detail = "the live source '" + info.input() + "' stopped delivering (end of stream or connection lost)";
            }
        }
        if (chunker == null) {
            chunker = new AudioChunker(streamId, MediaSource.SAMPLE_RATE_HZ, chunkSamples, sessionStartMs);
        }
        AudioChunk last = chunker.flush(wallClockMs.getAsLong());
        if (last != null) {
            sender.send(Topics.AUDIO_CHUNKS, last.capturedAtMs(), last);
            metrics.samplesPublished(last.frameCount());
        }
        if (info.hasVideo()) {
            long endMs = sessionStartMs + lastVideoPts / 1000;
            sender.send(Topics.VIDEO_FRAMES, endMs,
                    new EndOfStream(streamId, Modality.VIDEO, frames, endMs, reason, detail));
        }
        if (info.hasAudio()) {
            long endMs = chunker.endCapturedAtMs();
            sender.send(Topics.AUDIO_CHUNKS, endMs,
                    new EndOfStream(streamId, Modality.AUDIO, chunker.totalSamples(), endMs, reason, detail));
        }
        producer.flush();
        if (sendFailure.get() != null) {
            throw new IngestException("Kafka rejected a record of stream '" + streamId + "': "
                    + sendFailure.get().getMessage(), sendFailure.get());
        }
        if (detail != null) {
            log.warn("{}", detail);
        }
        return new IngestResult(streamId, info, frames, chunker.totalSamples(),
                info.hasVideo() ? reason : EndReason.NO_TRACK, detail);
    }

    private static String truncationDetail(MediaInfo info, long frames) {
        if (info.hasVideo() && info.lengthInFrames() > 0 && frames < info.lengthInFrames() * TRUNCATION_RATIO) {
            return "input '" + info.input() + "' ended after " + frames + " of about " + info.lengthInFrames()
                    + " frames: the file looks truncated or corrupt";
        }
        return null;
    }

    /** Serializes with the topic's own serde so one producer serves both media topics (and the warm-up's). */
    public record Sender(Producer<String, byte[]> producer, String streamId, Callback callback) {
        public <V> void send(Topic<String, V> topic, long timestampMs, V value) {
            byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
            producer.send(new ProducerRecord<>(topic.name(), null, timestampMs, streamId, bytes), callback);
        }
    }
}
