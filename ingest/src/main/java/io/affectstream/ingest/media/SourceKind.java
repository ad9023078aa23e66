package io.affectstream.ingest.media;

import java.util.Locale;

/** Where frames come from, which decides pacing, timeouts and how a silent end is read. */
public enum SourceKind {
    /** A file on disk: finite, decoded as fast as the pipeline takes it unless paced. */
    FILE,
    /** An rtsp/rtmp/http(s)/udp/srt URL: live (or served), paced by nature, may drop. */
    NETWORK,
    /** A capture device such as {@code /dev/video0} (V4L2): live. */
    DEVICE;

    /** Classifies an input string. */
    public static SourceKind of(String input) {
        String lower = input.toLowerCase(Locale.ROOT);
        if (lower.matches("^(rtsp|rtsps|rtmp|rtmps|http|https|udp|tcp|srt)://.*")) {
            return NETWORK;
        }
        if (lower.startsWith("/dev/video") || lower.startsWith("v4l2:")) {
            return DEVICE;
        }
        return FILE;
    }

    public boolean isLive() {
        return this != FILE;
    }
}
