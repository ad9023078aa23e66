package io.affectstream.report;

/**
 * A problem with a report's inputs or its output directory. The message is one line for the user, naming the
 * file (and line, for the affect file) and what is wrong with it.
 */
public class ReportException extends Exception {
    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
