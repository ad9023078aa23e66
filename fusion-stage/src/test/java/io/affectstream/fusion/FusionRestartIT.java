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
import io.affectstream.wire.EndOfStream;
import io.affectstream.wire.EndReason;
import io.affectstream.wire.Modality;
import io.affectstream.wire.Topic;
import io.affectstream.wire.Topics;
import io.affectstream.wire.VisionFrame;
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

/** Frames waiting for their audio when the fusion stage stops are published, once, after it restarts. */
@Tag("integration")
class FusionRestartIT {
    @TempDir
    Path dir;

    private static <V> void send(EmbeddedKafka broker, Topic<String, V> topic, long timestamp, V value) {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers()), topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), null, timestamp, "cam", value));
        }
    }

    private StageRunner fusion(EmbeddedKafka broker, String stateDir) throws InterruptedException {
        StageRunner runner = FusionApp.create(Map.of("bootstrap.servers", broker.bootstrapServers(),
                "application.id", "fusion-restart-it", "state.dir", dir.resolve(stateDir).toString(),
                FusionConfig.AUDIO_MAX_WAIT_MS, 60_000,
                // the stopped instance stays in the group; let the broker notice it is gone quickly
                "session.timeout.ms", 6_000, "heartbeat.interval.ms", 1_000), new SimpleMeterRegistry());
        runner.start();
        runner.awaitRunning(Duration.ofSeconds(60));
        return runner;
    }

    @Test
    void waitingFramesSurviveARestartOnAFreshMachineAndComeOutOnce() throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start()) {
            TopicProvisioner.ensureTopics(Map.of("bootstrap.servers", broker.bootstrapServers()), 1, (short) 1);
            long t0 = 1_700_000_000_000L;
            Analysis none = new Analysis(AnalysisStatus.NOT_ANALYSED, "no face model configured");
            StageRunner first = fusion(broker, "state-a");
            for (int i = 0; i < 3; i++) {
                send(broker, Topics.VISION_FRAMES, t0 + i * 40L, new VisionFrame("cam", i, i * 40_000L, t0 + i * 40L,
                        640, 480, 640, 480, true, none, List.of(), t0, t0));
            }
            Thread.sleep(1_500);             // processed and committed as pending: no audio yet
            first.close();                   // stays in the group, like a pod being rescheduled

            StageRunner second = fusion(broker, "state-b");   // empty local state: restored from the changelog
            try {
                send(broker, Topics.AUDIO_AFFECT, t0, new AudioAnalysis("cam", 0, 44_100, 44_100, t0,
                        new Analysis(AnalysisStatus.NOT_ANALYSED, "no audio model configured"), null, null, null,
                        null, t0, t0));
                send(broker, Topics.VISION_FRAMES, t0 + 120, new EndOfStream("cam", Modality.VIDEO, 3, t0 + 120,
                        EndReason.COMPLETED, null));
                List<ConsumerRecord<String, AffectMessage>> out = CommittedReader.readUntil(broker.bootstrapServers(),
                        Topics.AFFECT_FRAMES, m -> m instanceof EndOfStream, Duration.ofSeconds(60));
                List<Long> indices = out.stream().filter(r -> r.value() instanceof AffectFrame)
                        .map(r -> ((AffectFrame) r.value()).frameIndex()).toList();
                assertEquals(List.of(0L, 1L, 2L), indices);
                out.stream().filter(r -> r.value() instanceof AffectFrame).forEach(r -> assertEquals(
                        AnalysisStatus.NOT_ANALYSED, ((AffectFrame) r.value()).audio().analysis().status()));
            } finally {
                second.close(true);
            }
        }
    }
}
