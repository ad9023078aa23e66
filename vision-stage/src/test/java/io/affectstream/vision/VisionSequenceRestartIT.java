package io.affectstream.vision;

import io.affectstream.streams.StageRunner;
import io.affectstream.streams.TopicProvisioner;
import io.affectstream.testkit.CommittedReader;
import io.affectstream.testkit.EmbeddedKafka;
import io.affectstream.vision.sequence.TinyVisionGruFiles;
import io.affectstream.wire.EndOfStream;
import io.affectstream.wire.EndReason;
import io.affectstream.wire.Face;
import io.affectstream.wire.Modality;
import io.affectstream.wire.Topics;
import io.affectstream.wire.VideoMessage;
import io.affectstream.wire.VisionFrame;
import io.affectstream.wire.VisionMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Against a real broker: a vision stage with a CNN-GRU stops half-way through a stream of a group photo and a new
 * instance with empty local state takes over. It restores every track's recurrent state (and the tracks) from the
 * changelogs, so the frames after the restart get exactly the values of an uninterrupted run. The same holds for
 * frames held for a micro-batch across frames when the stage stops.
 */
@Tag("integration")
class VisionSequenceRestartIT {
    private static final int FRAMES = 6;

    @TempDir
    Path dir;

    private StageRunner vision(EmbeddedKafka broker, Path model, String applicationId, String stateDir)
            throws InterruptedException {
        return vision(broker, model, applicationId, stateDir, 1);
    }

    private StageRunner vision(EmbeddedKafka broker, Path model, String applicationId, String stateDir,
                               int batchFrames) throws InterruptedException {
        StageRunner runner = VisionApp.create(Map.of("bootstrap.servers", broker.bootstrapServers(),
                "application.id", applicationId, "state.dir", dir.resolve(stateDir).toString(),
                VisionConfig.EXPRESSIONS, "none", VisionConfig.SEQUENCE_MODEL, model.toString(),
                VisionConfig.BATCH_MAX_FRAMES, batchFrames, VisionConfig.BATCH_MAX_WAIT_MS, 10_000,
                "session.timeout.ms", 6_000, "heartbeat.interval.ms", 1_000), new SimpleMeterRegistry());
        runner.start();
        runner.awaitRunning(Duration.ofSeconds(60));
        return runner;
    }

