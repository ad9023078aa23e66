package io.affectstream.fusion;

import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.VisionFrame;

/**
 * A vision result with the audio found for its time, before smoothing: one entry of the smoothing history.
 *
 * @param frame        the vision stage's result
 * @param audio        the raw audio report at the frame's time
 * @param audioAtMs    when the audio stage finished the span used, or null
 * @param arrivedAtMs  wall-clock time the frame reached fusion
 */
record AlignedFrame(VisionFrame frame, AffectFrame.AudioReport audio, Long audioAtMs, long arrivedAtMs) {
}
