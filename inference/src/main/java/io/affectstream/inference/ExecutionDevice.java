package io.affectstream.inference;

import java.util.Locale;

/**
 * Where a model should run.
 *
 * <ul>
 *   <li>{@link #CPU}: the CPU execution provider only.</li>
 *   <li>{@link #CUDA}: the CUDA execution provider; loading fails with a {@link ModelLoadException}
 *       if this ONNX Runtime build or this machine cannot provide it. Never silently degrades.</li>
 *   <li>{@link #AUTO}: CUDA when it works, otherwise CPU with a WARN log line.</li>
 * </ul>
 *
 * <p>The provider that actually ended up running a model is reported by {@link OnnxModel#provider()}.
 */
public enum ExecutionDevice {
    CPU,
    CUDA,
    AUTO;

    /**
     * Parses a configuration value: {@code cpu}, {@code cuda} or {@code auto}, case-insensitively,
     * surrounding whitespace ignored.
     *
     * @param value the configured text
     * @return the matching device
     * @throws IllegalArgumentException naming the bad value and the accepted ones
     */
    public static ExecutionDevice parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("Execution device is missing; expected one of cpu, cuda, auto");
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "cpu" -> CPU;
            case "cuda" -> CUDA;
            case "auto" -> AUTO;
            default -> throw new IllegalArgumentException(
                    "Unknown execution device '" + value + "'; expected one of cpu, cuda, auto");
        };
    }

    /** The lower-case configuration spelling, the inverse of {@link #parse(String)}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
