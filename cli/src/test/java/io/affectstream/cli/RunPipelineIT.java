package io.affectstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.affectstream.ingest.media.SyntheticClip;
import io.affectstream.testkit.AffectSchema;
import io.affectstream.testkit.CommittedReader;
import io.affectstream.testkit.EmbeddedKafka;
import io.affectstream.wire.AudioChunk;
import io.affectstream.wire.AudioMessage;
import io.affectstream.wire.EndOfStream;
import io.affectstream.wire.Topics;
import io.affectstream.wire.VideoFrame;
import io.affectstream.wire.VideoMessage;
import io.affectstream.wire.VisionFrame;
import io.affectstream.wire.VisionMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole {@code run} path through a real in-process KRaft broker, on clips the test writes itself. */
@Tag("integration")
class RunPipelineIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedKafka broker;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    @Test
    void aTenSecondClipGivesOneRecordPerFrameInOrderWithContiguousAudio() throws Exception {
        java.awt.image.BufferedImage portrait = javax.imageio.ImageIO.read(
                RunPipelineIT.class.getResourceAsStream("/media/astronaut.jpg"));
        Path clip = new SyntheticClip().size(640, 480).frameRate(25).seconds(10).audioSampleRate(16_000)
                .photo(portrait).writeTo(dir.resolve("ten.mp4"));
        Path out = dir.resolve("ten.jsonl");
        CliHarness.Outcome outcome = CliHarness.run("run", "--input", clip.toString(), "--out", out.toString(),
                "--bootstrap-servers", broker.bootstrapServers(), "--stream-id", "it-ten");
        assertEquals(0, outcome.exitCode(), outcome.stderr());
        assertTrue(outcome.stderr().contains("250 frames"), outcome.stderr());
        assertTrue(outcome.stderr().matches("(?s).*pipeline latency \\(ingest -> fused record\\): p50 \\d+ ms, p99 \\d+ ms.*"),
                outcome.stderr());
        for (String line : Files.readAllLines(out)) {
            AffectSchema.assertValid(line);
        }

        List<JsonNode> records = lines(out);
        assertEquals(250, records.size());
        for (int i = 0; i < 250; i++) {
            JsonNode r = records.get(i);
            assertEquals(i, r.get("frameIndex").asInt(), "frame order");
            assertEquals("it-ten", r.get("streamId").asText());
            assertEquals(1, r.get("schemaVersion").asInt());
            assertEquals(i * 40_000L, r.get("ptsMicros").asLong(), 1_000);
            assertEquals(640, r.get("width").asInt());
            assertEquals("analysed", r.get("vision").get("status").asText());
            // the portrait drifts across every frame: one face, followed as one track
            assertEquals(1, r.get("faces").size(), "frame " + i + ": " + r.get("faces"));
            JsonNode face = r.get("faces").get(0);
            assertEquals(0, face.get("trackId").asInt(), "frame " + i);
            double cx = face.get("box").get("x").asDouble() + face.get("box").get("width").asDouble() / 2;
            assertTrue(cx > 200 && cx < 440, "face centre x " + cx);
            assertEquals("happiness", face.get("expressions").get("label").asText(), "the portrait smiles, frame " + i);
            assertEquals("model", face.get("expressions").get("source").asText());
            assertTrue(face.get("valence").asDouble() > 0.3, "a smile is pleasant, frame " + i + ": " + face);
            assertEquals("derived", face.get("vaSource").asText(), "no VA model: derived, and labelled so");
            assertTrue(face.has("headPose"), "FaceMesh gives the head pose, frame " + i);
            assertTrue(face.get("fused").get("valence").asDouble() > 0.3, "frame " + i);
            assertTrue(r.get("timing").get("pipelineMs").asLong() >= 0);
            assertEquals("causal", r.get("smoothing").get("mode").asText());
            String audioStatus = r.get("audio").get("analysis").get("status").asText();
            assertTrue(audioStatus.equals("analysed") || audioStatus.equals("not_analysed"),
                    "frame " + i + " waits for its audio: " + r);
        }

        // Every frame went over the video topic exactly once, ended by its end-of-stream.
        List<ConsumerRecord<String, VideoMessage>> video = CommittedReader.readUntil(broker.bootstrapServers(),
                Topics.VIDEO_FRAMES, m -> m instanceof EndOfStream e && e.streamId().equals("it-ten"),
                Duration.ofSeconds(30));
        long[] indices = video.stream().filter(r -> "it-ten".equals(r.key()) && r.value() instanceof VideoFrame)
                .mapToLong(r -> ((VideoFrame) r.value()).frameIndex()).toArray();
        assertEquals(250, indices.length);
        assertTrue(Arrays.equals(indices, java.util.stream.LongStream.range(0, 250).toArray()));

        // Audio sample offsets are contiguous, at 44.1 kHz mono, and the end counts every sample.
        List<ConsumerRecord<String, AudioMessage>> audio = CommittedReader.readUntil(broker.bootstrapServers(),
                Topics.AUDIO_CHUNKS, m -> m instanceof EndOfStream e && e.streamId().equals("it-ten"),
                Duration.ofSeconds(30));
        long next = -1;
        long total = 0;
        EndOfStream audioEnd = null;
        for (ConsumerRecord<String, AudioMessage> r : audio) {
            if (!"it-ten".equals(r.key())) {
                continue;
            }
            if (r.value() instanceof AudioChunk chunk) {
                assertEquals(44_100, chunk.sampleRateHz());
                assertEquals(1, chunk.channels());
                if (next >= 0) {
                    assertEquals(next, chunk.sampleOffset(), "contiguous offsets");
                }
                assertEquals(r.timestamp(), chunk.capturedAtMs());
                next = chunk.sampleOffset() + chunk.frameCount();
                total += chunk.frameCount();
            } else {
                audioEnd = (EndOfStream) r.value();
            }
        }
        assertEquals(total, audioEnd.count());
        assertEquals(10 * 44_100, total, 4_000);
    }

    @Test
    void threeSeparateStagesGiveTheSameRecordsAndFillTheirOwnTopics() throws Exception {
        java.awt.image.BufferedImage portrait = javax.imageio.ImageIO.read(
                RunPipelineIT.class.getResourceAsStream("/media/astronaut.jpg"));
        Path clip = new SyntheticClip().seconds(3).photo(portrait).writeTo(dir.resolve("three.mp4"));
        Map<String, List<JsonNode>> byLayout = new java.util.HashMap<>();
        for (String layout : List.of("one", "three")) {
            Path out = dir.resolve(layout + ".jsonl");
            List<String> args = new java.util.ArrayList<>(List.of("run", "--input", clip.toString(), "--out",
                    out.toString(), "--bootstrap-servers", broker.bootstrapServers(), "--stream-id", "it-" + layout,
                    "--delivery", "low-latency"));
            if (layout.equals("three")) {
                args.add("--separate-stages");
            }
            CliHarness.Outcome outcome = CliHarness.run(args.toArray(String[]::new));
            assertEquals(0, outcome.exitCode(), outcome.stderr());
            assertTrue(outcome.stderr().contains("delivery low-latency"), outcome.stderr());
            byLayout.put(layout, lines(out));
        }
        for (String layout : List.of("one", "three")) {
            List<JsonNode> records = byLayout.get(layout);
            assertEquals(75, records.size(), layout);
            for (int i = 0; i < records.size(); i++) {
                assertEquals(i, records.get(i).get("frameIndex").asInt(), layout + ": one record per frame, in order");
            }
        }
        for (int i = 0; i < 75; i++) {
            JsonNode one = byLayout.get("one").get(i).get("faces");
            JsonNode three = byLayout.get("three").get(i).get("faces");
            assertEquals(one.size(), three.size(), "frame " + i);
            if (one.size() > 0) {
                assertEquals(one.get(0).get("box"), three.get(0).get("box"), "frame " + i);
                assertEquals(one.get(0).get("expressions").get("label"), three.get(0).get("expressions").get("label"));
            }
        }
        // the three applications pass the vision results through their own topic
        List<ConsumerRecord<String, VisionMessage>> vision = CommittedReader.readUntil(broker.bootstrapServers(),
                Topics.VISION_FRAMES, m -> m instanceof EndOfStream e && e.streamId().equals("it-three"),
                Duration.ofSeconds(30));
        assertEquals(75, vision.stream().filter(r -> "it-three".equals(r.key()) && r.value() instanceof VisionFrame)
                .count());
    }

    @Test
    void aLiveRunExportsLatencyPercentilesOnMetrics() throws Exception {
        Path clip = new SyntheticClip().seconds(4).writeTo(dir.resolve("live.mp4"));
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String[] args = {"run", "--input", clip.toString(), "--out", dir.resolve("live.jsonl").toString(),
                "--realtime", "--http-port", String.valueOf(port), "--bootstrap-servers", broker.bootstrapServers()};
        java.util.concurrent.CompletableFuture<CliHarness.Outcome> run =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> CliHarness.run(args));
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI metrics = java.net.URI.create("http://127.0.0.1:" + port + "/metrics");
        String scraped = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (scraped == null && !run.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            try {
                String body = http.send(java.net.http.HttpRequest.newBuilder(metrics).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                java.util.regex.Matcher count = java.util.regex.Pattern
                        .compile("(?m)^affect_fusion_end_to_end_seconds_count (\\d+)").matcher(body);
                if (count.find() && Long.parseLong(count.group(1)) >= 25) {
                    scraped = body;
                }
            } catch (java.io.IOException notYetListening) {
                // the broker and stages are still starting
            }
        }
        CliHarness.Outcome outcome = run.get();
        assertEquals(0, outcome.exitCode(), outcome.stderr());
        assertTrue(scraped != null, "no end-to-end latency on /metrics during the run; stderr:\n" + outcome.stderr());
        assertTrue(scraped.contains("affect_fusion_end_to_end_seconds{quantile=\"0.5\"}"), scraped);
        assertTrue(scraped.contains("affect_fusion_end_to_end_seconds{quantile=\"0.99\"}"), scraped);
        assertTrue(scraped.contains("affect_fusion_pipeline_seconds{quantile=\"0.99\"}"), scraped);
        assertTrue(scraped.contains("kafka_stream"), "Kafka Streams' own metrics are bound too");
        assertTrue(outcome.stderr().matches("(?s).*end-to-end latency \\(capture -> fused record\\): p50 \\d+ ms, p99 \\d+ ms.*"),
                outcome.stderr());
        // the warm-up stream went through the whole pipeline first, and none of it reached the output
        assertTrue(outcome.stderr().contains("warmed up with " + PipelineWarmUp.FRAMES + " synthetic frames"),
                outcome.stderr());
        assertTrue(outcome.stderr().contains("delivery low-latency"), outcome.stderr());
        List<String> lines = Files.readAllLines(dir.resolve("live.jsonl"));
        assertEquals(100, lines.size());
        assertTrue(lines.stream().noneMatch(l -> l.contains("warm-up-")), "no warm-up record in the output");
    }

    @Test
    void theEmbeddedBrokerRunsAClipWithoutAudioAndMarksAudioAbsent() throws Exception {
        Path clip = new SyntheticClip().seconds(2).withoutAudio().writeTo(dir.resolve("silent.mkv"));
        CliHarness.Outcome outcome = CliHarness.run("run", "--input", clip.toString());
        assertEquals(0, outcome.exitCode(), outcome.stderr());
        List<String> lines = outcome.stdout().lines().toList();
        assertEquals(50, lines.size());
        for (String line : lines) {
            assertEquals("absent", JSON.readTree(line).get("audio").get("analysis").get("status").asText(), line);
        }
    }

    @Test
    void aClipWithoutVideoGivesNoFrameRecordsAndStillEnds() throws Exception {
        Path clip = new SyntheticClip().seconds(1).withoutVideo().writeTo(dir.resolve("voice.mp4"));
        Path out = dir.resolve("voice.jsonl");
        CliHarness.Outcome outcome = CliHarness.run("run", "--input", clip.toString(), "--out", out.toString(),
                "--bootstrap-servers", broker.bootstrapServers());
        assertEquals(0, outcome.exitCode(), outcome.stderr());
        assertEquals(0, Files.readAllLines(out).size());
        assertTrue(outcome.stderr().contains("0 frames"), outcome.stderr());
    }

    @Test
    void aTruncatedClipEmitsTheFramesItHadThenWarnsInOneLine() throws Exception {
        Path full = new SyntheticClip().seconds(4).writeTo(dir.resolve("full.mp4"));
        byte[] bytes = Files.readAllBytes(full);
        Path cut = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(bytes, bytes.length / 2));
        Path out = dir.resolve("cut.jsonl");
        CliHarness.Outcome outcome = CliHarness.run("run", "--input", cut.toString(), "--out", out.toString(),
                "--bootstrap-servers", broker.bootstrapServers());
        assertEquals(0, outcome.exitCode(), outcome.stderr());
        int frames = Files.readAllLines(out).size();
        assertTrue(frames > 10 && frames < 100, "frames: " + frames);
        List<String> warnings = outcome.stderr().lines().filter(l -> l.startsWith("affect: warning")).toList();
        assertEquals(1, warnings.size(), outcome.stderr());
        assertTrue(warnings.get(0).contains("truncated"), warnings.get(0));
        assertTrue(!outcome.stderr().contains("\tat "), "no stack trace");
    }
}
