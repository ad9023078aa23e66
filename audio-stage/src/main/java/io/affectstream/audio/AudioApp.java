package io.affectstream.audio;

import io.affectstream.streams.StageMain;
import io.affectstream.streams.StageRunner;
import io.affectstream.wire.AudioAnalysisMessage;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

import java.util.Map;

/** The audio stage as a deployable: wires config, models, metrics and topology into a {@link StageRunner}. */
public final class AudioApp {
    public static final String NAME = "audio";

    private AudioApp() {
    }

    /** A runner for the stage, not yet started; the models are opened (and checked) here. */
    public static StageRunner create(Map<?, ?> properties, MeterRegistry registry) {
        Loaded stage = load(properties, registry);
        return new StageRunner(NAME, AudioTopology.build(stage.config(), stage.models(), stage.metrics(),
                System::currentTimeMillis), stage.config().streamsProperties(), registry);
    }

    /**
     * The stage's processing with its models opened, for a topology of its own ({@link #create}) or one it shares
     * with the other stages ({@code run}'s). The models close themselves when the last task using them closes.
     */
    public record Loaded(AudioConfig config, AudioModels models, AudioMetrics metrics) {
        /** Adds the stage to {@code builder}: the audio topic in, the analyses out. */
        public KStream<String, AudioAnalysisMessage> addTo(StreamsBuilder builder) {
            return AudioTopology.analyse(builder, config, models, metrics, System::currentTimeMillis);
        }
    }

    /** Reads the stage's settings and opens its models; a bad setting or model file fails here. */
    public static Loaded load(Map<?, ?> properties, MeterRegistry registry) {
        AudioConfig config = new AudioConfig(properties);
        AudioMetrics metrics = new AudioMetrics();
        metrics.bindTo(registry);
        return new Loaded(config, AudioModels.load(config, metrics), metrics);
    }

    public static void main(String[] args) throws Exception {
        StageMain.run(NAME, args, AudioApp::create);
    }
}
