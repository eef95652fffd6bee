package io.segmenta.fitting.profile;

import io.segmenta.assigner.profile.LifecycleStage;

/**
 * The lifecycle words of a label, from the segment's mean days in the customers' own time rather than from z-scores.
 * A z-score says "newer than the others", which in a population of long-standing customers still reads "new" for
 * customers of 90 days; absolute thresholds mean what they say, and they cannot contradict each other: new (first
 * event under {@code newDays} ago) and lapsed (no event for {@code lapsedDays}) exclude each other because a
 * customer's recency never exceeds their tenure, and recent and lapsed, new and long-standing exclude each other by
 * their ranges.
 *
 * @param newDays          "new": mean tenure (days since the first event) under this
 * @param longStandingDays "long-standing": mean tenure at least this
 * @param recentDays       "recent": mean recency (days since the latest event) at most this
 * @param lapsedDays       "lapsed": mean recency at least this
 */
public record Lifecycle(double newDays, double longStandingDays, double recentDays, double lapsedDays)
        implements java.io.Serializable {

    /** New within 30 days, long-standing after a year, recent within 14 days, lapsed after 90 days. */
    public static final Lifecycle DEFAULTS = new Lifecycle(LifecycleStage.DEFAULT_NEW_DAYS, 365, 14,
            LifecycleStage.DEFAULT_LAPSED_DAYS);

    public Lifecycle {
        if (!(newDays > 0 && longStandingDays > newDays && Double.isFinite(longStandingDays))) {
            throw new IllegalArgumentException("need 0 < newDays < longStandingDays, got " + newDays + " and "
                    + longStandingDays);
        }
        if (!(recentDays > 0 && lapsedDays > recentDays && Double.isFinite(lapsedDays))) {
            throw new IllegalArgumentException("need 0 < recentDays < lapsedDays, got " + recentDays + " and "
                    + lapsedDays);
        }
        if (lapsedDays < newDays) {
            throw new IllegalArgumentException("lapsedDays (" + lapsedDays + ") must be at least newDays (" + newDays
                    + "), or a segment could read both new and lapsed");
        }
    }

    public Lifecycle withNewAndLapsedDays(double newWithin, double lapsedAfter) {
        return new Lifecycle(newWithin, Math.max(longStandingDays, newWithin * 2), Math.min(recentDays,
                lapsedAfter / 2), lapsedAfter);
    }

    /** "lapsed", "recent" or null (in between says nothing) for a mean recency in days. */
    String recencyWord(double meanDays) {
        return !Double.isFinite(meanDays) ? null : meanDays >= lapsedDays ? "lapsed"
                : meanDays <= recentDays ? "recent" : null;
    }

    /** "new", "long-standing" or null for a mean tenure in days. */
    String tenureWord(double meanDays) {
        return !Double.isFinite(meanDays) ? null : meanDays < newDays ? "new"
                : meanDays >= longStandingDays ? "long-standing" : null;
    }
}
