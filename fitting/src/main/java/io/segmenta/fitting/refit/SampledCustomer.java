package io.segmenta.fitting.refit;

import io.segmenta.assigner.features.FeatureSource;

import java.util.Objects;

/**
 * One customer of the window's sample: raw features, and the segment the trainer last assigned them, so the refit
 * can follow members from the parent's segments to the new ones (lineage by member overlap).
 *
 * @param features          the customer's raw features (original units)
 * @param previousSegmentId the parent's segment id of this customer, or {@link #NONE} for one not assigned before
 */
public record SampledCustomer(FeatureSource features, int previousSegmentId) {

    /** No previous segment: a newcomer, or a customer sampled before any model reached the workers. */
    public static final int NONE = Integer.MIN_VALUE;

    public SampledCustomer {
        Objects.requireNonNull(features, "features");
    }

    public static SampledCustomer newcomer(FeatureSource features) {
        return new SampledCustomer(features, NONE);
    }

    public boolean hadSegment() {
        return previousSegmentId != NONE;
    }
}
