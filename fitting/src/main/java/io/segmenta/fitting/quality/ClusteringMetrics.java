package io.segmenta.fitting.quality;

import io.segmenta.fitting.Checks;
import io.segmenta.fitting.Sampling;
import io.segmenta.fitting.Vectors;
import smile.validation.metric.AdjustedRandIndex;
import smile.validation.metric.NormalizedMutualInformation;

/**
 * Internal and external clustering metrics. Labels are cluster indices 0..k-1; empty clusters are skipped.
 * Internal metrics follow scikit-learn's definitions; ARI and NMI are Smile's.
 */
public final class ClusteringMetrics {

    /** Default bound of the silhouette sample: the exact silhouette needs all n² distances. */
    public static final int DEFAULT_SILHOUETTE_SAMPLE = 2000;

    /** Mean silhouette and the number of points it was computed on. */
    public record Silhouette(double mean, int sampleSize) {
    }

    private ClusteringMetrics() {
    }

    /** Sum of squared distances of each row to its cluster's centroid. */
    public static double inertia(double[][] rows, double[][] centroids, int[] labels) {
        check(rows, labels);
        double s = 0;
        for (int i = 0; i < rows.length; i++) {
            s += Vectors.squaredDistance(rows[i], centroids[labels[i]]);
        }
        return s;
    }

    /**
     * Mean silhouette over a seeded uniform sample of at most {@code maxSample} rows, with a and b measured within
     * the sample (as scikit-learn's silhouette_score with sample_size): O(s² d) time, O(s) memory. A point alone in
     * its cluster scores 0. NaN when the sample holds fewer than two clusters.
     */
    public static Silhouette silhouette(double[][] rows, int[] labels, int maxSample, long seed) {
        check(rows, labels);
        Checks.atLeast("maxSample", maxSample, 2);
        int[] idx = Sampling.withoutReplacement(rows.length, maxSample, seed);
        int s = idx.length;
        int k = maxLabel(labels) + 1;
        int[] clusterSize = new int[k];
        for (int i : idx) {
            clusterSize[labels[i]]++;
        }
        int present = 0;
        for (int size : clusterSize) {
            present += size > 0 ? 1 : 0;
        }
        if (present < 2) {
            return new Silhouette(Double.NaN, s);
        }
        double total = 0;
        double[] distSum = new double[k];
        for (int a = 0; a < s; a++) {
            java.util.Arrays.fill(distSum, 0);
            double[] x = rows[idx[a]];
            for (int b = 0; b < s; b++) {
                if (a != b) {
                    distSum[labels[idx[b]]] += Vectors.distance(x, rows[idx[b]]);
                }
            }
            int own = labels[idx[a]];
            if (clusterSize[own] <= 1) {
                continue;
            }
            double within = distSum[own] / (clusterSize[own] - 1);
            double nearest = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own && clusterSize[c] > 0) {
                    nearest = Math.min(nearest, distSum[c] / clusterSize[c]);
                }
            }
            double denom = Math.max(within, nearest);
            total += denom > 0 ? (nearest - within) / denom : 0;
        }
        return new Silhouette(total / s, s);
    }

    /**
     * Davies-Bouldin index: mean over clusters of the worst ratio (S_i + S_j) / |c_i - c_j|, S = mean distance to
     * the centroid. Lower is better; NaN with fewer than two non-empty clusters.
     */
    public static double daviesBouldin(double[][] rows, int[] labels) {
        check(rows, labels);
        int k = maxLabel(labels) + 1;
        double[][] centroids = centroids(rows, labels, k);
        long[] sizes = sizes(labels, k);
        double[] scatter = new double[k];
        for (int i = 0; i < rows.length; i++) {
            scatter[labels[i]] += Vectors.distance(rows[i], centroids[labels[i]]);
        }
        int present = 0;
        for (int c = 0; c < k; c++) {
            if (sizes[c] > 0) {
                scatter[c] /= sizes[c];
                present++;
            }
        }
        if (present < 2) {
            return Double.NaN;
        }
        double sum = 0;
        for (int a = 0; a < k; a++) {
            if (sizes[a] == 0) {
                continue;
            }
            double worst = 0;
            for (int b = 0; b < k; b++) {
                if (b != a && sizes[b] > 0) {
                    double sep = Vectors.distance(centroids[a], centroids[b]);
                    worst = Math.max(worst, sep > 0 ? (scatter[a] + scatter[b]) / sep : Double.POSITIVE_INFINITY);
                }
            }
            sum += worst;
        }
        return sum / present;
    }

    /**
     * Calinski-Harabasz index: between-cluster over within-cluster dispersion, each per degree of freedom.
     * Higher is better; NaN with fewer than two non-empty clusters, infinite when every cluster is a single point.
     */
    public static double calinskiHarabasz(double[][] rows, int[] labels) {
        check(rows, labels);
        int k = maxLabel(labels) + 1;
        double[][] centroids = centroids(rows, labels, k);
        long[] sizes = sizes(labels, k);
        double[] mean = Vectors.mean(rows);
        double between = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            if (sizes[c] > 0) {
                between += sizes[c] * Vectors.squaredDistance(centroids[c], mean);
                present++;
            }
        }
        if (present < 2 || rows.length <= present) {
            return Double.NaN;
        }
        double within = 0;
        for (int i = 0; i < rows.length; i++) {
            within += Vectors.squaredDistance(rows[i], centroids[labels[i]]);
        }
        return within == 0 ? Double.POSITIVE_INFINITY
                : (between / (present - 1)) / (within / (rows.length - present));
    }

    /** Adjusted Rand index (Smile), 1 for identical partitions, about 0 for independent ones. */
    public static double adjustedRandIndex(int[] truth, int[] predicted) {
        requireSameLength(truth, predicted);
        return AdjustedRandIndex.of(truth, predicted);
    }

    /** Normalised mutual information (Smile), arithmetic normalisation 2I / (H1 + H2), scikit-learn's default. */
    public static double normalizedMutualInformation(int[] truth, int[] predicted) {
        requireSameLength(truth, predicted);
        return NormalizedMutualInformation.sum(truth, predicted);
    }

    /** Mean of each cluster's rows (zero vector for an empty cluster). */
    public static double[][] centroids(double[][] rows, int[] labels, int k) {
        int d = rows[0].length;
        double[][] c = new double[k][d];
        long[] sizes = sizes(labels, k);
        for (int i = 0; i < rows.length; i++) {
            double[] t = c[labels[i]];
            for (int j = 0; j < d; j++) {
                t[j] += rows[i][j];
            }
        }
        for (int a = 0; a < k; a++) {
            for (int j = 0; j < d; j++) {
                c[a][j] = sizes[a] > 0 ? c[a][j] / sizes[a] : 0;
            }
        }
        return c;
    }

    public static long[] sizes(int[] labels, int k) {
        long[] sizes = new long[k];
        for (int l : labels) {
            sizes[l]++;
        }
        return sizes;
    }

    private static void check(double[][] rows, int[] labels) {
        Checks.matrix("rows", rows);
        if (labels.length != rows.length) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries for " + rows.length + " rows");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("labels must be cluster indices >= 0; labels[" + i + "] = "
                        + labels[i]);
            }
        }
    }

    private static void requireSameLength(int[] a, int[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("label arrays must be non-empty and of equal length, got "
                    + a.length + " and " + b.length);
        }
    }

    private static int maxLabel(int[] labels) {
        int max = 0;
        for (int l : labels) {
            max = Math.max(max, l);
        }
        return max;
    }
}
