package io.segmenta.analysis.cluster;

import smile.clustering.Clustering;
import smile.clustering.DBSCAN;

import java.util.Locale;

/**
 * DBSCAN (Smile) with minPts = 2 x dimension (Sander et al.'s rule, kept within 4..50) and eps read off the knee of
 * the minPts-distance curve. It finds its own number of segments and leaves sparse rows as noise.
 */
public final class DbscanRun {

    /** The candidate and the k-distance curve it took eps from (for the report). */
    public record Result(Candidate candidate, KDistance kDistance) {
    }

    private DbscanRun() {
    }

    public static int minPoints(int dimension) {
        return Math.max(4, Math.min(50, 2 * dimension));
    }

    public static Result run(double[][] x, Scorer scorer, long seed) {
        int minPts = Math.min(minPoints(x[0].length), x.length - 1);
        KDistance curve = KDistance.of(x, minPts, 2000, seed);
        double eps = Math.max(curve.eps(), 1e-9);
        DBSCAN<double[]> fit = DBSCAN.fit(x, minPts, eps);
        int[] labels = fit.group().clone();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == Clustering.OUTLIER || labels[i] < 0) {
                labels[i] = Candidate.NOISE;
            }
        }
        int k = Partitions.densify(labels);
        Scores scores = scorer.score(x, labels, k, null);
        String note = String.format(Locale.ROOT, "minPts = %d, eps = %.3f (knee of the %d-distance curve); "
                + "%.1f%% of rows are noise", minPts, eps, minPts, 100 * scores.noiseShare());
        double[][] centroids = k == 0 ? new double[0][] : Partitions.centroids(x, labels, k);
        return new Result(new Candidate(Method.DBSCAN, "", k, labels, centroids, scores, note, null), curve);
    }
}
