package io.affectstream.ingest.media;

import java.awt.image.BufferedImage;

/** One item out of the decoder: an image or a run of audio samples, each with its presentation time. */
public sealed interface Decoded permits Decoded.Image, Decoded.Samples {

    /** Presentation time relative to the start of the source, microseconds. */
    long ptsMicros();

    /**
     * A video frame already scaled to the analysis size, 3-byte BGR.
     * The image is reused by the decoder: valid only until the next call to {@link MediaSource#next()}.
     */
    record Image(long ptsMicros, BufferedImage image) implements Decoded {
    }

    /** Mono signed 16-bit samples at {@link MediaSource#SAMPLE_RATE_HZ}; a fresh array the caller owns. */
    record Samples(long ptsMicros, short[] samples) implements Decoded {
    }
}
