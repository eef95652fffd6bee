package io.segmenta.benchmarks.quality;

/**
 * Customers a model moved to another segment when the assigner re-scored them with it (cause MODEL_UPDATE),
 * out of the customers it assigned.
 *
 * @param moved    MODEL_UPDATE changes stamped with the model's version that left a previous segment
 * @param assigned distinct customers with an assignment record of the model's version
 */
public record MovedShare(long moved, long assigned) {

    /** NaN when the model assigned nobody (it was superseded before the assigner re-scored anyone). */
    public double share() {
        return assigned == 0 ? Double.NaN : (double) moved / assigned;
    }
}
