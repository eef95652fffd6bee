package io.segmenta.fitting.estimate;

import io.segmenta.avro.Algorithm;
import io.segmenta.avro.QualityMetrics;
import io.segmenta.fitting.assembly.SegmentFit;
import io.segmenta.fitting.kmeans.BatchKMeans;
import io.segmenta.fitting.kmeans.KMeansModelData;
import io.segmenta.fitting.kmeans.MiniBatchKMeans;
import io.segmenta.fitting.kmeans.MiniBatchKMeansModel;
import io.segmenta.fitting.kmeans.MiniBatchKMeansParams;
import io.segmenta.fitting.quality.QualityReport;
import io.segmenta.fitting.select.ClusterCountSelector;
import io.segmenta.fitting.select.KSelection;

/** Mini-batch K-Means; k chosen by the silhouette. */
public final class KMeansEstimator implements SegmentEstimator {

    /** Rows up to which a fit from scratch is Lloyd's batch K-Means (O(runs x iterations x n x k x d)). */
    static final int BATCH_ROWS = 50_000;
    static final int BATCH_ITERATIONS = 100;
    static final int BATCH_RUNS = 5;

    @Override
    public Algorithm algorithm() {
        return Algorithm.KMEANS;
    }

    @Override
    public java.util.List<String> names() {
        return java.util.List.of("kmeans", "k-means");
    }

    /**
     * A fit from scratch: Lloyd's batch K-Means with several k-means++ starts while the rows fit a window's sample
     * (the streaming refit's rows are one), mini-batch beyond. A fit from scratch is what a refit falls back on when
     * its parent is poor, so it should be as good as the batch reference, not one noisy mini-batch run.
     */
    @Override
    public SegmentFit fit(double[][] rows, int k, long seed) {
        MiniBatchKMeansModel model = rows.length <= BATCH_ROWS ? BatchKMeans.fit(rows, k, BATCH_ITERATIONS, BATCH_RUNS,
                seed) : new MiniBatchKMeans(params(k, seed)).fit(rows);
        return SegmentFit.kmeans(model, rows);
    }

    /**
     * Warm-started from the parent's centroids with no history (counts 0: the sample decides where they go). A warm
     * start keeps the parent's structure, but the first windows (everyone new) can leave it in a poor optimum, so a
     * fresh batch fit competes and wins when its inertia is below {@code freshAdvantage} times the warm start's
     * (the refit policy passes 1 - its minimum inertia gain, 0.95 by default).
     */
    @Override
    public WarmFit warmFit(double[][] rows, SegmentFit parent, long seed, double freshAdvantage) {
        if (!(freshAdvantage > 0 && freshAdvantage <= 1)) {
            throw new IllegalArgumentException("freshAdvantage must be in (0, 1], got " + freshAdvantage);
        }
        MiniBatchKMeans kmeans = new MiniBatchKMeans(params(parent.k(), seed));
        MiniBatchKMeansModel warm = kmeans.fit(rows, KMeansModelData.ofCentroids(parent.centroids()));
        MiniBatchKMeansModel fresh = rows.length <= BATCH_ROWS
                ? BatchKMeans.fit(rows, parent.k(), BATCH_ITERATIONS, BATCH_RUNS, seed) : kmeans.fit(rows);
        boolean freshWins = fresh.inertia(rows) < freshAdvantage * warm.inertia(rows);
        return new WarmFit(SegmentFit.kmeans(freshWins ? fresh : warm, rows), freshWins);
    }

    @Override
    public KSelection selectK(double[][] rows, int kMin, int kMax, long seed, int silhouetteSample,
                              double minSegmentShare) {
        return ClusterCountSelector.bySilhouette(rows, kMin, kMax, params(kMin, seed), silhouetteSample,
                minSegmentShare);
    }

    @Override
    public QualityMetrics quality(double[][] rows, SegmentFit fit, int silhouetteSample, long seed) {
        return QualityReport.kmeans(rows, fit.centroids(), silhouetteSample, seed);
    }

    /** Batches of 20 rows per cluster, between 64 and 1024: small samples still get several batches per pass. */
    static MiniBatchKMeansParams params(int k, long seed) {
        return MiniBatchKMeansParams.defaults(k).withSeed(seed).withBatchSize(Math.min(1024, Math.max(64, k * 20)));
    }
}
