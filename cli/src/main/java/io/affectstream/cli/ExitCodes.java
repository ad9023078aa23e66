package io.affectstream.cli;

/** Exit codes of every subcommand. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The input could not be used, or nothing could be decoded from it. */
    public static final int BAD_INPUT = 1;
    /** Wrong options or configuration. */
    public static final int USAGE = 2;
    /** Kafka or a stage failed. */
    public static final int PIPELINE_FAILED = 3;
    /** Stopped before the end (signal or timeout). */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
