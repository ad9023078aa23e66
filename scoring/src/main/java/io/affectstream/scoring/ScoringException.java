package io.affectstream.scoring;

/** Unusable scoring input (a missing, empty or malformed file, or inputs that do not overlap); the message names it. */
public final class ScoringException extends RuntimeException {
    public ScoringException(String message) {
        super(message);
    }

    public ScoringException(String message, Throwable cause) {
        super(message, cause);
    }
}
