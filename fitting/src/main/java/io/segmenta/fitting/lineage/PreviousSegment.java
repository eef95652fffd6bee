package io.segmenta.fitting.lineage;

import java.util.Arrays;

/** A segment of the parent model as the matcher sees it: its stable id and its centroid in the new model's space. */
public record PreviousSegment(int segmentId, double[] centroid) {

    public PreviousSegment {
        if (segmentId < 0) {
            throw new IllegalArgumentException("segmentId must be >= 0, got " + segmentId);
        }
        centroid = centroid.clone();
    }

    @Override
    public double[] centroid() {
        return centroid.clone();
    }

    double[] centroidView() {
        return centroid;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreviousSegment other && segmentId == other.segmentId
                && Arrays.equals(centroid, other.centroid);
    }

    @Override
    public int hashCode() {
        return 31 * segmentId + Arrays.hashCode(centroid);
    }

    @Override
    public String toString() {
        return "PreviousSegment[" + segmentId + " at " + Arrays.toString(centroid) + "]";
    }
}
