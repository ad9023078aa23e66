package io.affectstream.audio;

import io.affectstream.wire.Analysis;
import io.affectstream.wire.AnalysisStatus;
import io.affectstream.wire.AudioAnalysis;
import io.affectstream.wire.AudioAnalysisMessage;
import io.affectstream.wire.AudioChunk;
import io.affectstream.wire.AudioMessage;
import io.affectstream.wire.EndOfStream;
import io.affectstream.wire.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

import java.util.function.LongSupplier;

/**
 * The audio stage: audio topic → one {@link AudioAnalysis} per PCM chunk (and the end-of-stream) → audio-affect
 * topic. Until audio models are configured, a chunk's span passes through with status {@code not_analysed} and
 * no speech, arousal or valence value: none is ever made up.
 */
public final class AudioTopology {
    static final Analysis NO_MODEL = new Analysis(AnalysisStatus.NOT_ANALYSED, "no audio model configured");

    private AudioTopology() {
    }

    public static Topology build(AudioConfig config, AudioMetrics metrics, LongSupplier wallClockMs) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.AUDIO_CHUNKS.name(), Consumed.with(Topics.AUDIO_CHUNKS.keySerde(),
                        Topics.AUDIO_CHUNKS.valueSerde()).withName("audio-read-chunks"))
                .mapValues(message -> analyse(message, metrics, wallClockMs), Named.as("audio-analyse"))
                .to(Topics.AUDIO_AFFECT.name(), Produced.with(Topics.AUDIO_AFFECT.keySerde(),
                        Topics.AUDIO_AFFECT.valueSerde()).withName("audio-write-results"));
        return builder.build();
    }

    private static AudioAnalysisMessage analyse(AudioMessage message, AudioMetrics metrics, LongSupplier wallClockMs) {
        if (message instanceof EndOfStream end) {
            return end;
        }
        AudioChunk chunk = (AudioChunk) message;
        long now = wallClockMs.getAsLong();
        metrics.chunkDone(NO_MODEL.status().wireName(), chunk.frameCount() / (double) chunk.sampleRateHz(),
                chunk.ingestedAtMs(), now);
        return new AudioAnalysis(chunk.streamId(), chunk.sampleOffset(), chunk.frameCount(), chunk.sampleRateHz(),
                chunk.capturedAtMs(), NO_MODEL, null, null, null, null, chunk.ingestedAtMs(), now);
    }
}
