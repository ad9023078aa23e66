package io.affectstream.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What a report run wrote and what it found.
 *
 * @param video             the annotated MP4
 * @param chart             the timeline chart PNG
 * @param page              the HTML page that shows both
 * @param framesWritten     video frames decoded from the clip and written, annotated (same count as the clip)
 * @param framesWithRecord  of those, frames the affect file has a record for
 * @param chartTrackId      the track the timeline follows, or null when no frame has a face
 * @param audioKept         whether the video carries the clip's audio
 * @param warnings          one line each: records without a frame, times that disagree, a decode error part way
 */
public record ReportResult(Path video, Path chart, Path page, long framesWritten, long framesWithRecord,
                           Long chartTrackId, boolean audioKept, List<String> warnings) {
    public ReportResult {
        warnings = List.copyOf(warnings);
    }
}
