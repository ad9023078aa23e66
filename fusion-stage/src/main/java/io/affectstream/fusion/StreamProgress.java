package io.affectstream.fusion;

/**
 * What fusion remembers per stream (state store {@value FusionTopology#PROGRESS_STORE}): how far the audio
 * analyses have come, and which modalities have ended.
 *
 * @param sampleRateHz   rate of the audio sample offsets (0 before any audio)
 * @param audioEndSample one past the last audio sample analysed
 * @param audioEnded     the audio end-of-stream has arrived
 * @param audioAbsent    the source has no audio track
 * @param videoEnded     the video end-of-stream has arrived
 */
public record StreamProgress(int sampleRateHz, long audioEndSample, boolean audioEnded, boolean audioAbsent,
                             boolean videoEnded) {
    static final StreamProgress NONE = new StreamProgress(0, 0, false, false, false);

    /** Whether analysed audio reaches presentation time {@code ptsMicros}. */
    boolean audioCovers(long ptsMicros) {
        return sampleRateHz > 0 && audioEndSample * 1_000_000L / sampleRateHz > ptsMicros;
    }

    boolean finished() {
        return audioEnded && videoEnded;
    }
}
