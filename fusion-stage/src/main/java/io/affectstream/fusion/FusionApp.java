package io.affectstream.fusion;

import io.affectstream.streams.StageMain;
import io.affectstream.streams.StageRunner;
import io.affectstream.wire.AffectMessage;
import io.affectstream.wire.AudioAnalysisMessage;
import io.affectstream.wire.VisionMessage;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

import java.util.Map;

/** The fusion stage as a deployable: wires config, metrics and topology into a {@link StageRunner}. */
public final class FusionApp {
    public static final String NAME = "fusion";

    private FusionApp() {
    }

    /** A runner for the stage, not yet started. */
    public static StageRunner create(Map<?, ?> properties, MeterRegistry registry) {
        Loaded stage = load(properties, registry);
        return new StageRunner(NAME, FusionTopology.build(stage.config(), stage.metrics(), System::currentTimeMillis),
                stage.config().streamsProperties(), registry);
    }

    /** The stage's processing, for a topology of its own ({@link #create}) or one it shares with the other stages. */
    public record Loaded(FusionConfig config, FusionMetrics metrics) {
        /** Adds the stage to {@code builder}: both modalities' results in, the public affect records out. */
        public KStream<String, AffectMessage> addTo(StreamsBuilder builder, KStream<String, VisionMessage> vision,
                                                    KStream<String, AudioAnalysisMessage> audio) {
            return FusionTopology.fuse(builder, vision, audio, config, metrics, System::currentTimeMillis);
        }
    }

    /** Reads the stage's settings; a bad one fails here. */
    public static Loaded load(Map<?, ?> properties, MeterRegistry registry) {
        FusionConfig config = new FusionConfig(properties);
        FusionMetrics metrics = new FusionMetrics();
        metrics.bindTo(registry);
        return new Loaded(config, metrics);
    }

    public static void main(String[] args) throws Exception {
        StageMain.run(NAME, args, FusionApp::create);
    }
}
