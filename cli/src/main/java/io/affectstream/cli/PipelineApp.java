package io.affectstream.cli;

import io.affectstream.audio.AudioApp;
import io.affectstream.fusion.FusionApp;
import io.affectstream.streams.StageConfig;
import io.affectstream.streams.StageRunner;
import io.affectstream.vision.VisionApp;
import io.affectstream.wire.AffectMessage;
import io.affectstream.wire.AudioAnalysisMessage;
import io.affectstream.wire.Topics;
import io.affectstream.wire.VisionMessage;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;

import java.util.Map;
import java.util.Properties;

/**
 * {@code run}'s pipeline as one Kafka Streams application: the media topics in, the vision, audio and fusion stages'
 * own processors and stores in one topology, the affect topic out. The vision and audio results go straight to
 * fusion inside the task (the media topics are co-partitioned, so one task holds a stream's video and audio), where
 * three applications would pass them through two more topics: two broker round trips, two more transactions per
 * commit and a JSON encoding and parse per record, which on two cores cost more CPU than the face models. The stages'
 * state is changelogged as in a cluster, so a restarted run resumes; the per-modality topics
 * ({@code affect.vision.frames}, {@code affect.audio.affect}) are not written (three applications,
 * {@code run --separate-stages}, fill them).
 */
final class PipelineApp {
    static final String NAME = "pipeline";
    /** The application id (consumer group, transactional id, changelog prefix) unless one is set. */
    static final String DEFAULT_APPLICATION_ID = "affect-run";

    private PipelineApp() {
    }

    /** A runner for the whole pipeline, not yet started; every stage's models are loaded now. */
    static StageRunner create(Map<String, Object> properties, MeterRegistry registry) {
        VisionApp.Loaded vision = VisionApp.load(properties, registry);
        try {
            AudioApp.Loaded audio = AudioApp.load(properties, registry);
            FusionApp.Loaded fusion = FusionApp.load(properties, registry);
            StreamsBuilder builder = new StreamsBuilder();
            KStream<String, VisionMessage> faces = vision.addTo(builder);
            KStream<String, AudioAnalysisMessage> speech = audio.addTo(builder);
            KStream<String, AffectMessage> affect = fusion.addTo(builder, faces, speech);
            affect.to(Topics.AFFECT_FRAMES.name(), Produced.with(Topics.AFFECT_FRAMES.keySerde(),
                    Topics.AFFECT_FRAMES.valueSerde()).withName("fusion-write-affect"));
            Properties streams = fusion.config().streamsProperties();
            streams.put(StageConfig.APPLICATION_ID, properties.getOrDefault(StageConfig.APPLICATION_ID,
                    DEFAULT_APPLICATION_ID).toString());
            StageRunner runner = new StageRunner(NAME, builder.build(), streams, registry);
            runner.closeWith(vision);
            return runner;
        } catch (RuntimeException e) {
            try {
                vision.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }
}
