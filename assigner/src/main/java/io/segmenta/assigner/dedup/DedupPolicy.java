package io.segmenta.assigner.dedup;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How the assigner and the trainer de-duplicate a customer's events by event id, so that both drop the same
 * replays and fold the same events: remember at most {@code capacity} ids, and only those within {@code window} of
 * the customer's latest event time (event time, not wall time, so that a replay forgets exactly what the first run
 * forgot). An event older than that is folded again: the window bounds the state, not the guarantee.
 *
 * @param capacity event ids remembered per customer, 1..{@value #MAX_CAPACITY} (they are stored with every customer)
 * @param window   event-time span of remembered ids before the customer's latest event
 */
public record DedupPolicy(int capacity, Duration window) implements Serializable {

    public static final int DEFAULT_CAPACITY = 64;
    public static final int MAX_CAPACITY = 4096;
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    public static final DedupPolicy DEFAULTS = new DedupPolicy(DEFAULT_CAPACITY, DEFAULT_WINDOW);

    public DedupPolicy {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("dedup capacity must be 1.." + MAX_CAPACITY + ", was " + capacity);
        }
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("dedup window must be positive, was " + window);
        }
    }

    /** An empty ring of this capacity, for a customer seen for the first time. */
    public RecentEvents newRecentEvents() {
        return new RecentEvents(capacity);
    }

    /**
     * Decides on one event before it is folded: a remembered id is a duplicate (nothing changes); any other id is
     * remembered, and ids older than the window before the customer's latest event time (this event's included)
     * are forgotten.
     *
     * @param latestEventMillis the customer's latest event time before this event (its profile's), or
     *                          {@code Long.MIN_VALUE} for a new customer
     * @return true when the event is new and must be folded, false for a duplicate
     */
    public boolean admit(RecentEvents recent, String eventId, long eventMillis, long latestEventMillis) {
        long hash = EventIdHash.of(eventId);
        if (recent.contains(hash)) {
            return false;
        }
        recent.add(hash, eventMillis);
        recent.forgetBefore(Math.max(latestEventMillis, eventMillis) - window.toMillis());
        return true;
    }
}
