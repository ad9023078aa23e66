package io.affectstream.vision;

import io.affectstream.inference.ExecutionDevice;
import io.affectstream.streams.StageConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Vision stage settings: the common stage keys (see {@link StageConfig}) plus the face models and the tracker. */
public final class VisionConfig extends StageConfig {
    public static final String DEFAULT_APPLICATION_ID = "affect-vision";

    public static final String DETECTOR = "vision.detector";
    public static final String DETECTOR_MODEL = "vision.detector.model";
    public static final String DETECTOR_THRESHOLD = "vision.detector.threshold";
    public static final String DEVICE = "vision.device";
    public static final String EXPRESSIONS = "vision.expressions";
    public static final String EXPRESSIONS_MODEL = "vision.expressions.model";
    public static final String EXPRESSIONS_WEIGHTS = "vision.expressions.weights";
    public static final String LANDMARKS = "vision.landmarks";
    public static final String LANDMARKS_MODEL = "vision.landmarks.model";
    public static final String SEQUENCE_MODEL = "vision.sequence.model";
    public static final String AU_THRESHOLDS = "vision.au.thresholds";
    public static final String BATCH_MAX_FRAMES = "vision.batch.max.frames";
    public static final String BATCH_MAX_WAIT_MS = "vision.batch.max.wait.ms";
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
            .define(EXPRESSIONS, Type.STRING, "ensemble",
                    ConfigDef.ValidString.in("ensemble", "mini-xception", "face-api", "none"), Importance.HIGH,
                    "Expression classifier: ensemble (the weighted average of both shipped models), mini-xception"
                            + " (FER2013; research-only training data terms, see models/MANIFEST.md), face-api, or none.")
            .define(EXPRESSIONS_MODEL, Type.STRING, "", Importance.LOW,
                    "Path of an expression .onnx to use instead of the shipped one when vision.expressions names one"
                            + " model (same contract and labels).")
            .define(EXPRESSIONS_WEIGHTS, Type.LIST, "1,1", Importance.LOW,
                    "Ensemble weights of mini-xception and face-api, in that order (normalised to sum to 1).")
            .define(LANDMARKS, Type.STRING, "facemesh", ConfigDef.ValidString.in("facemesh", "none"),
                    Importance.MEDIUM, "Landmark model for geometric AUs, head pose and aligned crops: facemesh"
                            + " (MediaPipe FaceMesh, shipped) or none.")
            .define(LANDMARKS_MODEL, Type.STRING, "", Importance.LOW,
                    "Path of a FaceMesh .onnx to use instead of the shipped one (same contract).")
            .define(SEQUENCE_MODEL, Type.STRING, "", Importance.MEDIUM,
                    "Path of a trained visual CNN-GRU .onnx (crops [N,3,96,96] + h0 in; valence_arousal,"
                            + " expression_logits, optional au_logits, hN out; see docs/vision.md). Empty: none, and"
                            + " valence/arousal are derived from the expressions. Needs vision.landmarks.")
            .define(AU_THRESHOLDS, Type.STRING, "", Importance.LOW,
                    "Path of a per-AU thresholds file (affect score --select-thresholds): each AU then carries its"
                            + " threshold and present = activation >= threshold. Empty: no thresholds, no present flags.")
            .define(DEVICE, Type.STRING, "cpu", ConfigDef.ValidString.in("cpu", "cuda", "auto"), Importance.MEDIUM,
                    "ONNX Runtime device: cpu, cuda (fails when unavailable) or auto (CUDA, else CPU with a warning).")
            .define(BATCH_MAX_FRAMES, Type.INT, 1, ConfigDef.Range.between(1, 256), Importance.MEDIUM,
                    "Frames whose faces go through the face models together (a micro-batch across frames). 1: each"
                            + " frame on its own, the lowest latency; more pays off on a GPU. Held frames are kept in"
                            + " a changelogged store.")
            .define(BATCH_MAX_WAIT_MS, Type.LONG, 40L, ConfigDef.Range.between(0, 10_000), Importance.MEDIUM,
                    "Longest a held frame waits for its micro-batch to fill, wall clock (checked every half of it,"
                            + " at most every 50 ms). Only with vision.batch.max.frames above 1.")
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

    public String expressions() {
        return getString(EXPRESSIONS);
    }

    /** The ensemble's weights, {mini-xception, face-api}. */
    public double[] expressionWeights() {
        List<String> list = getList(EXPRESSIONS_WEIGHTS);
        if (list.size() != 2) {
            throw new ConfigException(EXPRESSIONS_WEIGHTS, list, "needs two weights: mini-xception, face-api");
        }
        double[] w = new double[2];
        for (int i = 0; i < 2; i++) {
            try {
                w[i] = Double.parseDouble(list.get(i).trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(EXPRESSIONS_WEIGHTS, list, "'" + list.get(i) + "' is not a number");
            }
            if (!(w[i] > 0) || !Double.isFinite(w[i])) {
                throw new ConfigException(EXPRESSIONS_WEIGHTS, list, "weights must be positive finite numbers"
                        + " (to use one model alone, set " + EXPRESSIONS + " to its name)");
            }
        }
        return w;
    }

    public boolean landmarksEnabled() {
        return !getString(LANDMARKS).equals("none");
    }

    public String landmarksModel() {
        return getString(LANDMARKS_MODEL);
    }

    public String sequenceModel() {
        return getString(SEQUENCE_MODEL);
    }

    public String auThresholds() {
        return getString(AU_THRESHOLDS);
    }

    public ExecutionDevice device() {
        return ExecutionDevice.parse(getString(DEVICE));
    }

    /**
     * As {@link StageConfig#streamsProperties()}; when batching across frames, the consumer's idle poll is kept
     * shorter than the check of the held frames' wait (unless set), since punctuation only runs between polls.
     */
    @Override
    public Properties streamsProperties() {
        Properties props = super.streamsProperties();
        if (batchMaxFrames() > 1) {
            props.putIfAbsent(StreamsConfig.POLL_MS_CONFIG, VisionTopology.Batching.checkEveryMs(batchMaxWaitMs()));
        }
        return props;
    }

    public int batchMaxFrames() {
        return getInt(BATCH_MAX_FRAMES);
    }

    public long batchMaxWaitMs() {
        return getLong(BATCH_MAX_WAIT_MS);
    }

    public double trackMinIou() {
        return getDouble(TRACK_MIN_IOU);
    }

    public int trackMaxMissedFrames() {
        return getInt(TRACK_MAX_MISSED);
    }
}
