package io.segmenta.assigner.features;

/**
 * Named raw features of one customer, in original units, before any imputation or scaling.
 * A customer profile folded from events is one; a row of an analyst's customer table is another.
 */
public interface FeatureSource {

    /** The numeric feature's value, or {@link Double#NaN} when it is missing for this customer. */
    double numeric(String name);

    /** The categorical feature's value, or {@code null} when it is missing for this customer. */
    String category(String name);
}