    private static void send(EmbeddedKafka broker, String streamId, int from, int to) {
        PhotoFrames photo = new PhotoFrames("/media/faceapi-sample6.jpg");
        try (KafkaProducer<String, VideoMessage> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers()), Topics.VIDEO_FRAMES.keySerde().serializer(),
                Topics.VIDEO_FRAMES.valueSerde().serializer())) {
            for (int i = from; i < to; i++) {
                var f = photo.frame(streamId, i);
                producer.send(new ProducerRecord<>(Topics.VIDEO_FRAMES.name(), null, f.capturedAtMs(), streamId, f));
            }
            if (to == FRAMES) {
                long ts = PhotoFrames.T0 + FRAMES * 40;
                producer.send(new ProducerRecord<>(Topics.VIDEO_FRAMES.name(), null, ts, streamId,
                        new EndOfStream(streamId, Modality.VIDEO, FRAMES, ts, EndReason.COMPLETED, null)));
            }
        }
    }

    private static List<VisionFrame> frames(EmbeddedKafka broker, String streamId) {
        List<ConsumerRecord<String, VisionMessage>> out = CommittedReader.readUntil(broker.bootstrapServers(),
                Topics.VISION_FRAMES, m -> m instanceof EndOfStream e && e.streamId().equals(streamId),
                Duration.ofSeconds(90));
        return out.stream().filter(r -> streamId.equals(r.key())).map(ConsumerRecord::value)
                .filter(VisionFrame.class::isInstance).map(VisionFrame.class::cast).toList();
    }

    @Test
    void aNewInstanceOnEmptyStateContinuesEveryTracksSequenceExactly() throws Exception {
        Path model = TinyVisionGruFiles.write(dir.resolve("tiny-vision-gru.onnx"));
        try (EmbeddedKafka broker = EmbeddedKafka.start()) {
            List<VisionFrame> expected = uninterruptedRun(broker, model);

            StageRunner first = vision(broker, model, "vision-restart", "state-a");
            send(broker, "split", 0, FRAMES / 2);
            CommittedReader.readUntil(broker.bootstrapServers(), Topics.VISION_FRAMES,
                    m -> m instanceof VisionFrame v && v.streamId().equals("split") && v.frameIndex() == FRAMES / 2 - 1,
                    Duration.ofSeconds(60));
            first.close();                                   // stays in the group, like a rescheduled pod
            StageRunner second = vision(broker, model, "vision-restart", "state-b");   // empty local state
            List<VisionFrame> actual;
            try {
                send(broker, "split", FRAMES / 2, FRAMES);
                actual = frames(broker, "split");
            } finally {
                second.close(true);
            }

            assertSameFaces(expected, actual);
        }
    }

    /**
     * Micro-batches across frames: the first instance holds three frames, waiting for a fourth, when it stops. The
     * held frames come back from the buffer's changelog to a new instance on empty local state, which analyses them
     * with the rest: every frame comes out once, in order, with the values of an uninterrupted frame-by-frame run.
     */
    @Test
    void framesHeldForAMicroBatchSurviveARestart() throws Exception {
        Path model = TinyVisionGruFiles.write(dir.resolve("tiny-vision-gru.onnx"));
        try (EmbeddedKafka broker = EmbeddedKafka.start()) {
            List<VisionFrame> expected = uninterruptedRun(broker, model);

            StageRunner first = vision(broker, model, "vision-batched", "state-a", 4);
            send(broker, "split", 0, FRAMES / 2);
            awaitCommittedInput(broker, "vision-batched", FRAMES / 2);
            first.close();                                   // three frames held, none analysed yet
            StageRunner second = vision(broker, model, "vision-batched", "state-b", 4);
            List<VisionFrame> actual;
            try {
                send(broker, "split", FRAMES / 2, FRAMES);
                actual = frames(broker, "split");
            } finally {
                second.close(true);
            }
            assertSameFaces(expected, actual);
        }
    }

    /** Creates the topics, then runs a whole stream frame by frame through one instance: the expected values. */
    private List<VisionFrame> uninterruptedRun(EmbeddedKafka broker, Path model) throws InterruptedException {
        TopicProvisioner.ensureTopics(Map.of("bootstrap.servers", broker.bootstrapServers()), 1, (short) 1);
        StageRunner uninterrupted = vision(broker, model, "vision-once", "once");
        try {
            send(broker, "whole", 0, FRAMES);
            return frames(broker, "whole");
        } finally {
            uninterrupted.close(true);
        }
    }

    /** Waits until the stage's consumer group has committed {@code offset} on the video topic. */
    private static void awaitCommittedInput(EmbeddedKafka broker, String group, long offset) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get().get(new TopicPartition(Topics.VIDEO_FRAMES.name(), 0));
                if (committed != null && committed.offset() >= offset) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(group + " did not commit offset " + offset + " of the video topic: "
                            + committed);
                }
                Thread.sleep(100);
            }
        }
    }

    private static void assertSameFaces(List<VisionFrame> expected, List<VisionFrame> actual) {
        assertEquals(FRAMES, expected.size());
        assertEquals(FRAMES, actual.size(), "one record per frame, none twice");
        for (int i = 0; i < FRAMES; i++) {
            assertEquals(i, actual.get(i).frameIndex(), "in order");
            List<Face> want = byPosition(expected.get(i));
            List<Face> got = byPosition(actual.get(i));
            assertEquals(4, got.size());
            for (int k = 0; k < want.size(); k++) {
                assertEquals(want.get(k).trackId(), got.get(k).trackId(), "frame " + i);
                assertEquals(want.get(k).valence(), got.get(k).valence(), 1e-6, "frame " + i + " face " + k);
                assertEquals(want.get(k).arousal(), got.get(k).arousal(), 1e-6, "frame " + i + " face " + k);
            }
        }
    }

    private static List<Face> byPosition(VisionFrame f) {
        return f.faces().stream().sorted(Comparator.comparingDouble(face -> face.box().x())).toList();
    }
}
