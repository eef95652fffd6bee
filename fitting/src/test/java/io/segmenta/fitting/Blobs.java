package io.segmenta.fitting;

import java.util.Random;

/** Gaussian blobs with known membership: the generated truth every quality-bar test measures against. */
public record Blobs(double[][] rows, int[] truth, double[][] centers) {

    /**
     * k centres drawn from N(0, spread²) per coordinate, redrawn until every pair is at least {@code minSeparation}
     * apart; {@code perCluster} points around each with unit-variance noise, interleaved (row i is in cluster i % k).
     */
    public static Blobs generate(int k, int d, int perCluster, double spread, double minSeparation, long seed) {
        Random r = new Random(seed);
        double[][] centers = new double[k][d];
        for (int c = 0; c < k; c++) {
            boolean ok;
            do {
                for (int j = 0; j < d; j++) {
                    centers[c][j] = r.nextGaussian() * spread;
                }
                ok = true;
                for (int o = 0; o < c; o++) {
                    ok &= Vectors.distance(centers[c], centers[o]) >= minSeparation;
                }
            } while (!ok);
        }
        return around(centers, perCluster, r);
    }

    /** perCluster unit-noise points around each given centre. */
    public static Blobs around(double[][] centers, int perCluster, Random r) {
        int k = centers.length;
        int d = centers[0].length;
        double[][] rows = new double[k * perCluster][d];
        int[] truth = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int c = i % k;
            truth[i] = c;
            for (int j = 0; j < d; j++) {
                rows[i][j] = centers[c][j] + r.nextGaussian();
            }
        }
        return new Blobs(rows, truth, Vectors.copy(centers));
    }
}
