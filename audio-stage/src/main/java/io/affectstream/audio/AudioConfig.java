package io.affectstream.audio;

import io.affectstream.streams.StageConfig;
import org.apache.kafka.common.config.ConfigDef;

import java.util.Map;

/** Audio stage settings: the common stage keys (see {@link StageConfig}); model keys arrive with the models. */
public final class AudioConfig extends StageConfig {
    public static final String DEFAULT_APPLICATION_ID = "affect-audio";
    static final ConfigDef DEFINITION = StageConfig.define(DEFAULT_APPLICATION_ID);

    public AudioConfig(Map<?, ?> originals) {
        super(DEFINITION, originals);
    }
}
