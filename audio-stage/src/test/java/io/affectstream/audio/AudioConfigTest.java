package io.affectstream.audio;

import io.affectstream.inference.ExecutionDevice;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AudioConfigTest {
    private static AudioConfig config(Object... keyValues) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", "x:9092");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new AudioConfig(props);
    }

    @Test
    void theDefaultsAreTheBundledVadOnTheCpuAndNoModel() {
        AudioConfig c = config();
        assertEquals(Optional.empty(), c.vadModel());
        assertEquals(Optional.empty(), c.affectModel());
        assertEquals(0.5, c.vadThreshold());
        assertEquals(ExecutionDevice.CPU, c.device());
        assertEquals("affect-audio", c.applicationId());
    }

    @Test
    void keysComeAsStringsFromAPropertiesFile() {
        AudioConfig c = config(AudioConfig.VAD_THRESHOLD, "0.3", AudioConfig.DEVICE, "AUTO",
                AudioConfig.MODEL, " /models/audio.onnx ", AudioConfig.VAD_MODEL, "/m/vad.onnx");
        assertEquals(0.3, c.vadThreshold());
        assertEquals(ExecutionDevice.AUTO, c.device());
        assertEquals(Optional.of(Path.of("/models/audio.onnx")), c.affectModel());
        assertEquals(Optional.of(Path.of("/m/vad.onnx")), c.vadModel());
    }

    @Test
    void anUnknownDeviceIsRefusedNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> config(AudioConfig.DEVICE, "tpu"));
        assertTrue(e.getMessage().contains(AudioConfig.DEVICE) && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("cpu"), e.getMessage());
    }

    @Test
    void aThresholdOutsideZeroToOneIsRefused() {
        assertThrows(ConfigException.class, () -> config(AudioConfig.VAD_THRESHOLD, "1.5"));
    }

    @Test
    void aMissingVadFileStopsTheStageAtStartupNamingTheKeyAndTheFile() {
        AudioMetrics metrics = new AudioMetrics();
        metrics.bindTo(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        ConfigException e = assertThrows(ConfigException.class,
                () -> AudioModels.load(config(AudioConfig.VAD_MODEL, "/nowhere/vad.onnx"), metrics));
        assertTrue(e.getMessage().contains(AudioConfig.VAD_MODEL) && e.getMessage().contains("/nowhere/vad.onnx")
                && e.getMessage().contains("does not exist"), e.getMessage());
    }
}
