package io.affectstream.fusion;

import io.affectstream.streams.StageRunner;
import io.affectstream.streams.TopicProvisioner;
import io.affectstream.testkit.CommittedReader;
import io.affectstream.testkit.EmbeddedKafka;
import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.AffectMessage;
import io.affectstream.wire.Analysis;
import io.affectstream.wire.AnalysisStatus;
import io.affectstream.wire.AudioAnalysis;
import io.affectstream.wire.AudioAnalysisMessage;
import io.affectstream.wire.EndOfStream;
import io.affectstream.wire.EndReason;
import io.affectstream.wire.Modality;
import io.affectstream.wire.Source;
import io.affectstream.wire.Topic;
import io.affectstream.wire.Topics;
import io.affectstream.wire.VisionFrame;
import io.affectstream.wire.VisionMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The low-latency profile against a real broker: at-least-once, so a restarted upstream stage sends again what it
 * sent since its last commit, and fusion must still publish each frame once, in order, with its audio.
 */
@Tag("integration")
class LowLatencyDuplicatesIT {
    private static final long T0 = 1_700_000_000_000L;
    private static final Analysis NO_FACE_MODEL = new Analysis(AnalysisStatus.NOT_ANALYSED, "no face model configured");

    @TempDir
    Path dir;

    private static <V> void send(KafkaProducer<String, V> producer, Topic<String, V> topic, long timestamp, V value) {
        producer.send(new ProducerRecord<>(topic.name(), null, timestamp, "cam", value));
    }

    private static VisionFrame frame(long index) {
        return new VisionFrame("cam", index, index * 40_000L, T0 + index * 40, 640, 480, 640, 480, true, NO_FACE_MODEL,
                List.of(), T0 + index * 40, T0 + index * 40);
    }

    private static AudioAnalysis span(long fromMs, long toMs) {
        return new AudioAnalysis("cam", fromMs * 44_100 / 1000, (int) ((toMs - fromMs) * 44_100 / 1000), 44_100,
                T0 + fromMs, new Analysis(AnalysisStatus.ANALYSED, null), 0.8, 0.2, null,
                Source.DERIVED, T0 + fromMs, T0 + fromMs);
    }

    @Test
    void repeatsFromARestartedStageComeOutOnceInOrderWithoutWaitingForACommit() throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start()) {
            Map<String, Object> client = Map.of("bootstrap.servers", broker.bootstrapServers());
            TopicProvisioner.ensureTopics(client, 1, (short) 1);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            StageRunner fusion = FusionApp.create(Map.of("bootstrap.servers", broker.bootstrapServers(),
                    "application.id", "fusion-low-latency-it", "state.dir", dir.toString(),
                    "delivery", "low-latency", FusionConfig.AUDIO_MAX_WAIT_MS, 60_000), registry);
            fusion.start();
            try {
                fusion.awaitRunning(Duration.ofSeconds(60));
                try (KafkaProducer<String, VisionMessage> vision = new KafkaProducer<>(client,
                        Topics.VISION_FRAMES.keySerde().serializer(), Topics.VISION_FRAMES.valueSerde().serializer());
                     KafkaProducer<String, AudioAnalysisMessage> audio = new KafkaProducer<>(
                             client, Topics.AUDIO_AFFECT.keySerde().serializer(),
                             Topics.AUDIO_AFFECT.valueSerde().serializer())) {
                    send(audio, Topics.AUDIO_AFFECT, T0, span(0, 100));
                    audio.flush();
                    for (long i = 0; i < 3; i++) {
                        send(vision, Topics.VISION_FRAMES, T0 + i * 40, frame(i));
                    }
                    vision.flush();
                    // records come out as they are made: no transaction to wait for at each commit
                    List<ConsumerRecord<String, AffectMessage>> early = CommittedReader.readUntil(
                            broker.bootstrapServers(), Topics.AFFECT_FRAMES,
                            m -> m instanceof AffectFrame f && f.frameIndex() == 2, Duration.ofSeconds(30));
                    assertEquals(3, early.size());
                    // a vision and an audio stage restarted from older commits send some of it again, then go on
                    send(audio, Topics.AUDIO_AFFECT, T0, span(0, 100));
                    send(audio, Topics.AUDIO_AFFECT, T0 + 100, span(100, 200));
                    for (long i = 1; i < 5; i++) {
                        send(vision, Topics.VISION_FRAMES, T0 + i * 40, frame(i));
                    }
                    send(vision, Topics.VISION_FRAMES, T0 + 200, new EndOfStream("cam", Modality.VIDEO, 5, T0 + 200,
                            EndReason.COMPLETED, null));
                }
                List<ConsumerRecord<String, AffectMessage>> out = CommittedReader.readUntil(broker.bootstrapServers(),
                        Topics.AFFECT_FRAMES, m -> m instanceof EndOfStream, Duration.ofSeconds(60));
                List<Long> indices = out.stream().filter(r -> r.value() instanceof AffectFrame)
                        .map(r -> ((AffectFrame) r.value()).frameIndex()).toList();
                assertEquals(List.of(0L, 1L, 2L, 3L, 4L), indices, "every frame once, in order");
                assertTrue(out.stream().filter(r -> r.value() instanceof AffectFrame).allMatch(r ->
                        ((AffectFrame) r.value()).audio().analysis().status() == AnalysisStatus.ANALYSED));
                assertEquals(2.0, registry.get("affect.fusion.duplicates").tag("modality", "vision").counter().count());
                assertEquals(1.0, registry.get("affect.fusion.duplicates").tag("modality", "audio").counter().count());
            } finally {
                fusion.close(true);
            }
        }
    }
}
