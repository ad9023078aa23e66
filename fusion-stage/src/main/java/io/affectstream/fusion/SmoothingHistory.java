package io.affectstream.fusion;

import java.util.List;

/**
 * The last aligned frames of one stream, oldest first (state store {@value FusionTopology#HISTORY_STORE}). In
 * centred mode the newest {@code unpublished} of them still wait for their future half-window.
 *
 * @param frames      aligned frames, at most window + half-window of them
 * @param unpublished how many of the newest frames have not been published yet
 */
record SmoothingHistory(List<AlignedFrame> frames, int unpublished) {
    static final SmoothingHistory EMPTY = new SmoothingHistory(List.of(), 0);

    SmoothingHistory {
        frames = List.copyOf(frames);
    }
}
