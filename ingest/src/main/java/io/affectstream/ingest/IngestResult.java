package io.affectstream.ingest;

import io.affectstream.ingest.media.MediaInfo;
import io.affectstream.wire.EndReason;

/**
 * What one ingest run published.
 *
 * @param streamId     the stream
 * @param info         what the source held
 * @param frames       video frames published
 * @param samples      audio samples published
 * @param videoEnd     why the video ended ({@link EndReason#NO_TRACK} without video)
 * @param detail       a one-line explanation when the source did not simply complete, or null
 */
public record IngestResult(String streamId, MediaInfo info, long frames, long samples, EndReason videoEnd,
                           String detail) {
}
