package io.affectstream.audio;

import io.affectstream.streams.StageRunner;
import io.affectstream.streams.TopicProvisioner;
import io.affectstream.testkit.CommittedReader;
import io.affectstream.testkit.EmbeddedKafka;
import io.affectstream.wire.AudioAnalysis;
import io.affectstream.wire.AudioAnalysisMessage;
import io.affectstream.wire.AudioChunk;
import io.affectstream.wire.AudioMessage;
import io.affectstream.wire.EndOfStream;
import io.affectstream.wire.EndReason;
import io.affectstream.wire.Modality;
import io.affectstream.wire.Topics;
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

/**
 * Against a real broker: the audio stage stops half-way through a stream and a new instance with empty local state
 * takes over. It restores the carry-over buffers and the CNN-GRU's hidden state from the changelogs, so every chunk
 * after the restart has exactly the values an uninterrupted run gives.
 */
@Tag("integration")
class AudioStageRestartIT {
    @TempDir
    Path dir;

    private StageRunner audio(EmbeddedKafka broker, Path model, String stateDir) throws InterruptedException {
        StageRunner runner = AudioApp.create(Map.of("bootstrap.servers", broker.bootstrapServers(),
                "application.id", "audio-restart-it", "state.dir", dir.resolve(stateDir).toString(),
                AudioConfig.MODEL, model.toString(), AudioConfig.VAD_THRESHOLD, 0.0,
                "session.timeout.ms", 6_000, "heartbeat.interval.ms", 1_000), new SimpleMeterRegistry());
        runner.start();
        runner.awaitRunning(Duration.ofSeconds(60));
        return runner;
    }

    private static void send(EmbeddedKafka broker, List<? extends AudioMessage> messages) {
        try (KafkaProducer<String, AudioMessage> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers()), Topics.AUDIO_CHUNKS.keySerde().serializer(),
                Topics.AUDIO_CHUNKS.valueSerde().serializer())) {
            for (AudioMessage m : messages) {
                long ts = m instanceof AudioChunk c ? c.capturedAtMs() : ((EndOfStream) m).capturedAtMs();
                producer.send(new ProducerRecord<>(Topics.AUDIO_CHUNKS.name(), null, ts, m.streamId(), m));
            }
        }
    }

    @Test
    void aNewInstanceOnEmptyStateContinuesTheStreamExactly() throws Exception {
        Path model = TinyAudioGru.write(dir.resolve("tiny.onnx"), 42);
        float[] signal = Signals.syllables(1.5, 120, 4, 0.4, 1);
        List<float[]> expected = AudioModelPlumbingTest.expected(model, signal);
        List<AudioChunk> chunks = Signals.chunks("cam", signal, Signals.RATE, Signals.CHUNK, 1_700_000_000_000L);
        int half = chunks.size() / 2;
        long lastOfFirstHalf = chunks.get(half - 1).sampleOffset();
        try (EmbeddedKafka broker = EmbeddedKafka.start()) {
            TopicProvisioner.ensureTopics(Map.of("bootstrap.servers", broker.bootstrapServers()), 1, (short) 1);
            StageRunner first = audio(broker, model, "state-a");
            send(broker, chunks.subList(0, half));
            CommittedReader.readUntil(broker.bootstrapServers(), Topics.AUDIO_AFFECT,
                    m -> m instanceof AudioAnalysis a && a.sampleOffset() == lastOfFirstHalf, Duration.ofSeconds(60));
            first.close();                                  // stays in the group, like a rescheduled pod

            StageRunner second = audio(broker, model, "state-b");    // empty local state: restored from changelogs
            try {
                send(broker, chunks.subList(half, chunks.size()));
                AudioChunk last = chunks.get(chunks.size() - 1);
                send(broker, List.of(new EndOfStream("cam", Modality.AUDIO, last.sampleOffset() + last.frameCount(),
                        last.capturedAtMs() + 50, EndReason.COMPLETED, null)));
                List<ConsumerRecord<String, AudioAnalysisMessage>> out = CommittedReader.readUntil(
                        broker.bootstrapServers(), Topics.AUDIO_AFFECT, m -> m instanceof EndOfStream,
                        Duration.ofSeconds(60));
                List<AudioAnalysis> spans = out.stream().map(ConsumerRecord::value)
                        .filter(AudioAnalysis.class::isInstance).map(AudioAnalysis.class::cast).toList();
                assertEquals(chunks.size(), spans.size(), "one span per chunk, none twice");
                for (int i = 0; i < spans.size(); i++) {
                    assertEquals(chunks.get(i).sampleOffset(), spans.get(i).sampleOffset());
                }
                AudioModelPlumbingTest.assertMatches(expected, spans, 0);
            } finally {
                second.close(true);
            }
        }
    }
}
