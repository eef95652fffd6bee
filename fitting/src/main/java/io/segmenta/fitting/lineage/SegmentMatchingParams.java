package io.segmenta.fitting.lineage;

import io.segmenta.fitting.Checks;

/**
 * Thresholds of {@link SegmentMatcher}.
 *
 * @param maxCentroidShift  a new centroid inherits a previous id only within this distance (scaled space, where a
 *                          unit is about one population standard deviation per feature) unless the member overlap
 *                          shows it survived
 * @param survivalThreshold MONIC survival: share of a previous segment's members that must land in one new cluster
 * @param splitThreshold    share of a previous segment's members that each of two or more new clusters must receive
 *                          for a split (symmetrically, share of a new cluster's members that each of two or more
 *                          previous segments must supply for a merge)
 */
public record SegmentMatchingParams(double maxCentroidShift, double survivalThreshold, double splitThreshold) {

    public static final SegmentMatchingParams DEFAULTS = new SegmentMatchingParams(1.0, 0.7, 0.3);

    public SegmentMatchingParams {
        Checks.positive("maxCentroidShift", maxCentroidShift);
        Checks.within("survivalThreshold", survivalThreshold, 0.5, 1.0);
        if (!(splitThreshold > 0 && splitThreshold <= 0.5)) {
            throw new IllegalArgumentException("splitThreshold must be in (0, 0.5], got " + splitThreshold);
        }
    }

    public SegmentMatchingParams withMaxCentroidShift(double shift) {
        return new SegmentMatchingParams(shift, survivalThreshold, splitThreshold);
    }
}
