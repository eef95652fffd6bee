package io.segmenta.assigner.events;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits that an incoming event must respect; see {@link EventValidator} for how each one is applied.
 *
 * @param maxAmount       largest plausible {@code amount} of one event, in major currency units; larger is rejected
 * @param futureTolerance how far after "now" an event time may lie (clock skew between producers) before the
 *                        event is rejected as coming from the future
 * @param minAge          smallest plausible age in years; outside [minAge, maxAge] the age is dropped
 * @param maxAge          largest plausible age in years
 */
public record EventRules(double maxAmount, Duration futureTolerance, int minAge, int maxAge)
        implements java.io.Serializable {

    /** Amounts above ten million are typos or test data in every retail data set we know of. */
    public static final double DEFAULT_MAX_AMOUNT = 1e7;
    public static final Duration DEFAULT_FUTURE_TOLERANCE = Duration.ofDays(1);
    public static final int DEFAULT_MIN_AGE = 0;
    public static final int DEFAULT_MAX_AGE = 120;

    public static final EventRules DEFAULTS =
            new EventRules(DEFAULT_MAX_AMOUNT, DEFAULT_FUTURE_TOLERANCE, DEFAULT_MIN_AGE, DEFAULT_MAX_AGE);

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
    }

    public EventRules withMaxAmount(double max) {
        return new EventRules(max, futureTolerance, minAge, maxAge);
    }

    public EventRules withFutureTolerance(Duration tolerance) {
        return new EventRules(maxAmount, tolerance, minAge, maxAge);
    }

    public EventRules withAgeRange(int min, int max) {
        return new EventRules(maxAmount, futureTolerance, min, max);
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
