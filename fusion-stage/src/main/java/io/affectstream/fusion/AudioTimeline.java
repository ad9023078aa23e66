package io.affectstream.fusion;

import io.affectstream.wire.AudioAnalysis;

import java.util.ArrayList;
import java.util.List;

/**
 * What fusion knows of one stream's audio (state store {@value FusionTopology#AUDIO_STORE}): the recent analysed
 * spans in time order, how far they reach, and whether the audio has ended or never existed.
 *
 * @param spans    recent spans, ascending by start; older ones are pruned as video moves past them
 * @param endMicros presentation time just past the furthest span, µs (0 before any audio)
 * @param ended    the audio end-of-stream has arrived
 * @param noTrack  the source has no audio track
 * @param videoEnded the video of the stream has ended (once both have, the stream is forgotten)
 */
record AudioTimeline(List<AudioAnalysis> spans, long endMicros, boolean ended, boolean noTrack, boolean videoEnded) {
    /** How long a span is kept after video has passed it, µs. */
    static final long KEEP_BEHIND_MICROS = 1_000_000;
    /** A frame in a hole of the audio (a live gap) may use the span before it if it is this close, µs. */
    static final long GAP_TOLERANCE_MICROS = 100_000;

    static final AudioTimeline EMPTY = new AudioTimeline(List.of(), 0, false, false, false);

    AudioTimeline {
        spans = List.copyOf(spans);
    }

    /**
     * Whether the timeline already reaches past the span's end: spans of a stream arrive in order, so such a span is a
     * repeat (an at-least-once audio stage resending after a restart), whether or not it is still held.
     */
    boolean covers(AudioAnalysis span) {
        return span.sampleCount() > 0 && span.endMicros() <= endMicros;
    }

    AudioTimeline with(AudioAnalysis span) {
        List<AudioAnalysis> next = new ArrayList<>(spans);
        int at = next.size();
        while (at > 0 && next.get(at - 1).sampleOffset() > span.sampleOffset()) {
            at--;
        }
        next.add(at, span);
        return new AudioTimeline(next, Math.max(endMicros, span.endMicros()), ended, noTrack, videoEnded);
    }

    AudioTimeline end(boolean withoutTrack) {
        return new AudioTimeline(spans, endMicros, true, noTrack || withoutTrack, videoEnded);
    }

    AudioTimeline endVideo() {
        return new AudioTimeline(List.of(), endMicros, ended, noTrack, true);
    }

    /** Both modalities have ended: nothing more will come for this stream. */
    boolean finished() {
        return ended && videoEnded;
    }

    /** Whether analysed audio reaches past {@code ptsMicros}. */
    boolean reaches(long ptsMicros) {
        return endMicros > ptsMicros;
    }

    /** The span holding {@code ptsMicros}, or the one just before a short hole; null when there is none. */
    AudioAnalysis spanAt(long ptsMicros) {
        AudioAnalysis before = null;
        for (AudioAnalysis span : spans) {
            if (span.startMicros() <= ptsMicros) {
                if (ptsMicros < span.endMicros()) {
                    return span;
                }
                before = span;
            }
        }
        return before != null && ptsMicros - before.endMicros() <= GAP_TOLERANCE_MICROS ? before : null;
    }

    /** Drops spans that ended well before {@code ptsMicros}; video only moves forward. */
    AudioTimeline prunedBefore(long ptsMicros) {
        List<AudioAnalysis> kept = spans.stream().filter(s -> s.endMicros() >= ptsMicros - KEEP_BEHIND_MICROS).toList();
        return kept.size() == spans.size() ? this : new AudioTimeline(kept, endMicros, ended, noTrack, videoEnded);
    }
}
