package io.affectstream.audio;

import io.affectstream.inference.ExecutionDevice;
import io.affectstream.inference.ModelLoadException;
import io.affectstream.inference.OnnxModel;
import io.affectstream.inference.ShippedModels;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The audio stage's ONNX models: one session per model per stage instance, shared by all its tasks (ONNX Runtime
 * sessions take concurrent runs; each processor brings its own input tensors).
 *
 * <p>{@link #load} opens them at once, so a wrong file or an unavailable device stops the stage at startup. The
 * processors {@link #acquire()} them when their task starts and {@link #release()} them when it closes; when the
 * last one does (the stage stops), the sessions are closed, and a later task reopens them.
 */
public final class AudioModels implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AudioModels.class);
    static final String VAD_ID = "silero-vad";
    /** Silero VAD's contract, for tools that run the model alone (the bench); the stage checks the same. */
    public static final io.affectstream.inference.ModelContract VAD_CONTRACT = SileroVad.CONTRACT;
    /** Samples of one Silero call as the stage feeds it: 64 of context + 512 new ones (32 ms at 16 kHz). */
    public static final int VAD_WINDOW_SAMPLES = SileroVad.CONTEXT_SAMPLES + SileroVad.FRAME_SAMPLES;

    private final Optional<Path> vadFile;
    private final Optional<Path> affectFile;
    private final ExecutionDevice device;
    private final AudioMetrics metrics;
    private OnnxModel vad;
    private AudioAffectModel affect;
    private int users;

    private AudioModels(Optional<Path> vadFile, Optional<Path> affectFile, ExecutionDevice device, AudioMetrics metrics) {
        this.vadFile = vadFile;
        this.affectFile = affectFile;
        this.device = device;
        this.metrics = metrics;
    }

    /**
     * Opens the configured models (the bundled Silero VAD unless {@code audio.vad.model} names another file, and
     * the CNN-GRU of {@code audio.model} if set) on {@code audio.device}.
     *
     * @throws ConfigException naming the key, the file and what is wrong with it
     */
    public static AudioModels load(AudioConfig config, AudioMetrics metrics) {
        AudioModels models = new AudioModels(config.vadModel(), config.affectModel(), config.device(), metrics);
        models.open();
        return models;
    }

    /** The models for one processor; call {@link #release()} when it closes. */
    synchronized Loaded acquire() {
        if (vad == null) {
            open();
        }
        users++;
        return new Loaded(vad, affect);
    }

    synchronized void release() {
        if (users > 0 && --users == 0) {
            closeModels();
        }
    }

    /** Whether a CNN-GRU is configured (then it, not prosody, gives arousal and valence). */
    public boolean hasAffectModel() {
        return affectFile.isPresent();
    }

    @Override
    public synchronized void close() {
        users = 0;
        closeModels();
    }

    record Loaded(OnnxModel vad, AudioAffectModel affect) {
    }

    // A model file or device that cannot work is a configuration error: the message names the key to fix.
    private void open() {
        OnnxModel v;
        try {
            v = vadFile.map(f -> OnnxModel.load(f, SileroVad.CONTRACT, device)).orElseGet(this::loadBundledVad);
        } catch (ModelLoadException e) {
            throw new ConfigException(AudioConfig.VAD_MODEL + " / " + AudioConfig.DEVICE + ": " + e.getMessage());
        }
        metrics.modelLoaded(VAD_ID, v.provider());
        AudioAffectModel a = null;
        if (affectFile.isPresent()) {
            try {
                a = AudioAffectModel.load(affectFile.get(), device);
            } catch (ModelLoadException e) {
                v.close();
                throw new ConfigException(AudioConfig.MODEL + ": " + e.getMessage());
            } catch (RuntimeException e) {
                v.close();
                throw e;
            }
            metrics.modelLoaded(AudioAffectModel.ID, a.onnx().provider());
            log.info("Audio affect model {}: {} layer(s) x {} hidden, expressions {}, AUs {}", affectFile.get(),
                    a.layers(), a.hiddenSize(), a.expressions(), a.actionUnits());
        }
        vad = v;
        affect = a;
    }

    private OnnxModel loadBundledVad() {
        String resource = "/" + AudioConfig.BUNDLED_VAD_RESOURCE;
        try {
            return ShippedModels.load(resource, file -> OnnxModel.load(file, SileroVad.CONTRACT, device));
        } catch (IllegalStateException e) {
            throw new ConfigException(AudioConfig.VAD_MODEL, "", "the bundled Silero VAD (" + resource
                    + ") is not on the classpath; set " + AudioConfig.VAD_MODEL + " to the file");
        }
    }

    private void closeModels() {
        if (vad != null) {
            vad.close();
            vad = null;
        }
        if (affect != null) {
            affect.onnx().close();
            affect = null;
        }
    }
}
