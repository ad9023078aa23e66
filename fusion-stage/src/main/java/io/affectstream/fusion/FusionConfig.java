package io.affectstream.fusion;

import io.affectstream.streams.StageConfig;
import org.apache.kafka.common.config.ConfigDef;

import java.util.Map;

/** Fusion stage settings: the common stage keys (see {@link StageConfig}); alignment, weights and smoothing keys arrive with fusion. */
public final class FusionConfig extends StageConfig {
    public static final String DEFAULT_APPLICATION_ID = "affect-fusion";
    static final ConfigDef DEFINITION = StageConfig.define(DEFAULT_APPLICATION_ID);

    public FusionConfig(Map<?, ?> originals) {
        super(DEFINITION, originals);
    }
}
