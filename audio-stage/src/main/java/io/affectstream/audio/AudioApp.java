package io.affectstream.audio;

import io.affectstream.streams.StageMain;
import io.affectstream.streams.StageRunner;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;

/** The audio stage as a deployable: wires config, models, metrics and topology into a {@link StageRunner}. */
public final class AudioApp {
    public static final String NAME = "audio";

    private AudioApp() {
    }

    /** A runner for the stage, not yet started; the models are opened (and checked) here. */
    public static StageRunner create(Map<?, ?> properties, MeterRegistry registry) {
        AudioConfig config = new AudioConfig(properties);
        AudioMetrics metrics = new AudioMetrics();
        metrics.bindTo(registry);
        AudioModels models = AudioModels.load(config, metrics);
        return new StageRunner(NAME, AudioTopology.build(config, models, metrics, System::currentTimeMillis),
                config.streamsProperties(), registry);
    }

    public static void main(String[] args) throws Exception {
        StageMain.run(NAME, args, AudioApp::create);
    }
}
