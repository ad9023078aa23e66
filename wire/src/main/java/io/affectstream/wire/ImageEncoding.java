package io.affectstream.wire;

/**
 * How a {@link VideoFrame}'s pixels are encoded on the wire. Frames travel at the analysis size (640 px on the
 * longer side by default), never at a camera's full resolution.
 */
public enum ImageEncoding {
    /** Baseline JPEG, 3 channels (YCbCr), as written by the JDK's encoder: 20-80 kB a 640x480 frame. */
    JPEG,
    /**
     * Uncompressed 8-bit pixels, B, G, R per pixel, rows packed top to bottom: exactly {@code width * height * 3}
     * bytes (921,600 for 640x480). No codec on either side, at 10-40x the bytes of JPEG: for a broker on the same
     * machine (as {@code run}'s embedded one), where bytes are cheap and a JPEG round trip is a few ms of CPU.
     */
    RAW_BGR;

    /** The wire name used in settings: {@code jpeg} or {@code raw}. */
    public String settingName() {
        return this == JPEG ? "jpeg" : "raw";
    }

    /** {@code jpeg} or {@code raw} (case-insensitive). */
    public static ImageEncoding fromSetting(String name) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "jpeg" -> JPEG;
            case "raw" -> RAW_BGR;
            default -> throw new IllegalArgumentException("unknown frame encoding '" + name + "'; expected jpeg or raw");
        };
    }
}
