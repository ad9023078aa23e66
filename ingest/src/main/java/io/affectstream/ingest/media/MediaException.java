package io.affectstream.ingest.media;

/**
 * A problem with the input itself (missing, unreadable, not media, no usable stream). Its message is one line
 * meant for the user, naming the input and the reason; no stack trace is needed to understand it.
 */
public class MediaException extends Exception {
    public MediaException(String message) {
        super(message);
    }

    public MediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
