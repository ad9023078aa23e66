package io.affectstream.inference;

/**
 * ONNX Runtime failed while running a loaded model. Caller mistakes (a missing input, a wrongly shaped
 * input) are reported before ONNX Runtime is called, as {@link IllegalArgumentException}s.
 */
public class InferenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
