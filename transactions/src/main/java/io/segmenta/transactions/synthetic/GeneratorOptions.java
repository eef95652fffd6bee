package io.segmenta.transactions.synthetic;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What to generate. The same options give the same files, byte for byte.
 *
 * @param customers  how many customers (all present from the first day)
 * @param days       length of the timeline; data covers [start, start + days)
 * @param start      first day (local dates and times are Europe/London, as the online-retail mapping reads them)
 * @param seed       the random seed
 * @param variant    stationary or drifting
 * @param driftShare drifting: share of customers that switch behaviour (rounded to whole customers); ignored when
 *                   stationary
 */
public record GeneratorOptions(int customers, int days, LocalDate start, long seed, Variant variant, double driftShare) {

    public static final int DEFAULT_CUSTOMERS = 2000;
    public static final int DEFAULT_DAYS = 120;
    public static final LocalDate DEFAULT_START = LocalDate.of(2011, 1, 1);
    public static final long DEFAULT_SEED = 7;
    public static final double DEFAULT_DRIFT_SHARE = 0.2;
    /** Switches need a middle third of at least one day. */
    public static final int MIN_DAYS = 3;
    /** Customer ids are 5-digit numbers from 30001 up, written as 30001.0 like Online Retail's CustomerID. */
    public static final int MAX_CUSTOMERS = 1_000_000;

    public GeneratorOptions {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(variant, "variant");
        if (customers < 1 || customers > MAX_CUSTOMERS) {
            throw new IllegalArgumentException("customers must be between 1 and " + MAX_CUSTOMERS + ", was " + customers);
        }
        if (days < MIN_DAYS || days > 3660) {
            throw new IllegalArgumentException("days must be between " + MIN_DAYS + " and 3660, was " + days);
        }
        if (!(driftShare >= 0 && driftShare <= 1)) {
            throw new IllegalArgumentException("drift share must be between 0 and 1, was " + driftShare);
        }
    }

    public static GeneratorOptions defaults() {
        return new GeneratorOptions(DEFAULT_CUSTOMERS, DEFAULT_DAYS, DEFAULT_START, DEFAULT_SEED, Variant.STATIONARY,
                DEFAULT_DRIFT_SHARE);
    }

    public GeneratorOptions withCustomers(int n) {
        return new GeneratorOptions(n, days, start, seed, variant, driftShare);
    }

    public GeneratorOptions withDays(int n) {
        return new GeneratorOptions(customers, n, start, seed, variant, driftShare);
    }

    public GeneratorOptions withStart(LocalDate d) {
        return new GeneratorOptions(customers, days, d, seed, variant, driftShare);
    }

    public GeneratorOptions withSeed(long s) {
        return new GeneratorOptions(customers, days, start, s, variant, driftShare);
    }

    public GeneratorOptions withVariant(Variant v) {
        return new GeneratorOptions(customers, days, start, seed, v, driftShare);
    }

    public GeneratorOptions withDriftShare(double share) {
        return new GeneratorOptions(customers, days, start, seed, variant, share);
    }

    /** The first day after the data. */
    public LocalDate end() {
        return start.plusDays(days);
    }

    /** How many customers switch behaviour: none when stationary. */
    public int switchingCustomers() {
        return variant == Variant.DRIFTING ? (int) Math.round(driftShare * customers) : 0;
    }
}
