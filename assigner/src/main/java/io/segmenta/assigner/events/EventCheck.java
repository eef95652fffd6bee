package io.segmenta.assigner.events;

/**
 * Machine-readable outcome of {@link EventValidator}: stable names, safe to use as a dead-letter header or a
 * metric tag. Codes that {@link #rejects() reject} the event send it to the dead-letter topic.
 */
public enum EventCheck {
    /** Accepted as is. */
    OK(false),
    /** Accepted, but an implausible customer attribute (age, income) is ignored; the message names it. */
    ATTRIBUTE_DROPPED(false),
    /** Accepted with type UNKNOWN: it only counts as activity (recency, tenure), nothing else is read from it. */
    ACTIVITY_ONLY(false),

    MISSING_CUSTOMER_ID(true),
    MISSING_EVENT_TIME(true),
    FUTURE_EVENT_TIME(true),
    IMPLAUSIBLY_OLD_EVENT_TIME(true),
    NON_FINITE_AMOUNT(true),
    NON_FINITE_INCOME(true),
    MISSING_AMOUNT(true),
    NEGATIVE_AMOUNT(true),
    AMOUNT_TOO_LARGE(true),
    NEGATIVE_QUANTITY(true);

    private final boolean rejects;

    EventCheck(boolean rejects) {
        this.rejects = rejects;
    }

    /** True when an event with this outcome must not be folded into a profile. */
    public boolean rejects() {
        return rejects;
    }
}
