package io.segmenta.analysis.cluster;

import io.segmenta.fitting.Vectors;
import io.segmenta.fitting.quality.ClusteringMetrics;

/**
 * Scores any hard clustering the same way, so that the table compares like with like: silhouette on a bounded seeded
 * sample (O(s^2) time, O(s) memory), Davies-Bouldin, Calinski-Harabasz and inertia on every assigned row. Noise rows
 * are left out of the metrics and reported as a share.
 */
public final class Scorer {

    private final int silhouetteSample;
    private final long seed;

    public Scorer(int silhouetteSample, long seed) {
        this.silhouetteSample = silhouetteSample;
        this.seed = seed;
    }

    /** Labels 0..k-1 (or NOISE), with {@code bic} when the algorithm has one. */
    public Scores score(double[][] x, int[] labels, int k, Double bic) {
        int assigned = 0;
        for (int l : labels) {
            if (l >= 0) {
                assigned++;
            }
        }
        double noiseShare = 1.0 - (double) assigned / x.length;
        if (k < 1 || assigned == 0) {
            return new Scores(null, 0, null, null, null, bic, 0, noiseShare);
        }
        double[][] rows = x;
        int[] own = labels;
        if (assigned < x.length) {
            rows = new double[assigned][];
            own = new int[assigned];
            for (int i = 0, j = 0; i < x.length; i++) {
                if (labels[i] >= 0) {
                    rows[j] = x[i];
                    own[j++] = labels[i];
                }
            }
        }
        long[] sizes = ClusteringMetrics.sizes(own, k);
        long smallest = Long.MAX_VALUE;
        for (long s : sizes) {
            smallest = Math.min(smallest, s);
        }
        double[][] centroids = ClusteringMetrics.centroids(rows, own, k);
        double inertia = 0;
        for (int i = 0; i < rows.length; i++) {
            inertia += Vectors.squaredDistance(rows[i], centroids[own[i]]);
        }
        if (k < 2) {
            return new Scores(null, 0, null, null, inertia, bic, (double) smallest / x.length, noiseShare);
        }
        ClusteringMetrics.Silhouette s = ClusteringMetrics.silhouette(rows, own, silhouetteSample, seed);
        return new Scores(finite(s.mean()), s.sampleSize(), finite(ClusteringMetrics.daviesBouldin(rows, own)),
                finite(ClusteringMetrics.calinskiHarabasz(rows, own)), inertia, bic,
                (double) smallest / x.length, noiseShare);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
