package io.affectstream.cli;

/** A failure the user can act on: printed as one line, without a stack trace, with this exit code. */
public final class CliError extends RuntimeException {
    private final int exitCode;

    public CliError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliError(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
