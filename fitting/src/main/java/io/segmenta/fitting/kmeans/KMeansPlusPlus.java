package io.segmenta.fitting.kmeans;

import io.segmenta.fitting.Vectors;

import java.util.Random;

/**
 * k-means++ seeding (Arthur and Vassilvitskii 2007), greedy variant as in scikit-learn: each step draws
 * {@code 2 + ln k} candidates by D² sampling and keeps the one that lowers the potential most.
 *
 * <p>Smile has {@code CentroidClustering.seeds}, but it draws from Smile's shared per-thread generator; this one takes
 * its own {@link Random} so that a fit is reproducible from its seed alone, and it can extend an existing set of
 * centroids (a warm start that asks for more segments than the parent had).
 */
public final class KMeansPlusPlus {

    private KMeansPlusPlus() {
    }

    /** k centroids chosen from the rows of {@code data}. */
    public static double[][] seed(double[][] data, int k, Random random) {
        return extend(data, new double[0][], k, random);
    }

    /** Keeps {@code existing} and adds centroids from {@code data} by D² sampling until there are k. */
    public static double[][] extend(double[][] data, double[][] existing, int k, Random random) {
        if (k < existing.length) {
            throw new IllegalArgumentException("k = " + k + " is below the " + existing.length + " existing centroids");
        }
        if (data.length == 0) {
            throw new IllegalArgumentException("k-means++ needs at least one row");
        }
        int n = data.length;
        double[][] centroids = new double[k][];
        int have = existing.length;
        for (int c = 0; c < have; c++) {
            centroids[c] = existing[c].clone();
        }
        double[] minD2 = new double[n];
        if (have == 0) {
            centroids[0] = data[random.nextInt(n)].clone();
            have = 1;
        }
        for (int i = 0; i < n; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int c = 0; c < have; c++) {
                best = Math.min(best, Vectors.squaredDistance(data[i], centroids[c]));
            }
            minD2[i] = best;
        }
        int trials = 2 + (int) Math.log(k);
        double[] trialD2 = new double[n];
        double[] bestD2 = new double[n];
        while (have < k) {
            double potential = sum(minD2);
            int bestCandidate = -1;
            double bestPotential = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                int candidate = potential > 0 ? drawProportional(minD2, potential, random) : random.nextInt(n);
                double p = 0;
                for (int i = 0; i < n; i++) {
                    trialD2[i] = Math.min(minD2[i], Vectors.squaredDistance(data[i], data[candidate]));
                    p += trialD2[i];
                }
                if (p < bestPotential) {
                    bestPotential = p;
                    bestCandidate = candidate;
                    System.arraycopy(trialD2, 0, bestD2, 0, n);
                }
            }
            centroids[have++] = data[bestCandidate].clone();
            System.arraycopy(bestD2, 0, minD2, 0, n);
        }
        return centroids;
    }

    private static int drawProportional(double[] weights, double total, Random random) {
        double r = random.nextDouble() * total;
        double acc = 0;
        for (int i = 0; i < weights.length; i++) {
            acc += weights[i];
            if (acc >= r && weights[i] > 0) {
                return i;
            }
        }
        for (int i = weights.length - 1; i >= 0; i--) {
            if (weights[i] > 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
