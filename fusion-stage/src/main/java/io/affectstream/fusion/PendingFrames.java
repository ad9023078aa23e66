package io.affectstream.fusion;

import io.affectstream.wire.VisionMessage;

import java.util.List;

/**
 * Vision results of one stream waiting for their audio, in order, with the wall-clock time each arrived
 * (state store {@value FusionTopology#PENDING_STORE}). The video end-of-stream waits behind them.
 *
 * @param messages    frames (and possibly the end-of-stream), oldest first
 * @param arrivedAtMs arrival time of each message, epoch ms
 */
record PendingFrames(List<VisionMessage> messages, List<Long> arrivedAtMs) {
    PendingFrames {
        messages = List.copyOf(messages);
        arrivedAtMs = List.copyOf(arrivedAtMs);
    }
}
