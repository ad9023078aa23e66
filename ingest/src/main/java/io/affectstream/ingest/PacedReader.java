package io.affectstream.ingest;

import io.affectstream.ingest.media.Decoded;
import io.affectstream.ingest.media.MediaException;
import io.affectstream.ingest.media.MediaSource;

import java.awt.image.BufferedImage;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.LongConsumer;

/**
 * A file's items in presentation order, each released when its time has come on the wall clock: what a camera and a
 * microphone would deliver. Reading ahead matters because a file's decoder hands video out late next to the audio
 * muxed beside it (frame-threaded H.264 holds a frame or two back, and muxers interleave audio ahead): pacing items
 * in decode order held every video frame behind audio up to 70 ms newer, which then counted as latency.
 *
 * <p>Items are decoded up to {@value #LOOKAHEAD_MICROS} µs of presentation time ahead of the next one due. A decoding
 * error is reported once everything decoded before it has been released. Not thread-safe.
 */
final class PacedReader {
    static final long LOOKAHEAD_MICROS = 200_000;

    private record Pending(Decoded item, long order) {
    }

    private final MediaSource source;
    private final Pacer pacer;
    private final LongConsumer decodeNanos;
    private final PriorityQueue<Pending> queue = new PriorityQueue<>(
            Comparator.comparingLong((Pending p) -> p.item().ptsMicros()).thenComparingLong(Pending::order));
    private long decoded;
    private long decodedUpToMicros = Long.MIN_VALUE;
    private boolean ended;
    private MediaException failure;

    /** @param decodeNanos receives the time each decoder call took */
    PacedReader(MediaSource source, Pacer pacer, LongConsumer decodeNanos) {
        this.source = source;
        this.pacer = pacer;
        this.decodeNanos = decodeNanos;
    }

    /**
     * The next item once it is due, or null at the end.
     *
     * @throws MediaException when decoding failed, after every item decoded before the failure
     */
    Decoded next() throws MediaException, InterruptedException {
        while (!ended && failure == null
                && (queue.isEmpty() || queue.peek().item().ptsMicros() + LOOKAHEAD_MICROS > decodedUpToMicros)) {
            long start = System.nanoTime();
            Decoded item;
            try {
                item = source.next();
            } catch (MediaException e) {
                failure = e;
                break;
            }
            decodeNanos.accept(System.nanoTime() - start);
            if (item == null) {
                ended = true;
                break;
            }
            decodedUpToMicros = Math.max(decodedUpToMicros, item.ptsMicros());
            queue.add(new Pending(owned(item), decoded++));
        }
        Pending next = queue.poll();
        if (next == null) {
            if (failure != null) {
                throw failure;
            }
            return null;
        }
        pacer.await(next.item().ptsMicros());
        return next.item();
    }

    // The decoder reuses its image from call to call: a frame held back needs its own copy.
    private static Decoded owned(Decoded item) {
        if (!(item instanceof Decoded.Image image)) {
            return item;
        }
        BufferedImage source = image.image();
        BufferedImage copy = new BufferedImage(source.getColorModel(), source.copyData(null),
                source.isAlphaPremultiplied(), null);
        return new Decoded.Image(image.ptsMicros(), copy);
    }
}
