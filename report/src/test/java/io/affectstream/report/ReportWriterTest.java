package io.affectstream.report;

import io.affectstream.ingest.media.Decoded;
import io.affectstream.ingest.media.MediaException;
import io.affectstream.ingest.media.MediaSource;
import io.affectstream.ingest.media.SyntheticClip;
import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.Box;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWriterTest {
    private static final int FRAMES = 25;
    private static final Box BOX = new Box(200, 110, 180, 220);

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static Path clip;
    private static Path affect;
    private static ReportResult report;

    @BeforeAll
    static void writeOneReport() throws Exception {
        MediaSource.ffmpegLogging(false);
        BufferedImage astronaut = ImageIO.read(ReportWriterTest.class.getResourceAsStream("/media/astronaut.jpg"));
        clip = new SyntheticClip().seconds(FRAMES / 25.0).photo(astronaut).writeTo(shared.resolve("clip.mp4"));
        affect = AffectRecords.write(shared.resolve("affect.jsonl"), AffectRecords.frames(FRAMES, 25, 640, 480,
                i -> List.of(AffectRecords.face(AffectRecords.TRACK, BOX, i, FRAMES))));
        report = new ReportWriter(shared.resolve("out")).write(clip.toString(), affect);
    }

    @Test
    void theVideoHasEveryFrameAtTheSourceSizeAndRateWithItsAudio() throws Exception {
        assertEquals(FRAMES, report.framesWritten());
        assertEquals(FRAMES, report.framesWithRecord());
        assertTrue(report.warnings().isEmpty(), report.warnings().toString());
        int frames = 0;
        try (MediaSource video = MediaSource.open(report.video().toString(), 0)) {
            assertEquals(640, video.info().sourceWidth());
            assertEquals(480, video.info().sourceHeight());
            assertEquals(25.0, video.info().frameRate(), 0.01);
            assertTrue(video.info().hasAudio(), "the clip's audio is kept");
            for (Decoded d = video.next(); d != null; d = video.next()) {
                if (d instanceof Decoded.Image) {
                    frames++;
                }
            }
        }
        assertEquals(FRAMES, frames);
    }

    @Test
    void theBoxIsDrawnInItsTrackColourWhereTheRecordPutsItAndNothingChangesElsewhere() throws Exception {
        int index = 15;
        BufferedImage source = frame(clip, index);
        BufferedImage annotated = frame(report.video(), index);
        Color colour = FrameOverlay.trackColour(AffectRecords.TRACK);
        int left = (int) BOX.x();
        int top = (int) BOX.y();
        int right = (int) (BOX.x() + BOX.width());
        int bottom = (int) (BOX.y() + BOX.height());

        int onEdge = 0;
        int samples = 0;
        for (int y = top + 20; y < bottom - 20; y += 10) {
            samples += 2;
            onEdge += (near(annotated.getRGB(left, y), colour) ? 1 : 0) + (near(annotated.getRGB(right, y), colour) ? 1 : 0);
        }
        for (int x = left + 20; x < right - 20; x += 10) {
            samples++;
            onEdge += near(annotated.getRGB(x, bottom), colour) ? 1 : 0;
        }
        assertTrue(onEdge >= samples * 0.9, onEdge + " of " + samples + " points on the box edge have the track colour");

        // inside the box, and in the frame's lower left away from every overlay, the picture is the source's
        assertTrue(meanDifference(source, annotated, left + 12, top + 12, right - 12, bottom - 12) < 6, "inside the box");
        assertTrue(meanDifference(source, annotated, 0, 300, 180, 480) < 6, "away from the overlays");
        assertTrue(meanDifference(source, annotated, left - 2, top + 20, left + 3, bottom - 20) > 40, "on the box edge");
        assertEquals(0, countNear(annotated, colour, 0, 300, 180, 480), "no track colour away from the face");
        assertEquals(0, countNear(annotated, colour, left + 12, top + 12, right - 12, bottom - 12), "none inside the box");
    }

    @Test
    void theChartHasItsFivePanelsDrawn() throws Exception {
        BufferedImage chart = ImageIO.read(report.chart().toFile());
        assertEquals(TimelineChart.WIDTH, chart.getWidth());
        assertEquals(46 + 5 * 230, chart.getHeight());
        for (int panel = 0; panel < 5; panel++) {
            int y0 = 46 + panel * 230;
            int inked = 0;
            for (int y = y0; y < y0 + 230; y++) {
                for (int x = 0; x < chart.getWidth(); x++) {
                    inked += (chart.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF ? 1 : 0;
                }
            }
            assertTrue(inked > 5_000, "panel " + panel + " has " + inked + " non-white pixels");
        }
    }

    @Test
    void thePageShowsTheVideoAndTheChartAndSaysWhatIsDerived() throws Exception {
        String html = Files.readString(report.page(), StandardCharsets.UTF_8);
        assertTrue(html.contains("<video controls") && html.contains("src=\"" + ReportWriter.VIDEO_FILE + "\""), html);
        assertTrue(html.contains("<img src=\"" + ReportWriter.CHART_FILE + "\""), html);
        assertTrue(html.contains("<code>derived</code>") && html.contains("<code>expression_table</code>"), html);
        assertTrue(html.contains("track #" + AffectRecords.TRACK), html);
        assertTrue(Files.exists(report.page().resolveSibling(ReportWriter.VIDEO_FILE)));
        assertTrue(Files.exists(report.page().resolveSibling(ReportWriter.CHART_FILE)));
    }

    @Test
    void framesWithoutARecordAreMarkedAndRecordsBeyondTheClipAreReported() throws Exception {
        List<AffectFrame> frames = new ArrayList<>(AffectRecords.frames(FRAMES + 5, 25, 640, 480, i -> List.of()));
        frames.removeIf(f -> f.frameIndex() == 3);
        Path partial = AffectRecords.write(dir.resolve("partial.jsonl"), frames);
        ReportResult result = new ReportWriter(dir).write(clip.toString(), partial);
        assertEquals(FRAMES, result.framesWritten());
        assertEquals(FRAMES - 1, result.framesWithRecord());
        assertNull(result.chartTrackId(), "no face, no track");
        String warnings = String.join("\n", result.warnings());
        assertTrue(warnings.contains("5 records of") && warnings.contains("1 of " + FRAMES + " frames have no record"), warnings);
    }

    @Test
    void aRecordLateByAFrameIsReportedAsNotFromThisClip() throws Exception {
        Path shifted = AffectRecords.write(dir.resolve("shifted.jsonl"), AffectRecords.frames(FRAMES, 12.5, 640, 480,
                i -> List.of()));
        ReportResult result = new ReportWriter(dir).write(clip.toString(), shifted);
        assertTrue(String.join("\n", result.warnings()).contains("are they from this clip?"), result.warnings().toString());
    }

    @Test
    void aMalformedLineIsNamedWithItsFileAndNumber() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(affect));
        lines.set(2, lines.get(2).substring(0, 40));
        Path broken = Files.write(dir.resolve("broken.jsonl"), lines);
        ReportException e = assertThrows(ReportException.class, () -> new ReportWriter(dir).write(clip.toString(), broken));
        assertTrue(e.getMessage().startsWith("affect file '" + broken + "', line 3: not JSON"), e.getMessage());

        lines = new ArrayList<>(Files.readAllLines(affect));
        lines.set(4, lines.get(4).replace("\"streamId\":\"clip-1\",", ""));
        Path noStream = Files.write(dir.resolve("no-stream.jsonl"), lines);
        e = assertThrows(ReportException.class, () -> AffectLog.read(noStream));
        assertTrue(e.getMessage().startsWith("affect file '" + noStream + "', line 5: not an affect frame record"),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve(ReportWriter.VIDEO_FILE)), "nothing written for a bad affect file");
    }

    @Test
    void repeatedFramesMixedStreamsAndEmptyFilesAreRefused() throws Exception {
        List<String> lines = Files.readAllLines(affect);
        Path repeated = Files.write(dir.resolve("repeated.jsonl"), List.of(lines.get(0), lines.get(1), lines.get(0)));
        assertMessage(repeated, "line 3: frameIndex 0 appears twice (also on line 1)");
        Path mixed = Files.write(dir.resolve("mixed.jsonl"),
                List.of(lines.get(0), lines.get(1).replace("\"clip-1\"", "\"other\"")));
        assertMessage(mixed, "line 2: stream 'other', but earlier lines are stream 'clip-1'");
        Path empty = Files.write(dir.resolve("empty.jsonl"), List.of("", lines.get(lines.size() - 1)));
        assertMessage(empty, "holds no frame records");
        assertMessage(dir.resolve("absent.jsonl"), "no such file");
    }

    @Test
    void aMissingOrCorruptClipIsNamed() throws Exception {
        Path missing = dir.resolve("nope.mp4");
        ReportException e = assertThrows(ReportException.class, () -> new ReportWriter(dir).write(missing.toString(), affect));
        assertEquals("cannot open input '" + missing + "': no such file", e.getMessage());

        Path junk = dir.resolve("junk.mp4");
        byte[] bytes = new byte[100_000];
        new Random(3).nextBytes(bytes);
        Files.write(junk, bytes);
        e = assertThrows(ReportException.class, () -> new ReportWriter(dir).write(junk.toString(), affect));
        assertTrue(e.getMessage().startsWith("cannot open input '" + junk + "'") && e.getMessage().contains("not a media file"),
                e.getMessage());
    }

    @Test
    void anOutputDirectoryThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        ReportException e = assertThrows(ReportException.class, () -> new ReportWriter(file).write(clip.toString(), affect));
        assertEquals("cannot create output directory '" + file + "': a file is in the way", e.getMessage());
    }

    @Test
    void anUnknownTrackIsRefusedNamingTheTracksThereAre() {
        ReportException e = assertThrows(ReportException.class,
                () -> new ReportWriter(dir).track(99L).write(clip.toString(), affect));
        assertEquals("track #99 is not in affect file '" + affect + "' (its tracks: [7])", e.getMessage());
    }

    private static void assertMessage(Path file, String fragment) {
        ReportException e = assertThrows(ReportException.class, () -> AffectLog.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(fragment), e.getMessage());
    }

    /** Frame {@code index} of a video, decoded the way the report and ingest decode it. */
    static BufferedImage frame(Path video, int index) throws MediaException {
        try (MediaSource source = MediaSource.open(video.toString(), 0)) {
            int i = 0;
            for (Decoded d = source.next(); d != null; d = source.next()) {
                if (d instanceof Decoded.Image image && i++ == index) {
                    BufferedImage copy = new BufferedImage(image.image().getWidth(), image.image().getHeight(),
                            BufferedImage.TYPE_INT_RGB);
                    copy.getGraphics().drawImage(image.image(), 0, 0, null);
                    return copy;
                }
            }
        }
        throw new AssertionError(video + " has no frame " + index);
    }

    /** Within what H.264's 4:2:0 chroma leaves of a flat colour on a 3-pixel line. */
    private static boolean near(int rgb, Color colour) {
        Color c = new Color(rgb);
        int dr = c.getRed() - colour.getRed();
        int dg = c.getGreen() - colour.getGreen();
        int db = c.getBlue() - colour.getBlue();
        return dr * dr + dg * dg + db * db < 60 * 60;
    }

    private static int countNear(BufferedImage image, Color colour, int x0, int y0, int x1, int y1) {
        int count = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                count += near(image.getRGB(x, y), colour) ? 1 : 0;
            }
        }
        return count;
    }

    private static double meanDifference(BufferedImage a, BufferedImage b, int x0, int y0, int x1, int y1) {
        long sum = 0;
        long n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                sum += Math.abs(((p >> 16) & 255) - ((q >> 16) & 255)) + Math.abs(((p >> 8) & 255) - ((q >> 8) & 255))
                        + Math.abs((p & 255) - (q & 255));
                n += 3;
            }
        }
        return sum / (double) n;
    }
}
