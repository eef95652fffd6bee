package io.segmenta.transactions.synthetic;

import java.util.Arrays;
import java.util.Locale;

/** Whether customers keep their behaviour for the whole timeline. */
public enum Variant {
    /** Nobody changes behaviour: one truth row per customer. */
    STATIONARY,
    /**
     * A given share of customers switch to another behaviour on a random day in the middle third of the timeline, and
     * the wholesale behaviour's baskets shrink slowly (by {@value Generator#WHOLESALE_SHRINK_PERCENT} % by the end)
     * without a change of label: both the abrupt and the gradual kind of drift.
     */
    DRIFTING;

    /** The lower-case name used on the command line and in messages. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Variant parse(String text) {
        for (Variant v : values()) {
            if (v.id().equalsIgnoreCase(text.strip())) {
                return v;
            }
        }
        throw new IllegalArgumentException("variant must be one of "
                + Arrays.stream(values()).map(Variant::id).toList() + ", got '" + text + "'");
    }
}
