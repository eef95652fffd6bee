package io.segmenta.analysis.cluster;

import io.segmenta.fitting.Vectors;
import io.segmenta.fitting.quality.ClusteringMetrics;

/** Helpers for clusterings fitted on a sample: extend to every row, renumber labels densely. */
final class Partitions {

    private Partitions() {
    }

    /**
     * Labels for every row: sampled rows keep their label, the others join the nearest sample-cluster mean (the
     * usual way to scale an O(n^2) method; it shapes clusters like K-Means at their borders).
     */
    static int[] extend(double[][] x, int[] sample, int[] sampleLabels, int k) {
        double[][] sampleRows = Vectors.rows(x, sample);
        double[][] centroids = ClusteringMetrics.centroids(sampleRows, sampleLabels, k);
        int[] labels = new int[x.length];
        java.util.Arrays.fill(labels, Integer.MIN_VALUE);
        for (int i = 0; i < sample.length; i++) {
            labels[sample[i]] = sampleLabels[i];
        }
        for (int i = 0; i < x.length; i++) {
            if (labels[i] == Integer.MIN_VALUE) {
                labels[i] = Vectors.nearest(centroids, x[i]);
            }
        }
        return labels;
    }

    /** Renumbers labels 0..k-1 by first appearance, leaving negatives (noise) alone; returns k. */
    static int densify(int[] labels) {
        java.util.Map<Integer, Integer> ids = new java.util.HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0) {
                labels[i] = ids.computeIfAbsent(labels[i], l -> ids.size());
            }
        }
        return ids.size();
    }

    static double[][] centroids(double[][] x, int[] labels, int k) {
        int d = x[0].length;
        double[][] c = new double[k][d];
        long[] n = new long[k];
        for (int i = 0; i < x.length; i++) {
            if (labels[i] >= 0) {
                n[labels[i]]++;
                for (int j = 0; j < d; j++) {
                    c[labels[i]][j] += x[i][j];
                }
            }
        }
        for (int a = 0; a < k; a++) {
            for (int j = 0; j < d; j++) {
                c[a][j] = n[a] > 0 ? c[a][j] / n[a] : 0;
            }
        }
        return c;
    }
}
