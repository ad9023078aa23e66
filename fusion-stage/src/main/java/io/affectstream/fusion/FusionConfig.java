package io.affectstream.fusion;

import io.affectstream.streams.StageConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

import java.util.Map;

/**
 * Fusion stage settings: the common stage keys (see {@link StageConfig}) plus alignment, fusion weights and
 * smoothing. The default weights are priors, not measurements: replace them with your own validation CCCs.
 */
public final class FusionConfig extends StageConfig {
    public static final String DEFAULT_APPLICATION_ID = "affect-fusion";

    public static final String AUDIO_MAX_WAIT_MS = "fusion.audio.max.wait.ms";
    public static final String PUNCTUATE_MS = "fusion.punctuate.ms";
    public static final String SMOOTHING_WINDOW = "fusion.smoothing.window";
    public static final String SMOOTHING_MODE = "fusion.smoothing.mode";
    public static final String AUDIO_ATTRIBUTION = "fusion.audio.attribution";
    public static final String SPEECH_THRESHOLD = "fusion.speech.threshold";
    public static final String CCC_VALENCE_VISION = "fusion.ccc.valence.vision";
    public static final String CCC_VALENCE_AUDIO = "fusion.ccc.valence.audio";
    public static final String CCC_AROUSAL_VISION = "fusion.ccc.arousal.vision";
    public static final String CCC_AROUSAL_AUDIO = "fusion.ccc.arousal.audio";

    /** Whom stream-level audio is fused into when a frame holds several faces. */
    public enum Attribution {
        /** The largest face: without active-speaker detection, the most likely speaker in a frame. */
        LARGEST,
        /** Every face in the frame. */
        ALL,
        /** No face: audio is reported at stream level only. */
        NONE
    }

    static final ConfigDef DEFINITION = StageConfig.define(DEFAULT_APPLICATION_ID)
            .define(AUDIO_MAX_WAIT_MS, Type.LONG, 500L, ConfigDef.Range.between(0, 60_000), Importance.MEDIUM,
                    "Longest a frame waits for the audio covering its time before it goes out with audio 'missing'.")
            .define(PUNCTUATE_MS, Type.LONG, 100L, ConfigDef.Range.between(1, 1_000), Importance.LOW,
                    "How often waiting frames are checked against the wait bound, ms of wall clock (a frame waits at"
                            + " most the wait bound plus this; much shorter intervals slow the stage down).")
            .define(SMOOTHING_WINDOW, Type.INT, 5, ConfigDef.Range.between(1, 301), Importance.MEDIUM,
                    "Median window in frames (1 disables smoothing; odd values for centred mode).")
            .define(SMOOTHING_MODE, Type.STRING, "causal", ConfigDef.ValidString.in("causal", "centred"),
                    Importance.MEDIUM, "causal: past frames only (live); centred: past and future frames (offline, adds latency).")
            .define(AUDIO_ATTRIBUTION, Type.STRING, "largest", ConfigDef.ValidString.in("largest", "all", "none"),
                    Importance.MEDIUM, "Which faces stream-level audio is fused into: largest, all, or none.")
            .define(SPEECH_THRESHOLD, Type.DOUBLE, 0.5, ConfigDef.Range.between(0, 1), Importance.MEDIUM,
                    "Audio below this speech probability gets fusion weight 0.")
            .define(CCC_VALENCE_VISION, Type.DOUBLE, 0.57, ConfigDef.Range.between(0, 1), Importance.MEDIUM,
                    "Validation CCC of the face valence estimate (default: AffWildNet's published valence CCC).")
            .define(CCC_VALENCE_AUDIO, Type.DOUBLE, 0.20, ConfigDef.Range.between(0, 1), Importance.MEDIUM,
                    "Validation CCC of the audio valence estimate (default: a prior, faces beat audio on valence).")
            .define(CCC_AROUSAL_VISION, Type.DOUBLE, 0.43, ConfigDef.Range.between(0, 1), Importance.MEDIUM,
                    "Validation CCC of the face arousal estimate (default: AffWildNet's published arousal CCC).")
            .define(CCC_AROUSAL_AUDIO, Type.DOUBLE, 0.50, ConfigDef.Range.between(0, 1), Importance.MEDIUM,
                    "Validation CCC of the audio arousal estimate (default: a prior, audio beats faces on arousal).");

    public FusionConfig(Map<?, ?> originals) {
        super(DEFINITION, originals);
        if (centred() && smoothingWindow() % 2 == 0) {
            throw new ConfigException(SMOOTHING_WINDOW, smoothingWindow(), "centred smoothing needs an odd window");
        }
    }

    public long audioMaxWaitMs() {
        return getLong(AUDIO_MAX_WAIT_MS);
    }

    public long punctuateMs() {
        return getLong(PUNCTUATE_MS);
    }

    public int smoothingWindow() {
        return getInt(SMOOTHING_WINDOW);
    }

    public boolean centred() {
        return getString(SMOOTHING_MODE).equals("centred");
    }

    public Attribution attribution() {
        return Attribution.valueOf(getString(AUDIO_ATTRIBUTION).toUpperCase(java.util.Locale.ROOT));
    }

    public double speechThreshold() {
        return getDouble(SPEECH_THRESHOLD);
    }

    public CccWeights weights() {
        return new CccWeights(getDouble(CCC_VALENCE_VISION), getDouble(CCC_VALENCE_AUDIO),
                getDouble(CCC_AROUSAL_VISION), getDouble(CCC_AROUSAL_AUDIO));
    }
}
