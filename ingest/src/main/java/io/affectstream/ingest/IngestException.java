package io.affectstream.ingest;

/** Ingest could not publish (Kafka refused records); the stream is incomplete downstream. */
public class IngestException extends RuntimeException {
    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }
}
