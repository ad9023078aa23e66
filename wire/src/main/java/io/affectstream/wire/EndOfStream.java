package io.affectstream.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Objects;

/**
 * The explicit last record of one modality of one stream. Every stage forwards it after its last
 * record for that stream, so downstream stages can flush and {@code run} knows when it is done.
 *
 * @param streamId     the stream
 * @param modality     which modality ended
 * @param count        video frames or audio samples published for this modality (0 with {@link EndReason#NO_TRACK})
 * @param capturedAtMs capture time of the end, epoch ms (session start + the last presentation time)
 * @param reason       why it ended
 * @param detail       a human-readable detail (e.g. the decoder's message), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndOfStream(String streamId, Modality modality, long count, long capturedAtMs, EndReason reason,
                          String detail)
        implements VideoMessage, AudioMessage, VisionMessage, AudioAnalysisMessage, AffectMessage {

    public EndOfStream {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(reason, "reason");
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
    }
}
