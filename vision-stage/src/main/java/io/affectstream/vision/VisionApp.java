package io.affectstream.vision;

import io.affectstream.scoring.AuThresholds;
import io.affectstream.streams.StageMain;
import io.affectstream.streams.StageRunner;
import io.affectstream.vision.detect.BlazeFaceDetector;
import io.affectstream.vision.expression.ExpressionClassifier;
import io.affectstream.vision.expression.ExpressionEnsemble;
import io.affectstream.vision.expression.FaceApiExpressionClassifier;
import io.affectstream.vision.expression.MiniXceptionClassifier;
import io.affectstream.vision.landmarks.FaceMeshLandmarker;
import io.affectstream.vision.sequence.VisionSequenceModel;
import io.affectstream.vision.track.FaceTracker;
import io.affectstream.wire.VisionMessage;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The vision stage as a deployable: wires config, the face models, metrics and topology into a {@link StageRunner}. */
public final class VisionApp {
    public static final String NAME = "vision";
    private static final Logger log = LoggerFactory.getLogger(VisionApp.class);

    private VisionApp() {
    }

    /** A runner for the stage, not yet started; the models are loaded now, so a bad model file fails here. */
    public static StageRunner create(Map<?, ?> properties, MeterRegistry registry) {
        Loaded stage = load(properties, registry);
        try {
            StageRunner runner = new StageRunner(NAME, VisionTopology.build(stage.config(), stage.metrics(),
                    System::currentTimeMillis, stage.analyser()), stage.config().streamsProperties(), registry);
            stage.resources().forEach(runner::closeWith);
            return runner;
        } catch (RuntimeException e) {
            closeAll(stage.resources(), e);
            throw e;
        }
    }

    /**
     * The stage's processing with its models loaded, for a topology of its own ({@link #create}) or one it shares
     * with the other stages ({@code run}'s). Whoever runs it closes {@link #resources()} after it stops.
     */
    public record Loaded(VisionConfig config, VisionMetrics metrics, FaceAnalyser analyser,
                         List<AutoCloseable> resources) implements AutoCloseable {
        /** Adds the stage to {@code builder}: the video topic in, the vision results out. */
        public KStream<String, VisionMessage> addTo(StreamsBuilder builder) {
            return VisionTopology.analyse(builder, config, metrics, System::currentTimeMillis, analyser);
        }

        /** Closes the models ({@link #closeAll}: every one is tried, the first failure is thrown). */
        @Override
        public void close() {
            closeAll(resources, null);
        }
    }

    /** Reads the stage's settings and loads its models; a bad setting or model file fails here. */
    public static Loaded load(Map<?, ?> properties, MeterRegistry registry) {
        VisionConfig config = new VisionConfig(properties);
        VisionMetrics metrics = new VisionMetrics();
        metrics.bindTo(registry);
        List<AutoCloseable> loaded = new ArrayList<>();
        try {
            FaceAnalyser analyser = config.detectorEnabled() ? analyser(config, metrics, loaded) : null;
            return new Loaded(config, metrics, analyser, List.copyOf(loaded));
        } catch (RuntimeException e) {
            closeAll(loaded, e);
            throw e;
        }
    }

    /**
     * Loads the configured models into a face analyser (the detector must be enabled); everything loaded, the
     * analyser last, is added to {@code loaded} for the caller to close.
     */
    static FaceAnalyser analyser(VisionConfig config, VisionMetrics metrics, List<AutoCloseable> loaded) {
        BlazeFaceDetector.Variant variant = BlazeFaceDetector.Variant.parse(config.detector());
        BlazeFaceDetector detector = remember(loaded, BlazeFaceDetector.load(variant,
                optionalPath(config.detectorModel()), config.detectorThreshold(), config.device()));
        announce(metrics, variant.modelId(), detector.provider());
        ExpressionClassifier expressions = remember(loaded, expressions(config));
        if (expressions != null) {
            announce(metrics, expressions.modelId(), expressions.provider());
        }
        FaceMeshLandmarker landmarks = null;
        if (config.landmarksEnabled()) {
            landmarks = remember(loaded, FaceMeshLandmarker.load(optionalPath(config.landmarksModel()),
                    config.device()));
            announce(metrics, landmarks.modelId(), landmarks.provider());
        }
        VisionSequenceModel sequence = null;
        if (!config.sequenceModel().isBlank()) {
            if (landmarks == null) {
                throw new ConfigException(VisionConfig.SEQUENCE_MODEL, config.sequenceModel(),
                        "the sequence model takes aligned crops, which need " + VisionConfig.LANDMARKS + "=facemesh");
            }
            sequence = remember(loaded, VisionSequenceModel.load(Path.of(config.sequenceModel()), config.device()));
            announce(metrics, sequence.modelId(), sequence.provider());
        }
        AuThresholds thresholds = config.auThresholds().isBlank() ? null
                : AuThresholds.load(Path.of(config.auThresholds()));
        return remember(loaded, new FaceAnalyser(detector, new FaceAnalyser.Models(expressions, landmarks, sequence),
                new FaceTracker(config.trackMinIou(), config.trackMaxMissedFrames()), metrics, thresholds));
    }

    /**
     * Closes everything in {@code loaded}. A failure to close is added to {@code cause} when there is one (the
     * error being reported matters more), else thrown once all are closed.
     */
    static void closeAll(List<AutoCloseable> loaded, Exception cause) {
        IllegalStateException failed = null;
        for (AutoCloseable c : loaded) {
            try {
                c.close();
            } catch (Exception e) {
                if (cause != null) {
                    cause.addSuppressed(e);
                } else if (failed == null) {
                    failed = new IllegalStateException("cannot close " + c, e);
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    private static ExpressionClassifier expressions(VisionConfig config) {
        Path file = optionalPath(config.expressionsModel());
        return switch (config.expressions()) {
            case "mini-xception" -> MiniXceptionClassifier.load(file, config.device());
            case "face-api" -> FaceApiExpressionClassifier.load(file, config.device());
            case "ensemble" -> {
                double[] w = config.expressionWeights();
                yield ExpressionEnsemble.loadShipped(config.device(), w[0], w[1]);
            }
            default -> null;
        };
    }

    private static <T extends AutoCloseable> T remember(List<AutoCloseable> loaded, T model) {
        if (model != null) {
            loaded.add(model);
        }
        return model;
    }

    private static void announce(VisionMetrics metrics, String modelId, String provider) {
        log.info("vision: {} on {}", modelId, provider);
        metrics.provider(modelId, provider);
    }

    private static Path optionalPath(String value) {
        return value == null || value.isBlank() ? null : Path.of(value);
    }

    public static void main(String[] args) throws Exception {
        StageMain.run(NAME, args, VisionApp::create);
    }
}
