package io.affectstream.report;

import io.affectstream.ingest.media.Decoded;
import io.affectstream.ingest.media.MediaException;
import io.affectstream.ingest.media.MediaInfo;
import io.affectstream.ingest.media.MediaSource;
import io.affectstream.ingest.media.SourceKind;
import io.affectstream.report.media.AnnotatedVideoWriter;
import io.affectstream.wire.AffectFrame;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes a report for a clip and its affect records into one directory: {@value #VIDEO_FILE} (the clip with each
 * frame's record drawn on it, H.264, same size and frame rate, the clip's audio kept), {@value #CHART_FILE} (the
 * timeline) and {@value #PAGE_FILE} (a page showing both, with a legend).
 *
 * <p>The clip is decoded by ingest's {@link MediaSource}, as the pipeline decoded it, so the n-th decoded frame is
 * the record with {@code frameIndex} n. Its audio goes into the video as the pipeline heard it: mono, 44.1 kHz.
 */
public final class ReportWriter {
    public static final String VIDEO_FILE = "annotated.mp4";
    public static final String CHART_FILE = "timeline.png";
    public static final String PAGE_FILE = "report.html";
    /** Used when the container states no frame rate (rare for files). */
    private static final double FALLBACK_FRAME_RATE = 25;

    private final Path outDir;
    private Long track;

    /** @param outDir directory the three files go into (created if missing; existing files are replaced) */
    public ReportWriter(Path outDir) {
        this.outDir = outDir;
    }

    /** Follows this track in the timeline instead of the most prominent one. */
    public ReportWriter track(Long trackId) {
        this.track = trackId;
        return this;
    }

    /**
     * Writes the report.
     *
     * @param clip       the media file the affect records were made from
     * @param affectFile JSON lines of {@link AffectFrame}, as {@code affect run --out} writes them
     * @throws ReportException when an input is missing, unreadable or malformed, or an output cannot be written;
     *                         the message names the file and the reason
     */
    public ReportResult write(String clip, Path affectFile) throws ReportException {
        AffectLog log = AffectLog.read(affectFile);
        Long chartTrack = chartTrack(log);
        if (SourceKind.of(clip) != SourceKind.FILE) {
            throw new ReportException("cannot report on '" + clip + "': a report needs a media file, not a live source");
        }
        try {
            Files.createDirectories(outDir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new ReportException("cannot create output directory '" + outDir + "': a file is in the way", e);
        } catch (IOException e) {
            throw new ReportException("cannot create output directory '" + outDir + "': " + e.getMessage(), e);
        }
        Path video = outDir.resolve(VIDEO_FILE);
        Path chart = outDir.resolve(CHART_FILE);
        Path page = outDir.resolve(PAGE_FILE);
        List<String> warnings = new ArrayList<>();

        MediaInfo info;
        long frames = 0;
        long withRecord = 0;
        long timeMismatches = 0;
        try (MediaSource source = MediaSource.open(clip, 0)) {
            info = source.info();
            if (!info.hasVideo()) {
                throw new ReportException("cannot use input '" + clip + "': it has no video track to annotate");
            }
            double frameRate = info.frameRate() > 0 ? info.frameRate() : FALLBACK_FRAME_RATE;
            // half a frame: a record of the same frame has the same time, give or take rounding
            long toleranceMicros = Math.round(500_000 / frameRate);
            FrameOverlay overlay = new FrameOverlay();
            try (AnnotatedVideoWriter out = AnnotatedVideoWriter.open(video, info.sourceWidth(), info.sourceHeight(),
                    frameRate, info.hasAudio() ? MediaSource.SAMPLE_RATE_HZ : 0)) {
                while (true) {
                    Decoded item;
                    try {
                        item = source.next();
                    } catch (MediaException e) {
                        if (frames == 0) {
                            throw e;
                        }
                        warnings.add(e.getMessage() + "; the report covers the frames before it");
                        break;
                    }
                    if (item == null) {
                        break;
                    }
                    if (item instanceof Decoded.Image image) {
                        Optional<AffectFrame> record = log.frame(frames);
                        if (record.isPresent()) {
                            withRecord++;
                            if (Math.abs(record.get().ptsMicros() - image.ptsMicros()) > toleranceMicros) {
                                timeMismatches++;
                            }
                        }
                        overlay.draw(image.image(), frames, image.ptsMicros(), record.orElse(null));
                        out.writeImage(image.image());
                        frames++;
                    } else {
                        Decoded.Samples samples = (Decoded.Samples) item;
                        out.writeSamples(samples.ptsMicros(), samples.samples());
                    }
                }
            }
        } catch (MediaException e) {
            throw new ReportException(e.getMessage(), e);
        }
        if (frames == 0) {
            throw new ReportException("cannot use input '" + clip + "': no video frame could be decoded from it");
        }
        long orphans = log.frames().size() - withRecord;
        if (orphans > 0) {
            warnings.add(orphans + " records of '" + affectFile + "' have no frame in '" + clip + "' (it has "
                    + frames + " frames, the records go up to frameIndex " + log.lastFrameIndex()
                    + "): are they from this clip?");
        }
        if (timeMismatches > 0) {
            warnings.add(timeMismatches + " of " + withRecord + " records give a time that differs from their frame's"
                    + " by more than half a frame: are they from this clip?");
        }
        if (withRecord < frames) {
            warnings.add((frames - withRecord) + " of " + frames + " frames have no record in '" + affectFile
                    + "' and are marked 'no affect record'");
        }

        String rule = trackRule(log, chartTrack);
        writeChart(chart, TimelineChart.render(log, chartTrack,
                "Affect timeline of " + fileName(clip) + " (stream " + log.streamId() + ")", rule));
        ReportPage.Facts facts = new ReportPage.Facts(fileName(clip), affectFile.toString(), log.streamId(), frames,
                withRecord, info.frameRate() > 0 ? info.frameRate() : FALLBACK_FRAME_RATE, info.sourceWidth(),
                info.sourceHeight(), info.hasAudio(), rule);
        try {
            Files.writeString(page, ReportPage.html(facts, log, VIDEO_FILE, CHART_FILE, warnings), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReportException("cannot write '" + page + "': " + e.getMessage(), e);
        }
        return new ReportResult(video, chart, page, frames, withRecord, chartTrack, info.hasAudio(), warnings);
    }

    private Long chartTrack(AffectLog log) throws ReportException {
        if (track == null) {
            return log.mostProminentTrack().orElse(null);
        }
        if (!log.trackAreas().containsKey(track)) {
            throw new ReportException("track #" + track + " is not in affect file '" + log.file() + "' (its tracks: "
                    + (log.trackIds().isEmpty() ? "none" : log.trackIds().toString()) + ")");
        }
        return track;
    }

    private String trackRule(AffectLog log, Long chartTrack) {
        if (chartTrack == null) {
            return "no face in any frame, so the face panels are empty";
        }
        int tracks = log.trackAreas().size();
        if (track != null) {
            return String.format(Locale.ROOT, "track #%d, as asked (%d track%s in the file)", chartTrack, tracks,
                    tracks == 1 ? "" : "s");
        }
        return String.format(Locale.ROOT, "track #%d, the face with the largest box area summed over all frames "
                + "(%d track%s in the file; --track picks another)", chartTrack, tracks, tracks == 1 ? "" : "s");
    }

    private static void writeChart(Path chart, BufferedImage image) throws ReportException {
        try {
            if (!ImageIO.write(image, "png", chart.toFile())) {
                throw new ReportException("cannot write '" + chart + "': no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new ReportException("cannot write '" + chart + "': " + e.getMessage(), e);
        }
    }

    private static String fileName(String clip) {
        Path name = Path.of(clip).getFileName();
        return name == null ? clip : name.toString();
    }
}
