package io.segmenta.benchmarks.quality;

/**
 * Segment changes per customer per 30 days of event time, by cause. First assignments are not changes and are
 * counted apart.
 *
 * @param customers     customers the rate is per (those that got an assignment)
 * @param spanDays      event-time span of the data, first to last event
 */
public record ChangeRates(long eventChanges, long modelUpdateChanges, long otherChanges, long firstAssignments,
                          long customers, double spanDays) {

    public double eventRate() {
        return rate(eventChanges);
    }

    public double modelUpdateRate() {
        return rate(modelUpdateChanges);
    }

    public double totalRate() {
        return rate(eventChanges + modelUpdateChanges + otherChanges);
    }

    private double rate(long changes) {
        return customers == 0 || spanDays <= 0 ? Double.NaN : changes / (double) customers / (spanDays / 30.0);
    }
}
