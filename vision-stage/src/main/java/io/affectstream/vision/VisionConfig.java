package io.affectstream.vision;

import io.affectstream.streams.StageConfig;
import org.apache.kafka.common.config.ConfigDef;

import java.util.Map;

/** Vision stage settings: the common stage keys (see {@link StageConfig}); model keys arrive with the models. */
public final class VisionConfig extends StageConfig {
    public static final String DEFAULT_APPLICATION_ID = "affect-vision";
    static final ConfigDef DEFINITION = StageConfig.define(DEFAULT_APPLICATION_ID);

    public VisionConfig(Map<?, ?> originals) {
        super(DEFINITION, originals);
    }
}
