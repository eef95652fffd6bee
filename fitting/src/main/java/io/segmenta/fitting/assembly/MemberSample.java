package io.segmenta.fitting.assembly;

import io.segmenta.fitting.Checks;
import io.segmenta.fitting.Vectors;

/**
 * The same customers seen twice, for MONIC's member overlap: row i of {@code previous} is a customer's vector as the
 * parent model saw it, row i of {@code current} the same customer now, both in the new model's scaled space. The
 * parent assigns the previous rows and the new fit the current ones, so an overlap follows members, not places:
 * customers who did not exist before simply are not in the sample, and a cluster of newcomers is a birth, not a split
 * of whichever old segment lies nearest.
 */
public record MemberSample(double[][] previous, double[][] current) {

    public MemberSample {
        int d = Checks.finiteMatrix("previous", previous);
        int d2 = Checks.finiteMatrix("current", current);
        if (previous.length != current.length || d != d2) {
            throw new IllegalArgumentException("previous and current must describe the same customers: "
                    + previous.length + "x" + d + " vs " + current.length + "x" + d2);
        }
        previous = Vectors.copy(previous);
        current = Vectors.copy(current);
    }

    /** One snapshot for both sides (customers whose vectors did not change, or an offline re-analysis). */
    public static MemberSample same(double[][] points) {
        return new MemberSample(points, points);
    }

    @Override
    public double[][] previous() {
        return Vectors.copy(previous);
    }

    @Override
    public double[][] current() {
        return Vectors.copy(current);
    }

    double[][] previousView() {
        return previous;
    }

    double[][] currentView() {
        return current;
    }

    public int size() {
        return previous.length;
    }
}
