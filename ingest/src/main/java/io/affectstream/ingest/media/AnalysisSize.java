package io.affectstream.ingest.media;

/** Scales a frame size so its longer side is at most a limit, keeping the aspect ratio and even dimensions. */
public final class AnalysisSize {
    private AnalysisSize() {
    }

    /**
     * @param width       source width, pixels
     * @param height      source height, pixels
     * @param maxLongSide largest allowed longer side, or 0 to keep the source size
     * @return {@code {width, height}} of the analysis frame (never larger than the source)
     */
    public static int[] fit(int width, int height, int maxLongSide) {
        int longSide = Math.max(width, height);
        if (maxLongSide <= 0 || longSide <= maxLongSide) {
            return new int[] {width, height};
        }
        double scale = (double) maxLongSide / longSide;
        return new int[] {evenAtLeastTwo(width * scale), evenAtLeastTwo(height * scale)};
    }

    // Encoders and chroma subsampling want even sizes.
    private static int evenAtLeastTwo(double size) {
        return Math.max(2, (int) Math.round(size / 2) * 2);
    }
}
