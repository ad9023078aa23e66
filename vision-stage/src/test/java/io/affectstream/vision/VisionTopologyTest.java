package io.affectstream.vision;

import io.affectstream.wire.AnalysisStatus;
import io.affectstream.wire.EndOfStream;
import io.affectstream.wire.EndReason;
import io.affectstream.wire.ImageEncoding;
import io.affectstream.wire.Modality;
import io.affectstream.wire.Topics;
import io.affectstream.wire.VideoFrame;
import io.affectstream.wire.VideoMessage;
import io.affectstream.wire.VisionFrame;
import io.affectstream.wire.VisionMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VisionTopologyTest {
    private static final long T0 = 1_700_000_000_000L;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, VideoMessage> in;
    private TestOutputTopic<String, VisionMessage> out;

    @BeforeEach
    void start() {
        VisionConfig config = new VisionConfig(Map.of("bootstrap.servers", "unused:9092"));
        VisionMetrics metrics = new VisionMetrics();
        metrics.bindTo(registry);
        driver = new TopologyTestDriver(VisionTopology.build(config, metrics, () -> T0 + 500),
                config.streamsProperties());
        in = driver.createInputTopic(Topics.VIDEO_FRAMES.name(), Serdes.String().serializer(),
                Topics.VIDEO_FRAMES.valueSerde().serializer());
        out = driver.createOutputTopic(Topics.VISION_FRAMES.name(), Serdes.String().deserializer(),
                Topics.VISION_FRAMES.valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static VideoFrame frame(long index) {
        return new VideoFrame("s", index, index * 40_000, T0 + index * 40, T0 + 100 + index, 640, 360, 1280, 720, true,
                ImageEncoding.JPEG, new byte[] {1, 2, 3});
    }

    @Test
    void everyFrameComesOutOnceInOrderWithItsCaptureTimestampAndNoInventedFaces() {
        for (long i = 0; i < 3; i++) {
            in.pipeInput(new TestRecord<>("s", frame(i), Instant.ofEpochMilli(T0 + i * 40)));
        }
        List<TestRecord<String, VisionMessage>> records = out.readRecordsToList();
        assertEquals(3, records.size());
        for (int i = 0; i < 3; i++) {
            VisionFrame result = (VisionFrame) records.get(i).value();
            assertEquals(i, result.frameIndex());
            assertEquals(T0 + i * 40L, records.get(i).timestamp());
            assertEquals(AnalysisStatus.NOT_ANALYSED, result.analysis().status());
            assertTrue(result.faces().isEmpty());
            assertEquals(1280, result.sourceWidth());
            assertEquals(T0 + 500, result.visionAtMs());
        }
        assertEquals(3.0, registry.get("affect.vision.frames").tag("status", "not_analysed").counter().count());
    }

    @Test
    void theEndOfStreamIsForwardedUnchanged() {
        EndOfStream end = new EndOfStream("s", Modality.VIDEO, 3, T0 + 80, EndReason.COMPLETED, null);
        in.pipeInput(new TestRecord<>("s", end, Instant.ofEpochMilli(T0 + 80)));
        assertEquals(end, out.readValue());
    }

    private static byte[] jpegOfAstronautAt(int x) throws Exception {
        java.awt.image.BufferedImage face = javax.imageio.ImageIO.read(
                VisionTopologyTest.class.getResourceAsStream("/media/astronaut.jpg"));
        java.awt.image.BufferedImage frame = new java.awt.image.BufferedImage(640, 360,
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = frame.createGraphics();
        g.drawImage(face, x, 20, 320, 320, null);
        g.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(frame, "jpeg", out);
        return out.toByteArray();
    }

    /** The shipped models, loaded once for the class: the detector, the expression ensemble and FaceMesh. */
    private static io.affectstream.vision.detect.BlazeFaceDetector detector;
    private static FaceAnalyser.Models shipped;

    @org.junit.jupiter.api.BeforeAll
    static void loadModels() {
        io.affectstream.inference.ExecutionDevice cpu = io.affectstream.inference.ExecutionDevice.CPU;
        detector = io.affectstream.vision.detect.BlazeFaceDetector.load(
                io.affectstream.vision.detect.BlazeFaceDetector.Variant.BACK, null, 0.6, cpu);
        shipped = new FaceAnalyser.Models(io.affectstream.vision.expression.ExpressionEnsemble.loadShipped(cpu, 1, 1),
                io.affectstream.vision.landmarks.FaceMeshLandmarker.load(null, cpu), null);
    }

    @org.junit.jupiter.api.AfterAll
    static void closeModels() {
        detector.close();
        shipped.expressions().close();
        shipped.landmarks().close();
    }

    private TopologyTestDriver analysingDriver(java.nio.file.Path stateDir) {
        return analysingDriver(stateDir, shipped);
    }

    private TopologyTestDriver analysingDriver(java.nio.file.Path stateDir, FaceAnalyser.Models models) {
        return analysingDriver(stateDir, models, Map.of());
    }

    private TopologyTestDriver analysingDriver(java.nio.file.Path stateDir, FaceAnalyser.Models models,
                                               Map<String, Object> settings) {
        driver.close();
        Map<String, Object> properties = new java.util.HashMap<>(settings);
        properties.put("bootstrap.servers", "unused:9092");
        properties.put("state.dir", stateDir.toString());
        VisionConfig config = new VisionConfig(properties);
        VisionMetrics metrics = new VisionMetrics();
        metrics.bindTo(registry);
        FaceAnalyser analyser = new FaceAnalyser(detector, models,
                new io.affectstream.vision.track.FaceTracker(0.3, 10), metrics);
        driver = new TopologyTestDriver(VisionTopology.build(config, metrics, () -> T0 + 500, analyser),
                config.streamsProperties());
        in = driver.createInputTopic(Topics.VIDEO_FRAMES.name(), Serdes.String().serializer(),
                Topics.VIDEO_FRAMES.valueSerde().serializer());
        out = driver.createOutputTopic(Topics.VISION_FRAMES.name(), Serdes.String().deserializer(),
                Topics.VISION_FRAMES.valueSerde().deserializer());
        return driver;
    }

    @Test
    void aRealFaceIsFoundTrackedAcrossFramesAndBoxedInSourcePixels(@org.junit.jupiter.api.io.TempDir
                                                                      java.nio.file.Path stateDir) throws Exception {
        analysingDriver(stateDir);
        for (int i = 0; i < 4; i++) {
            // a 640x360 analysis frame of a 1280x720 source: boxes must come back doubled
            in.pipeInput(new TestRecord<>("s", new VideoFrame("s", i, i * 40_000L, T0 + i * 40L, T0 + 100, 640, 360,
                    1280, 720, true, ImageEncoding.JPEG, jpegOfAstronautAt(100 + 15 * i)), Instant.ofEpochMilli(T0 + i * 40L)));
        }
        List<VisionFrame> frames = out.readValuesToList().stream().map(VisionFrame.class::cast).toList();
        assertEquals(4, frames.size());
        for (int i = 0; i < 4; i++) {
            VisionFrame f = frames.get(i);
            assertEquals(AnalysisStatus.ANALYSED, f.analysis().status());
            assertEquals(1, f.faces().size(), "frame " + i + ": " + f.faces());
            io.affectstream.wire.Face face = f.faces().get(0);
            assertEquals(0, face.trackId(), "the same face keeps its track");
            // the face centre sits at (x + 225/512*320, 20 + 128/512*320) in the analysis frame, doubled in the source
            double cx = face.box().x() + face.box().width() / 2;
            assertEquals(2 * (100 + 15 * i + 225 / 512.0 * 320), cx, 30);
            assertEquals(2 * (20 + 128 / 512.0 * 320), face.box().y() + face.box().height() / 2, 30);
            assertEquals(6, face.keypoints().size());
            assertEquals("right_eye", face.keypoints().get(0).name());
            assertEquals(List.of("blazeface-back-256@keijiro-1.2.0", shipped.expressions().modelId(),
                    "mediapipe-facemesh@human-3.3.6"), face.models());
            assertEquals(io.affectstream.wire.Expression.HAPPINESS, face.expressions().label(), "a broad smile");
            assertEquals(io.affectstream.wire.Source.MODEL, face.expressions().source());
            assertEquals(io.affectstream.wire.Source.DERIVED, face.vaSource(), "no VA model: derived, and said so");
            assertTrue(face.valence() > 0.5, "a smile is pleasant: " + face.valence());
            assertTrue(face.headPose() != null && Math.abs(face.headPose().yawDeg()) < 20, "" + face.headPose());
            java.util.Map<io.affectstream.wire.Source, Long> bySource = face.actionUnits().stream().collect(
                    java.util.stream.Collectors.groupingBy(io.affectstream.wire.ActionUnit::source,
                            java.util.stream.Collectors.counting()));
            assertEquals(java.util.Map.of(io.affectstream.wire.Source.EXPRESSION_TABLE, 17L,
                    io.affectstream.wire.Source.GEOMETRY, 8L, io.affectstream.wire.Source.HEAD_POSE, 6L), bySource);
            assertTrue(face.actionUnits().stream().filter(a -> a.au() == 12
                            && a.source() == io.affectstream.wire.Source.EXPRESSION_TABLE).findFirst().orElseThrow()
                    .activation() > 0.9, "a smile implies AU12");
            assertTrue(face.actionUnits().stream().filter(a -> a.au() == 12
                            && a.source() == io.affectstream.wire.Source.GEOMETRY).findFirst().orElseThrow()
                    .activation() > 0.5, "and the mouth corners show it against the population's neutral face");
        }
        assertEquals(4.0, registry.get("affect.vision.faces").counter().count());
        assertTrue(registry.get("affect.inference").tag("model", "blazeface-back-256@keijiro-1.2.0").timer().count() == 4);
    }

    @Test
    void theFacesOfAGroupKeepDistinctTrackIdsFromFrameToFrame(@org.junit.jupiter.api.io.TempDir java.nio.file.Path stateDir) {
        analysingDriver(stateDir);
        PhotoFrames photo = new PhotoFrames("/media/faceapi-sample6.jpg");
        for (int i = 0; i < 5; i++) {
            VideoFrame f = photo.frame("g", i);
            in.pipeInput(new TestRecord<>("g", f, Instant.ofEpochMilli(f.capturedAtMs())));
        }
        List<VisionFrame> frames = out.readValuesToList().stream().map(VisionFrame.class::cast).toList();
        assertEquals(5, frames.size());
        // The same face (ordered left to right) keeps its id; the four ids differ.
        List<Long> first = idsLeftToRight(frames.get(0));
        assertEquals(4, first.size(), "four people in the photo");
        assertEquals(4, new java.util.HashSet<>(first).size(), "distinct track ids: " + first);
        for (VisionFrame f : frames) {
            assertEquals(first, idsLeftToRight(f), "frame " + f.frameIndex());
            for (io.affectstream.wire.Face face : f.faces()) {
                assertTrue(face.expressions() != null && face.valence() != null && face.headPose() != null);
            }
        }
    }

    @Test
    void aMicroBatchAcrossFramesGivesWhatFrameByFrameGivesInOrderWithinItsWait(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path stateDir) {
        PhotoFrames photo = new PhotoFrames("/media/faceapi-sample6.jpg");
        analysingDriver(stateDir.resolve("single"));
        for (int i = 0; i < 5; i++) {
            VideoFrame f = photo.frame("g", i);
            in.pipeInput(new TestRecord<>("g", f, Instant.ofEpochMilli(f.capturedAtMs())));
        }
        List<VisionFrame> single = out.readValuesToList().stream().map(VisionFrame.class::cast).toList();

        analysingDriver(stateDir.resolve("batched"), shipped, Map.of(VisionConfig.BATCH_MAX_FRAMES, 3,
                VisionConfig.BATCH_MAX_WAIT_MS, 200));
        org.apache.kafka.streams.state.KeyValueStore<Long, Object> buffer =
                driver.getKeyValueStore(VisionTopology.BUFFER_STORE);
        List<TestRecord<String, VisionMessage>> batched = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            VideoFrame f = photo.frame("g", i);
            in.pipeInput(new TestRecord<>("g", f, Instant.ofEpochMilli(f.capturedAtMs())));
            batched.addAll(out.readRecordsToList());
            assertEquals(i < 2 ? 0 : 3, batched.size(), "nothing until three frames are held, after frame " + i);
        }
        assertEquals(2, buffer.approximateNumEntries(), "frames 3 and 4 held, in the store");
        driver.advanceWallClockTime(java.time.Duration.ofMillis(150));
        assertTrue(out.isEmpty(), "their wait is not over");
        driver.advanceWallClockTime(java.time.Duration.ofMillis(100));
        batched.addAll(out.readRecordsToList());
        assertEquals(5, batched.size(), "the wait is over: the two held frames come out");
        assertEquals(0, buffer.approximateNumEntries());

        for (int i = 0; i < 5; i++) {
            VisionFrame want = single.get(i);
            VisionFrame got = (VisionFrame) batched.get(i).value();
            assertEquals(i, got.frameIndex(), "in order");
            assertEquals(want.capturedAtMs(), batched.get(i).timestamp(), "the input's timestamp");
            assertEquals(want.faces().size(), got.faces().size());
            for (int k = 0; k < want.faces().size(); k++) {
                io.affectstream.wire.Face a = want.faces().get(k);
                io.affectstream.wire.Face b = got.faces().get(k);
                assertEquals(a.trackId(), b.trackId());
                assertEquals(a.box(), b.box(), "detection runs per frame either way");
                double[] pa = a.expressions().vector();
                double[] pb = b.expressions().vector();
                for (int c = 0; c < pa.length; c++) {
                    assertEquals(pa[c], pb[c], 1e-5, "frame " + i + " face " + k + " class " + c);
                }
                assertEquals(a.valence(), b.valence(), 1e-5);
                assertEquals(a.headPose().yawDeg(), b.headPose().yawDeg(), 1e-3);
                assertEquals(a.actionUnits().size(), b.actionUnits().size());
                for (int u = 0; u < a.actionUnits().size(); u++) {
                    assertEquals(a.actionUnits().get(u).au(), b.actionUnits().get(u).au());
                    assertEquals(a.actionUnits().get(u).activation(), b.actionUnits().get(u).activation(), 1e-4,
                            "frame " + i + " face " + k + " AU" + a.actionUnits().get(u).au());
                }
            }
        }
        io.micrometer.core.instrument.DistributionSummary sizes =
                registry.get("affect.vision.batch.frames").summary();
        assertEquals(7, sizes.count(), "5 one-frame batches frame by frame, then two batches: 3 + 2 frames");
        assertEquals(10.0, sizes.totalAmount());
    }

    @Test
    void theEndOfAStreamLetsItsHeldFramesOutFirst(@org.junit.jupiter.api.io.TempDir java.nio.file.Path stateDir)
            throws Exception {
        analysingDriver(stateDir, shipped, Map.of(VisionConfig.BATCH_MAX_FRAMES, 8,
                VisionConfig.BATCH_MAX_WAIT_MS, 10_000));
        for (int i = 0; i < 2; i++) {
            in.pipeInput(new TestRecord<>("s", new VideoFrame("s", i, i * 40_000L, T0 + i * 40L, T0 + 100, 640, 360,
                    640, 360, true, ImageEncoding.JPEG, jpegOfAstronautAt(100 + 5 * i)), Instant.ofEpochMilli(T0)));
        }
        assertTrue(out.isEmpty());
        EndOfStream end = new EndOfStream("s", Modality.VIDEO, 2, T0 + 80, EndReason.COMPLETED, null);
        in.pipeInput(new TestRecord<>("s", end, Instant.ofEpochMilli(T0 + 80)));
        List<VisionMessage> messages = out.readValuesToList();
        assertEquals(3, messages.size());
        assertEquals(0, ((VisionFrame) messages.get(0)).frameIndex());
        assertEquals(1, ((VisionFrame) messages.get(1)).frameIndex());
        assertEquals(1, ((VisionFrame) messages.get(1)).faces().size());
        assertEquals(end, messages.get(2));
    }

    private static List<Long> idsLeftToRight(VisionFrame f) {
        return f.faces().stream().sorted(java.util.Comparator.comparingDouble(face -> face.box().x()))
                .map(io.affectstream.wire.Face::trackId).toList();
    }

    @Test
    void aSequenceModelKeepsEachTracksStateInTheStoreAndPublishesItsOutputsAsModel(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path stateDir) throws Exception {
        try (io.affectstream.vision.sequence.VisionSequenceModel gru = io.affectstream.vision.sequence.VisionSequenceModel
                .load(io.affectstream.vision.sequence.TinyVisionGruFiles.write(stateDir.resolve("gru.onnx")),
                        io.affectstream.inference.ExecutionDevice.CPU)) {
            analysingDriver(stateDir, new FaceAnalyser.Models(null, shipped.landmarks(), gru));
            PhotoFrames photo = new PhotoFrames("/media/faceapi-sample6.jpg");
            org.apache.kafka.streams.state.KeyValueStore<String, float[]> store =
                    driver.getKeyValueStore(VisionTopology.SEQUENCE_STORE);
            java.util.Map<String, float[]> previous = new java.util.HashMap<>();
            for (int i = 0; i < 3; i++) {
                VideoFrame f = photo.frame("g", i);
                in.pipeInput(new TestRecord<>("g", f, Instant.ofEpochMilli(f.capturedAtMs())));
                VisionFrame v = (VisionFrame) out.readValue();
                assertEquals(4, v.faces().size());
                for (io.affectstream.wire.Face face : v.faces()) {
                    assertEquals(io.affectstream.wire.Source.MODEL, face.vaSource());
                    assertEquals(io.affectstream.wire.Source.MODEL, face.expressions().source());
                    assertEquals(List.of(1, 12, 25), face.actionUnits().stream()
                            .filter(a -> a.source() == io.affectstream.wire.Source.MODEL)
                            .map(io.affectstream.wire.ActionUnit::au).toList());
                    float[] state = store.get("g/" + face.trackId());
                    assertTrue(state != null && state.length == 8, "track " + face.trackId() + " has its state");
                    float[] before = previous.put("g/" + face.trackId(), state.clone());
                    if (before != null) {
                        assertTrue(!java.util.Arrays.equals(before, state), "the state moves on each frame");
                    }
                }
            }
            assertEquals(4, previous.size());
            assertTrue(previous.values().stream().map(java.util.Arrays::toString).distinct().count() == 4,
                    "each track has a state of its own");
            in.pipeInput(new TestRecord<>("g", new io.affectstream.wire.EndOfStream("g",
                    io.affectstream.wire.Modality.VIDEO, 3, PhotoFrames.T0 + 200,
                    io.affectstream.wire.EndReason.COMPLETED, null), Instant.ofEpochMilli(PhotoFrames.T0 + 200)));
            for (String key : previous.keySet()) {
                assertTrue(store.get(key) == null, "the stream's end drops " + key);
            }
        }
    }

    @Test
    void anUndecodableImageStillGivesOneRecordSayingSo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path stateDir)
            throws Exception {
        analysingDriver(stateDir);
        in.pipeInput(new TestRecord<>("s", new VideoFrame("s", 0, 0, T0, T0, 640, 360, 640, 360, true,
                ImageEncoding.JPEG, new byte[] {1, 2, 3}), Instant.ofEpochMilli(T0)));
        VisionFrame f = (VisionFrame) out.readValue();
        assertEquals(AnalysisStatus.NOT_ANALYSED, f.analysis().status());
        assertEquals("the frame's image could not be decoded", f.analysis().detail());
        assertTrue(f.faces().isEmpty());
    }

    @Test
    void theEndOfStreamForgetsTheStreamsTracks(@org.junit.jupiter.api.io.TempDir java.nio.file.Path stateDir)
            throws Exception {
        analysingDriver(stateDir);
        in.pipeInput(new TestRecord<>("s", new VideoFrame("s", 0, 0, T0, T0, 640, 360, 640, 360, true,
                ImageEncoding.JPEG, jpegOfAstronautAt(100)), Instant.ofEpochMilli(T0)));
        org.apache.kafka.streams.state.KeyValueStore<String, Object> store =
                driver.getKeyValueStore(VisionTopology.TRACKS_STORE);
        assertTrue(store.get("s") != null);
        in.pipeInput(new TestRecord<>("s", new EndOfStream("s", Modality.VIDEO, 1, T0, EndReason.COMPLETED, null),
                Instant.ofEpochMilli(T0)));
        assertTrue(store.get("s") == null);
    }

    @Test
    void aCorruptRecordIsSkippedAndTheNextFrameStillComesThrough() {
        driver.createInputTopic(Topics.VIDEO_FRAMES.name(), Serdes.String().serializer(),
                        Serdes.ByteArray().serializer())
                .pipeInput("s", new byte[] {9, 9, 9}, Instant.ofEpochMilli(T0));
        in.pipeInput(new TestRecord<>("s", frame(0), Instant.ofEpochMilli(T0)));
        assertEquals(0, ((VisionFrame) out.readValue()).frameIndex());
        assertTrue(out.isEmpty());
    }
}
