package io.segmenta.fitting.kmeans;

import io.segmenta.fitting.Checks;
import smile.clustering.CentroidClustering;
import smile.clustering.Clustering;
import smile.clustering.KMeans;
import smile.math.MathEx;

/**
 * Batch K-Means through Smile (k-means++ seeding, then Lloyd iterations accelerated by a BBD-tree): the reference the
 * mini-batch fit is measured against, and the better choice for an offline fit that fits in memory. Returns a
 * {@link MiniBatchKMeansModel} whose counts are the cluster sizes, so a streaming refit can warm-start from it.
 */
public final class BatchKMeans {

    private BatchKMeans() {
    }

    /**
     * @param maxIterations Lloyd iterations at most (Smile stops earlier on convergence)
     * @param runs          independent fits; the one of least distortion wins
     * @param seed          seeds Smile's generator on this thread (Smile has no per-call seed)
     */
    public static MiniBatchKMeansModel fit(double[][] data, int k, int maxIterations, int runs, long seed) {
        Checks.finiteMatrix("data", data);
        Checks.atLeast("k", k, 1);
        Checks.atLeast("maxIterations", maxIterations, 1);
        Checks.atLeast("runs", runs, 1);
        if (data.length < k) {
            throw new IllegalArgumentException("need at least k = " + k + " rows, got " + data.length);
        }
        MathEx.setSeed(seed);
        CentroidClustering<double[], double[]> fit = Clustering.run(runs, () -> KMeans.fit(data, k, maxIterations));
        double[][] centroids = new double[fit.k()][];
        double[] counts = new double[fit.k()];
        for (int c = 0; c < fit.k(); c++) {
            centroids[c] = fit.center(c).clone();
            counts[c] = fit.size(c);
        }
        return new MiniBatchKMeansModel(new KMeansModelData(centroids, counts));
    }
}
