package io.affectstream.vision;

import io.affectstream.streams.StageMain;
import io.affectstream.streams.StageRunner;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;

/** The vision stage as a deployable: wires config, metrics and topology into a {@link StageRunner}. */
public final class VisionApp {
    public static final String NAME = "vision";

    private VisionApp() {
    }

    /** A runner for the stage, not yet started. */
    public static StageRunner create(Map<?, ?> properties, MeterRegistry registry) {
        VisionConfig config = new VisionConfig(properties);
        VisionMetrics metrics = new VisionMetrics();
        metrics.bindTo(registry);
        return new StageRunner(NAME, VisionTopology.build(config, metrics, System::currentTimeMillis),
                config.streamsProperties(), registry);
    }

    public static void main(String[] args) throws Exception {
        StageMain.run(NAME, args, VisionApp::create);
    }
}
