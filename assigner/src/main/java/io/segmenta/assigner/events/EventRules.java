package io.segmenta.assigner.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Limits that an incoming event must respect; see {@link EventValidator} for how each one is applied.
 *
 * @param maxAmount       largest plausible {@code amount} of one event, in major currency units; larger is rejected
 * @param futureTolerance how far after "now" an event time may lie (clock skew between producers) before the
 *                        event is rejected as coming from the future
 * @param minAge          smallest plausible age in years; outside [minAge, maxAge] the age is dropped
 * @param maxAge          largest plausible age in years
 * @param earliestEventTime an event time before this is rejected as implausibly old (a default or a unit error in
 *                        the producer, such as 1870 or the epoch): folded, it would make the customer's tenure a
 *                        century and pin the decay reference
 */
public record EventRules(double maxAmount, Duration futureTolerance, int minAge, int maxAge,
                         Instant earliestEventTime) implements java.io.Serializable {

    /** Amounts above ten million are typos or test data in every retail data set we know of. */
    public static final double DEFAULT_MAX_AMOUNT = 1e7;
    public static final Duration DEFAULT_FUTURE_TOLERANCE = Duration.ofDays(1);
    public static final int DEFAULT_MIN_AGE = 0;
    public static final int DEFAULT_MAX_AGE = 120;
    /** Older than any customer data set we know of (CDNow starts in 1997, Online Retail in 2010), after the epoch. */
    public static final Instant DEFAULT_EARLIEST_EVENT_TIME = Instant.parse("1990-01-01T00:00:00Z");

    public static final EventRules DEFAULTS = new EventRules(DEFAULT_MAX_AMOUNT, DEFAULT_FUTURE_TOLERANCE,
            DEFAULT_MIN_AGE, DEFAULT_MAX_AGE, DEFAULT_EARLIEST_EVENT_TIME);

    public EventRules {
        if (!(maxAmount > 0) || Double.isInfinite(maxAmount)) {
            throw new IllegalArgumentException("maxAmount must be positive and finite, was " + maxAmount);
        }
        Objects.requireNonNull(futureTolerance, "futureTolerance");
        if (futureTolerance.isNegative()) {
            throw new IllegalArgumentException("futureTolerance must not be negative, was " + futureTolerance);
        }
        if (minAge < 0 || maxAge < minAge) {
            throw new IllegalArgumentException("need 0 <= minAge <= maxAge, was " + minAge + ".." + maxAge);
        }
        Objects.requireNonNull(earliestEventTime, "earliestEventTime");
    }

    public EventRules withMaxAmount(double max) {
        return new EventRules(max, futureTolerance, minAge, maxAge, earliestEventTime);
    }

    public EventRules withFutureTolerance(Duration tolerance) {
        return new EventRules(maxAmount, tolerance, minAge, maxAge, earliestEventTime);
    }

    public EventRules withAgeRange(int min, int max) {
        return new EventRules(maxAmount, futureTolerance, min, max, earliestEventTime);
    }

    public EventRules withEarliestEventTime(Instant earliest) {
        return new EventRules(maxAmount, futureTolerance, minAge, maxAge, earliest);
    }

    /** Whether an age is kept in the profile; an implausible one is dropped, not the whole event. */
    public boolean isPlausibleAge(int age) {
        return age >= minAge && age <= maxAge;
    }

    /** Whether an income is kept in the profile: finite and not negative. */
    public boolean isPlausibleIncome(double income) {
        return income >= 0 && income < Double.POSITIVE_INFINITY;
    }
}
