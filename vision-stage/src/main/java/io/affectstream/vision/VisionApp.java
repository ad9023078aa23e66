package io.affectstream.vision;

import io.affectstream.streams.StageMain;
import io.affectstream.streams.StageRunner;
import io.affectstream.vision.detect.BlazeFaceDetector;
import io.affectstream.vision.expression.MiniXceptionClassifier;
import io.affectstream.vision.track.FaceTracker;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Map;

/** The vision stage as a deployable: wires config, the face detector, metrics and topology into a {@link StageRunner}. */
public final class VisionApp {
    public static final String NAME = "vision";
    private static final Logger log = LoggerFactory.getLogger(VisionApp.class);

    private VisionApp() {
    }

    /** A runner for the stage, not yet started; the face detector is loaded now, so a bad model fails here. */
    public static StageRunner create(Map<?, ?> properties, MeterRegistry registry) {
        VisionConfig config = new VisionConfig(properties);
        VisionMetrics metrics = new VisionMetrics();
        metrics.bindTo(registry);
        BlazeFaceDetector detector = null;
        MiniXceptionClassifier expressions = null;
        FaceAnalyser analyser = null;
        if (config.detectorEnabled()) {
            BlazeFaceDetector.Variant variant = BlazeFaceDetector.Variant.parse(config.detector());
            detector = BlazeFaceDetector.load(variant,
                    config.detectorModel().isBlank() ? null : Path.of(config.detectorModel()),
                    config.detectorThreshold(), config.device());
            log.info("vision: face detector {} on {}", variant.modelId(), detector.provider());
            metrics.provider(variant.modelId(), detector.provider());
            if (config.expressionsEnabled()) {
                expressions = MiniXceptionClassifier.load(
                        config.expressionsModel().isBlank() ? null : Path.of(config.expressionsModel()), config.device());
                log.info("vision: expression classifier {} on {}", expressions.modelId(), expressions.provider());
                metrics.provider(expressions.modelId(), expressions.provider());
            }
            analyser = new FaceAnalyser(detector, expressions,
                    new FaceTracker(config.trackMinIou(), config.trackMaxMissedFrames()), metrics);
        }
        StageRunner runner = new StageRunner(NAME, VisionTopology.build(config, metrics, System::currentTimeMillis,
                analyser), config.streamsProperties(), registry);
        if (detector != null) {
            runner.closeWith(detector);
        }
        return expressions == null ? runner : runner.closeWith(expressions);
    }

    public static void main(String[] args) throws Exception {
        StageMain.run(NAME, args, VisionApp::create);
    }
}
