package io.segmenta.assigner.dedup;

/** Bytes that {@link RecentEventsCodec} cannot read as a ring of recent events. */
public class RecentEventsFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public RecentEventsFormatException(String message) {
        super(message);
    }
}
