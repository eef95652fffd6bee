package io.segmenta.streams.state;

/**
 * Bytes in the customers, customer-history or task-clock store that {@link CustomerStateCodec},
 * {@link SegmentHistoryCodec} or {@link TaskClock} cannot read:
 * written by a newer build, or corrupt.
 * Surfaced (it fails the task) rather than silently starting the customer from scratch.
 */
public class StateFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public StateFormatException(String message) {
        super(message);
    }

    public StateFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
