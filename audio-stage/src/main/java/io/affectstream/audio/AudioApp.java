package io.affectstream.audio;

import io.affectstream.streams.StageMain;
import io.affectstream.streams.StageRunner;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;

/** The audio stage as a deployable: wires config, metrics and topology into a {@link StageRunner}. */
public final class AudioApp {
    public static final String NAME = "audio";

    private AudioApp() {
    }

    /** A runner for the stage, not yet started. */
    public static StageRunner create(Map<?, ?> properties, MeterRegistry registry) {
        AudioConfig config = new AudioConfig(properties);
        AudioMetrics metrics = new AudioMetrics();
        metrics.bindTo(registry);
        return new StageRunner(NAME, AudioTopology.build(config, metrics, System::currentTimeMillis),
                config.streamsProperties(), registry);
    }

    public static void main(String[] args) throws Exception {
        StageMain.run(NAME, args, AudioApp::create);
    }
}
