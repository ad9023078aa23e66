package io.affectstream.cli;

/** A failure the user can act on: printed as one line, without a stack trace, with this exit code. */
final class CliError extends RuntimeException {
    private final int exitCode;

    CliError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    CliError(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
