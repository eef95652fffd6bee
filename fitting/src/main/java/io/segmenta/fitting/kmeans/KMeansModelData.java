package io.segmenta.fitting.kmeans;

import io.segmenta.fitting.Checks;
import io.segmenta.fitting.Vectors;

import java.util.Arrays;

/**
 * The state of a K-Means model: k centroids and, per centroid, the (decayed) number of points it has absorbed.
 * The counts are what make a warm start meaningful: they set each centroid's learning rate 1/count, so a refit
 * moves a well-established centroid less than a fresh one.
 *
 * <p>Immutable: arrays are copied in and out.
 */
public record KMeansModelData(double[][] centroids, double[] counts) {

    public KMeansModelData {
        Checks.finiteMatrix("centroids", centroids);
        if (counts == null || counts.length != centroids.length) {
            throw new IllegalArgumentException("counts must have one entry per centroid (" + centroids.length + ")");
        }
        for (int c = 0; c < counts.length; c++) {
            Checks.nonNegative("counts[" + c + "]", counts[c]);
        }
        centroids = Vectors.copy(centroids);
        counts = counts.clone();
    }

    /** Centroids without history: every count is 0, so the first batch replaces them. */
    public static KMeansModelData ofCentroids(double[][] centroids) {
        return new KMeansModelData(centroids, new double[centroids.length]);
    }

    public int k() {
        return counts.length;
    }

    public int dimension() {
        return centroids[0].length;
    }

    @Override
    public double[][] centroids() {
        return Vectors.copy(centroids);
    }

    @Override
    public double[] counts() {
        return counts.clone();
    }

    /** Shared view for the hot paths in this package, which never mutate it. */
    double[][] centroidsView() {
        return centroids;
    }

    double[] countsView() {
        return counts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KMeansModelData other
                && Arrays.deepEquals(centroids, other.centroids) && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(centroids) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "KMeansModelData[k=" + k() + ", d=" + dimension() + ", counts=" + Arrays.toString(counts) + "]";
    }
}
