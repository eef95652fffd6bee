package io.segmenta.assigner.events;

import java.util.Objects;

/**
 * Result of validating one event.
 *
 * @param check   machine-readable outcome; {@link EventCheck#rejects()} tells whether to dead-letter
 * @param message human-readable detail for logs and the dead-letter record ("" when accepted as is)
 */
public record EventVerdict(EventCheck check, String message) {

    /** Shared instance so that the common case allocates nothing. */
    public static final EventVerdict ACCEPTED = new EventVerdict(EventCheck.OK, "");

    public EventVerdict {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(message, "message");
    }

    public static EventVerdict reject(EventCheck check, String message) {
        if (!check.rejects()) {
            throw new IllegalArgumentException(check + " is not a rejection");
        }
        return new EventVerdict(check, message);
    }

    public boolean accepted() {
        return !check.rejects();
    }
}
