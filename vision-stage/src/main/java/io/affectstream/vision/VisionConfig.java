package io.affectstream.vision;

import io.affectstream.inference.ExecutionDevice;
import io.affectstream.streams.StageConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

import java.util.Map;

/** Vision stage settings: the common stage keys (see {@link StageConfig}) plus the face detector and tracker. */
public final class VisionConfig extends StageConfig {
    public static final String DEFAULT_APPLICATION_ID = "affect-vision";

    public static final String DETECTOR = "vision.detector";
    public static final String DETECTOR_MODEL = "vision.detector.model";
    public static final String DETECTOR_THRESHOLD = "vision.detector.threshold";
    public static final String DEVICE = "vision.device";
    public static final String EXPRESSIONS = "vision.expressions";
    public static final String EXPRESSIONS_MODEL = "vision.expressions.model";
    public static final String TRACK_MIN_IOU = "vision.track.min.iou";
    public static final String TRACK_MAX_MISSED = "vision.track.max.missed.frames";

    static final ConfigDef DEFINITION = StageConfig.define(DEFAULT_APPLICATION_ID)
            .define(DETECTOR, Type.STRING, "back", ConfigDef.ValidString.in("back", "front", "none"),
                    Importance.HIGH, "Face detector: back (BlazeFace 256, faces near and far), front (BlazeFace 128,"
                            + " near faces, 5x faster) or none (no face analysis).")
            .define(DETECTOR_MODEL, Type.STRING, "", Importance.LOW,
                    "Path of a detector .onnx to use instead of the shipped one (same contract).")
            .define(DETECTOR_THRESHOLD, Type.DOUBLE, 0.6, ConfigDef.Range.between(0.05, 0.99), Importance.MEDIUM,
                    "Minimum detection score.")
            .define(EXPRESSIONS, Type.STRING, "mini-xception", ConfigDef.ValidString.in("mini-xception", "none"),
                    Importance.HIGH, "Expression classifier: mini-xception (FER2013, shipped; research-only training"
                            + " data terms, see models/MANIFEST.md) or none.")
            .define(EXPRESSIONS_MODEL, Type.STRING, "", Importance.LOW,
                    "Path of an expression .onnx to use instead of the shipped one (same contract and labels).")
            .define(DEVICE, Type.STRING, "cpu", ConfigDef.ValidString.in("cpu", "cuda", "auto"), Importance.MEDIUM,
                    "ONNX Runtime device: cpu, cuda (fails when unavailable) or auto (CUDA, else CPU with a warning).")
            .define(TRACK_MIN_IOU, Type.DOUBLE, 0.3, ConfigDef.Range.between(0.01, 0.99), Importance.LOW,
                    "Smallest box overlap that continues a track.")
            .define(TRACK_MAX_MISSED, Type.INT, 10, ConfigDef.Range.between(0, 1000), Importance.LOW,
                    "Frames a face may go undetected before its track ends.");

    public VisionConfig(Map<?, ?> originals) {
        super(DEFINITION, originals);
    }

    public boolean detectorEnabled() {
        return !getString(DETECTOR).equals("none");
    }

    public String detector() {
        return getString(DETECTOR);
    }

    public String detectorModel() {
        return getString(DETECTOR_MODEL);
    }

    public double detectorThreshold() {
        return getDouble(DETECTOR_THRESHOLD);
    }

    public boolean expressionsEnabled() {
        return !getString(EXPRESSIONS).equals("none");
    }

    public String expressionsModel() {
        return getString(EXPRESSIONS_MODEL);
    }

    public ExecutionDevice device() {
        return ExecutionDevice.parse(getString(DEVICE));
    }

    public double trackMinIou() {
        return getDouble(TRACK_MIN_IOU);
    }

    public int trackMaxMissedFrames() {
        return getInt(TRACK_MAX_MISSED);
    }
}
