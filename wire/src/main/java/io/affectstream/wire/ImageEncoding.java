package io.affectstream.wire;

/** How a {@link VideoFrame}'s pixels are encoded on the wire. Raw full-resolution frames never travel. */
public enum ImageEncoding {
    /** Baseline JPEG, 3 channels (YCbCr), as written by the JDK's encoder. */
    JPEG
}
