package io.segmenta.app.demo.data;

import java.time.Duration;
import java.time.Instant;

/**
 * What to generate. Use {@link #defaults()} and the {@code with...} methods.
 *
 * @param customers          number of customers
 * @param days               days of history
 * @param start              first instant of the timeline; null = end the timeline {@link #DEFAULT_END_MARGIN}
 *                           before "now" (so that no event lies in the future, which the validators reject) —
 *                           resolved once when the population is generated. Pass a fixed start for reproducible
 *                           events: the events are a function of (options with a start, seed) only
 * @param seed               seeds everything
 * @param drift              whether the scheduled drift happens (a shift, a birth and a death; see
 *                           {@link SyntheticPopulation#schedule()})
 * @param driftAt            where on the timeline the drift happens, as a fraction in (0, 1)
 * @param outOfOrderFraction share of events emitted late (their event time earlier than the event before them)
 * @param maxLateness        how much earlier than the stream's time such a late event can be
 */
public record SyntheticOptions(int customers, int days, Instant start, long seed, boolean drift, double driftAt,
                               double outOfOrderFraction, Duration maxLateness) {

    public static final int DEFAULT_CUSTOMERS = 5_000;
    public static final int DEFAULT_DAYS = 180;
    public static final long DEFAULT_SEED = 42L;
    public static final double DEFAULT_DRIFT_AT = 0.5;
    public static final double DEFAULT_OUT_OF_ORDER_FRACTION = 0.02;
    public static final Duration DEFAULT_MAX_LATENESS = Duration.ofMinutes(5);
    /** The default timeline ends this long before the wall clock. */
    public static final Duration DEFAULT_END_MARGIN = Duration.ofMinutes(10);

    public SyntheticOptions {
        if (customers < 1) {
            throw new IllegalArgumentException("customers must be at least 1, was " + customers);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, was " + days);
        }
        if (!(driftAt > 0 && driftAt < 1)) {
            throw new IllegalArgumentException("driftAt must be in (0, 1), was " + driftAt);
        }
        if (!(outOfOrderFraction >= 0 && outOfOrderFraction <= 1)) {
            throw new IllegalArgumentException("outOfOrderFraction must be in [0, 1], was " + outOfOrderFraction);
        }
        if (maxLateness == null || maxLateness.isNegative() || maxLateness.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("maxLateness must be between 0 and 1 hour, was " + maxLateness);
        }
    }

    /**
     * 5,000 customers (about 1.9 million events), 180 days ending 10 minutes ago, seed 42, drift at half-time, 2% of
     * events up to 5 minutes late.
     */
    public static SyntheticOptions defaults() {
        return new SyntheticOptions(DEFAULT_CUSTOMERS, DEFAULT_DAYS, null, DEFAULT_SEED, true, DEFAULT_DRIFT_AT,
                DEFAULT_OUT_OF_ORDER_FRACTION, DEFAULT_MAX_LATENESS);
    }

    public SyntheticOptions withCustomers(int n) {
        return new SyntheticOptions(n, days, start, seed, drift, driftAt, outOfOrderFraction, maxLateness);
    }

    public SyntheticOptions withDays(int n) {
        return new SyntheticOptions(customers, n, start, seed, drift, driftAt, outOfOrderFraction, maxLateness);
    }

    public SyntheticOptions withStart(Instant newStart) {
        return new SyntheticOptions(customers, days, newStart, seed, drift, driftAt, outOfOrderFraction, maxLateness);
    }

    /** The start that makes the timeline end at {@code end}. */
    public SyntheticOptions withEnd(Instant end) {
        return withStart(end.minus(Duration.ofDays(days)));
    }

    public SyntheticOptions withSeed(long newSeed) {
        return new SyntheticOptions(customers, days, start, newSeed, drift, driftAt, outOfOrderFraction, maxLateness);
    }

    public SyntheticOptions withDrift(boolean on) {
        return new SyntheticOptions(customers, days, start, seed, on, driftAt, outOfOrderFraction, maxLateness);
    }

    public SyntheticOptions withDriftAt(double fraction) {
        return new SyntheticOptions(customers, days, start, seed, drift, fraction, outOfOrderFraction, maxLateness);
    }

    /** Late events: {@code fraction} of them, each up to {@code lateness} before the stream's time. */
    public SyntheticOptions withOutOfOrder(double fraction, Duration lateness) {
        return new SyntheticOptions(customers, days, start, seed, drift, driftAt, fraction, lateness);
    }
}
