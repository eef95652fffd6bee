package io.segmenta.app.produce;

/** The broker did not accept an event (after the producer's own retries); the send stops at the first failure. */
public final class SendFailedException extends RuntimeException {

    public SendFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
