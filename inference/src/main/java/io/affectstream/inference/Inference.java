package io.affectstream.inference;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Process-wide ONNX Runtime state: the single {@code OrtEnvironment} of this JVM, the version of the
 * bundled runtime, and which execution providers the build contains.
 *
 * <p>Threading is configured per model ({@link OnnxModel#load(java.nio.file.Path, ModelContract,
 * ExecutionDevice, int)}); the default is {@link #DEFAULT_INTRA_OP_THREADS}.
 */
public final class Inference {
    /**
     * One intra-op thread per model by default: several stages run models in parallel on small
     * (2-core) machines, and ONNX Runtime's default of one thread per core per session would
     * oversubscribe the CPU and make every stage slower.
     */
    public static final int DEFAULT_INTRA_OP_THREADS = 1;

    /** ONNX Runtime's name for the CPU execution provider. */
    public static final String CPU_PROVIDER = OrtProvider.CPU.getName();
    /** ONNX Runtime's name for the CUDA execution provider. */
    public static final String CUDA_PROVIDER = OrtProvider.CUDA.getName();

    private Inference() {
    }

    // Lazy holder: the native library is loaded on first use, not when this class is merely referenced.
    private static final class Holder {
        static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    }

    /** The JVM's one environment; ONNX Runtime allows only one and sessions must share it. */
    static OrtEnvironment environment() {
        return Holder.ENV;
    }

    /** Version of the bundled ONNX Runtime, e.g. {@code 1.23.2}. */
    public static String ortVersion() {
        return environment().getVersion();
    }

    /**
     * Execution providers compiled into this ONNX Runtime build, by ONNX Runtime name
     * (e.g. {@code CPUExecutionProvider}). Being listed does not mean the hardware is present.
     */
    public static Set<String> availableProviders() {
        Set<String> names = new TreeSet<>();
        for (OrtProvider p : OrtEnvironment.getAvailableProviders()) {
            names.add(p.getName());
        }
        return Collections.unmodifiableSet(names);
    }

    /** Whether this build contains the CUDA execution provider (a GPU may still be missing). */
    public static boolean cudaInBuild() {
        return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    }
}
