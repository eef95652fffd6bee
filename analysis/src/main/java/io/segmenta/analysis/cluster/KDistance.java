package io.segmenta.analysis.cluster;

import io.segmenta.fitting.Sampling;
import io.segmenta.fitting.Vectors;

import java.util.Arrays;

/**
 * The sorted k-distance curve (each point's distance to its k-th nearest neighbour) and its knee, the usual way to
 * pick DBSCAN's eps: below the knee distances grow slowly (dense regions), beyond it they shoot up (noise). The knee
 * is the point farthest from the straight line between the curve's ends (Kneedle on the normalised curve).
 * Queries are a seeded sample of at most {@code maxQueries} rows, searched against all rows.
 */
public record KDistance(int k, double[] sortedDistances, int kneeIndex) {

    public double eps() {
        return sortedDistances[kneeIndex];
    }

    public static KDistance of(double[][] x, int k, int maxQueries, long seed) {
        int[] queries = Sampling.withoutReplacement(x.length, maxQueries, seed);
        double[] kth = new double[queries.length];
        double[] best = new double[k];
        for (int q = 0; q < queries.length; q++) {
            Arrays.fill(best, Double.POSITIVE_INFINITY);
            double[] p = x[queries[q]];
            for (int o = 0; o < x.length; o++) {
                if (o == queries[q]) {
                    continue;
                }
                double d = Vectors.squaredDistance(p, x[o]);
                if (d < best[k - 1]) {
                    int at = k - 1;
                    while (at > 0 && best[at - 1] > d) {
                        best[at] = best[at - 1];
                        at--;
                    }
                    best[at] = d;
                }
            }
            kth[q] = Math.sqrt(best[k - 1]);
        }
        Arrays.sort(kth);
        return new KDistance(k, kth, knee(kth));
    }

    /** Index of the point farthest below the chord from first to last (both axes scaled to 0..1). */
    static int knee(double[] sorted) {
        int n = sorted.length;
        if (n < 3) {
            return n - 1;
        }
        double y0 = sorted[0];
        double span = sorted[n - 1] - y0;
        if (span <= 0) {
            return n - 1;
        }
        int best = n - 1;
        double bestGap = 0;
        for (int i = 0; i < n; i++) {
            double xi = (double) i / (n - 1);
            double yi = (sorted[i] - y0) / span;
            double gap = xi - yi; // distance below the diagonal, up to a constant factor
            if (gap > bestGap) {
                bestGap = gap;
                best = i;
            }
        }
        return best;
    }
}
