package io.segmenta.benchmarks.replay;

import java.util.Locale;

/**
 * A run's throughput over the same pre-loaded events, two ways: {@code steady}, counted from the first commit past
 * the warm-up events to the end (JVM start, rebalance and JIT left out; NaN when the run's commits were too far apart
 * to see it), and {@code whole}, all the events over the time from the JVM's launch to the end.
 */
record Rate(double steady, double whole) {

    boolean hasSteady() {
        return !Double.isNaN(steady) && steady > 0;
    }

    /**
     * This rate over {@code base}'s: the steady rates when both have one, else the whole-run rates (a like-for-like
     * ratio either way); null when there is no base.
     */
    Ratio over(Rate base) {
        if (base == null) {
            return null;
        }
        return hasSteady() && base.hasSteady() ? new Ratio(steady / base.steady, true)
                : new Ratio(whole / base.whole, false);
    }

    static String format(double rate) {
        return Double.isNaN(rate) ? "-" : String.format(Locale.ROOT, "%,.0f", rate);
    }

    /** A ratio of rates, saying which kind it compares. */
    record Ratio(double value, boolean steady) {

        /** At or above the base: the target of a replay against the state floor. */
        boolean reaches() {
            return value >= 1.0;
        }

        String text() {
            return String.format(Locale.ROOT, "%.2f", value) + (steady ? "" : " (whole run)");
        }
    }
}
