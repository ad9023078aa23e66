package io.affectstream.audio;

import io.affectstream.inference.ExecutionDevice;
import io.affectstream.streams.StageConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Audio stage settings: the common stage keys (see {@link StageConfig}) plus the models. The defaults just work:
 * the bundled Silero VAD on the CPU and the prosodic arousal estimate; a trained CNN-GRU is optional.
 */
public final class AudioConfig extends StageConfig {
    public static final String DEFAULT_APPLICATION_ID = "affect-audio";

    public static final String VAD_MODEL = "audio.vad.model";
    public static final String VAD_THRESHOLD = "audio.vad.threshold";
    public static final String MODEL = "audio.model";
    public static final String DEVICE = "audio.device";

    /** Where the bundled Silero VAD sits inside the jar (and under the repository's top-level models/ folder). */
    public static final String BUNDLED_VAD_RESOURCE = "models/silero-vad/silero_vad_v5.onnx";

    static final ConfigDef DEFINITION = StageConfig.define(DEFAULT_APPLICATION_ID)
            .define(VAD_MODEL, Type.STRING, "", Importance.MEDIUM,
                    "Silero VAD v5 ONNX file; empty: the bundled " + BUNDLED_VAD_RESOURCE + " (from the jar).")
            .define(VAD_THRESHOLD, Type.DOUBLE, 0.5, ConfigDef.Range.between(0, 1), Importance.MEDIUM,
                    "Speech probability from which a chunk counts as speech: arousal is estimated, and speech seconds"
                            + " counted, only from there.")
            .define(MODEL, Type.STRING, "", Importance.MEDIUM,
                    "Audio CNN-GRU ONNX file (contract in docs/audio.md) giving valence and arousal; empty: none, arousal"
                            + " is the prosodic estimate (source 'derived') and valence stays absent.")
            .define(DEVICE, Type.STRING, "cpu", ConfigDef.CaseInsensitiveValidString.in("cpu", "cuda", "auto"),
                    Importance.MEDIUM, "Where the audio models run: cpu, cuda or auto (CUDA when it works, else CPU).");

    public AudioConfig(Map<?, ?> originals) {
        super(DEFINITION, originals);
    }

    /** The configured VAD file, or empty for the bundled one. */
    public Optional<Path> vadModel() {
        return path(VAD_MODEL);
    }

    public double vadThreshold() {
        return getDouble(VAD_THRESHOLD);
    }

    /** The configured CNN-GRU file, or empty when none is configured. */
    public Optional<Path> affectModel() {
        return path(MODEL);
    }

    public ExecutionDevice device() {
        return ExecutionDevice.parse(getString(DEVICE));
    }

    private Optional<Path> path(String key) {
        String value = getString(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.trim()));
    }
}
