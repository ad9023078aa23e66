package io.affectstream.inference;

import java.nio.file.Path;

/**
 * A model could not be loaded, or does not match its {@link ModelContract}, or the requested
 * {@link ExecutionDevice} is not available. The message always names the file and says exactly what
 * was wrong; {@link #file()} and {@link #problem()} give the two parts separately.
 */
public class ModelLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    public ModelLoadException(Path file, String problem) {
        this(file, problem, null);
    }

    public ModelLoadException(Path file, String problem, Throwable cause) {
        super("Cannot load ONNX model " + file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The model file that was being loaded. */
    public Path file() {
        return file;
    }

    /** What was wrong, without the file prefix. */
    public String problem() {
        return problem;
    }
}
