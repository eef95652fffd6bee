package io.segmenta.fitting.lineage;

import io.segmenta.fitting.Checks;

/**
 * Thresholds of {@link SegmentMatcher}.
 *
 * @param maxCentroidShift  a new centroid inherits a previous id by distance only within this distance (scaled space,
 *                          where a unit is about one population standard deviation per feature); used only where no
 *                          member overlap was measured
 * @param survivalThreshold MONIC survival: share of a previous segment's members that must land in one new cluster
 *                          for it to survive as that cluster
 * @param splitThreshold    share of each other that a previous segment and a new cluster must hold to be linked at
 *                          all: so each part of a split receives at least this share of the segment, and each source
 *                          of a merge supplies at least this share of the cluster
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
