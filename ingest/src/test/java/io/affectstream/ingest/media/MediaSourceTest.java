package io.affectstream.ingest.media;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MediaSourceTest {
    @TempDir
    Path dir;

    @Test
    void decodesEveryFrameAndAllAudioOfAGeneratedClip() throws Exception {
        Path clip = new SyntheticClip().seconds(2).writeTo(dir.resolve("clip.mp4"));
        int images = 0;
        long samples = 0;
        long lastPts = -1;
        try (MediaSource source = MediaSource.open(clip.toString(), 640)) {
            MediaInfo info = source.info();
            assertTrue(info.hasVideo() && info.hasAudio(), info.toString());
            assertEquals(640, info.analysisWidth());
            assertEquals(480, info.analysisHeight());
            assertEquals(25.0, info.frameRate(), 0.01);
            for (Decoded d = source.next(); d != null; d = source.next()) {
                if (d instanceof Decoded.Image image) {
                    assertEquals(640, image.image().getWidth());
                    assertTrue(image.ptsMicros() > lastPts, "pts must increase");
                    lastPts = image.ptsMicros();
                    images++;
                } else {
                    samples += ((Decoded.Samples) d).samples().length;
                }
            }
        }
        assertEquals(50, images);
        assertEquals(49 * 40_000, lastPts, 1_000);
        // AAC pads to whole 1024-sample frames at 16 kHz; resampled to 44.1 kHz that is at most ~2.9k samples
        assertEquals(2 * MediaSource.SAMPLE_RATE_HZ, samples, 6_000);
    }

    private static int[] decodeAll(String input) throws MediaException {
        int images = 0;
        int samples = 0;
        try (MediaSource source = MediaSource.open(input, 640)) {
            for (Decoded d = source.next(); d != null; d = source.next()) {
                if (d instanceof Decoded.Image) {
                    images++;
                } else {
                    samples += ((Decoded.Samples) d).samples().length;
                }
            }
        }
        return new int[] {images, samples};
    }

    @ParameterizedTest
    @ValueSource(strings = {"mp4", "mkv", "mov", "avi", "webm"})
    void decodesEveryContainerTheProductPromises(String extension) throws Exception {
        Path clip = new SyntheticClip().seconds(1).writeTo(dir.resolve("clip." + extension));
        int[] decoded = decodeAll(clip.toString());
        assertEquals(25, decoded[0], extension + " frames");
        assertEquals(MediaSource.SAMPLE_RATE_HZ, decoded[1], 8_000, extension + " samples");
    }

    @Test
    void decodesAClipServedOverHttp() throws Exception {
        Path clip = new SyntheticClip().seconds(1).writeTo(dir.resolve("served.mp4"));
        byte[] bytes = Files.readAllBytes(clip);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/served.mp4", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "video/mp4");
            exchange.sendResponseHeaders(200, bytes.length);
            try (var body = exchange.getResponseBody()) {
                body.write(bytes);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/served.mp4";
            assertEquals(SourceKind.NETWORK, SourceKind.of(url));
            assertEquals(25, decodeAll(url)[0]);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnreachableUrlFailsWithOneLineNamingIt() {
        String url = "http://127.0.0.1:9/missing.mp4";
        MediaException e = assertThrows(MediaException.class, () -> MediaSource.open(url, 640));
        assertTrue(e.getMessage().startsWith("cannot open input '" + url + "': "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void decodedPixelsKeepTheirColoursAndPlaces() throws Exception {
        // A photo of two flat colours, left red-ish and right blue-ish: a swapped channel or a shifted row shows.
        java.awt.image.BufferedImage photo = new java.awt.image.BufferedImage(200, 100,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = photo.createGraphics();
        g.setColor(new java.awt.Color(210, 40, 30));
        g.fillRect(0, 0, 100, 100);
        g.setColor(new java.awt.Color(20, 60, 200));
        g.fillRect(100, 0, 100, 100);
        g.dispose();
        Path clip = new SyntheticClip().size(322, 240).frameRate(10).seconds(0.3).withoutAudio().photo(photo)
                .writeTo(dir.resolve("colours.mp4"));
        try (MediaSource source = MediaSource.open(clip.toString(), 640)) {
            java.awt.image.BufferedImage image = ((Decoded.Image) source.next()).image();
            assertEquals(java.awt.image.BufferedImage.TYPE_3BYTE_BGR, image.getType());
            // the photo is scaled to 80 % of the frame's height, centred (the drift is 0 on the first frame)
            int left = image.getRGB(image.getWidth() / 2 - 40, image.getHeight() / 2);
            int right = image.getRGB(image.getWidth() / 2 + 40, image.getHeight() / 2);
            assertColour(210, 40, 30, left);
            assertColour(20, 60, 200, right);
        }
    }

    private static void assertColour(int r, int g, int b, int rgb) {
        String got = ((rgb >> 16) & 0xFF) + "," + ((rgb >> 8) & 0xFF) + "," + (rgb & 0xFF);
        assertTrue(Math.abs(((rgb >> 16) & 0xFF) - r) < 20 && Math.abs(((rgb >> 8) & 0xFF) - g) < 20
                && Math.abs((rgb & 0xFF) - b) < 20, "expected about " + r + "," + g + "," + b + ", got " + got);
    }

    @Test
    void scalesTheLongerSideDownKeepingTheAspectRatio() throws Exception {
        Path clip = new SyntheticClip().size(1280, 720).seconds(0.4).withoutAudio().writeTo(dir.resolve("hd.mkv"));
        try (MediaSource source = MediaSource.open(clip.toString(), 640)) {
            assertEquals(640, source.info().analysisWidth());
            assertEquals(360, source.info().analysisHeight());
            assertEquals(1280, source.info().sourceWidth());
            Decoded.Image first = (Decoded.Image) source.next();
            assertEquals(360, first.image().getHeight());
        }
    }

    @Test
    void aClipWithoutAudioOrWithoutVideoOpensWithThatModalityAbsent() throws Exception {
        Path silent = new SyntheticClip().seconds(0.4).withoutAudio().writeTo(dir.resolve("silent.mp4"));
        Path blind = new SyntheticClip().seconds(0.4).withoutVideo().writeTo(dir.resolve("blind.mp4"));
        try (MediaSource source = MediaSource.open(silent.toString(), 640)) {
            assertTrue(source.info().hasVideo());
            assertFalse(source.info().hasAudio());
        }
        try (MediaSource source = MediaSource.open(blind.toString(), 640)) {
            assertFalse(source.info().hasVideo());
            assertTrue(source.info().hasAudio());
            assertTrue(source.next() instanceof Decoded.Samples);
        }
    }

    @Test
    void randomBytesNamedMp4AreRejectedWithAOneLineReason() throws Exception {
        Path junk = dir.resolve("random.mp4");
        byte[] bytes = new byte[64 * 1024];
        new Random(3).nextBytes(bytes);
        Files.write(junk, bytes);
        MediaException e = assertThrows(MediaException.class, () -> MediaSource.open(junk.toString(), 640));
        assertTrue(e.getMessage().contains(junk.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a media file"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void missingEmptyAndDirectoryInputsSayWhatIsWrong() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.mp4"));
        assertTrue(assertThrows(MediaException.class, () -> MediaSource.open(dir.resolve("nope.mp4").toString(), 640))
                .getMessage().endsWith("no such file"));
        assertTrue(assertThrows(MediaException.class, () -> MediaSource.open(empty.toString(), 640))
                .getMessage().endsWith("the file is empty"));
        assertTrue(assertThrows(MediaException.class, () -> MediaSource.open(dir.toString(), 640))
                .getMessage().contains("is a directory"));
    }

    @Test
    void classifiesInputsByKind() {
        assertEquals(SourceKind.NETWORK, SourceKind.of("rtsp://cam.local/stream"));
        assertEquals(SourceKind.NETWORK, SourceKind.of("HTTPS://example.org/a.m3u8"));
        assertEquals(SourceKind.DEVICE, SourceKind.of("/dev/video0"));
        assertEquals(SourceKind.FILE, SourceKind.of("clips/a.mp4"));
    }

    @Test
    void analysisSizeNeverUpscalesAndKeepsEvenSides() {
        assertEquals(320, AnalysisSize.fit(320, 240, 640)[0]);
        int[] portrait = AnalysisSize.fit(1080, 1920, 640);
        assertEquals(640, portrait[1]);
        assertEquals(360, portrait[0]);
        assertEquals(0, AnalysisSize.fit(1001, 777, 500)[1] % 2);
    }
}
