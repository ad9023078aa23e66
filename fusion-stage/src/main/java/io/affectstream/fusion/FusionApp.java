package io.affectstream.fusion;

import io.affectstream.streams.StageMain;
import io.affectstream.streams.StageRunner;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;

/** The fusion stage as a deployable: wires config, metrics and topology into a {@link StageRunner}. */
public final class FusionApp {
    public static final String NAME = "fusion";

    private FusionApp() {
    }

    /** A runner for the stage, not yet started. */
    public static StageRunner create(Map<?, ?> properties, MeterRegistry registry) {
        FusionConfig config = new FusionConfig(properties);
        FusionMetrics metrics = new FusionMetrics();
        metrics.bindTo(registry);
        return new StageRunner(NAME, FusionTopology.build(config, metrics, System::currentTimeMillis),
                config.streamsProperties(), registry);
    }

    public static void main(String[] args) throws Exception {
        StageMain.run(NAME, args, FusionApp::create);
    }
}
