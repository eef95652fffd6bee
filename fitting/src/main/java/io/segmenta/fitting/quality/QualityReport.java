package io.segmenta.fitting.quality;

import io.segmenta.avro.QualityMetrics;
import io.segmenta.fitting.Checks;
import io.segmenta.fitting.Vectors;
import io.segmenta.fitting.gmm.GaussianMixtureModel;

/** Builds the {@link QualityMetrics} of a fit; metrics that do not apply to the algorithm stay null. */
public final class QualityReport {

    private QualityReport() {
    }

    /** K-Means: inertia, sampled silhouette, Davies-Bouldin, Calinski-Harabasz on nearest-centroid labels. */
    public static QualityMetrics kmeans(double[][] rows, double[][] centroids, int maxSilhouetteSample, long seed) {
        Checks.matrix("rows", rows);
        int[] labels = Vectors.nearest(centroids, rows);
        ClusteringMetrics.Silhouette s = ClusteringMetrics.silhouette(rows, labels, maxSilhouetteSample, seed);
        return QualityMetrics.newBuilder()
                .setK(centroids.length)
                .setInertia(ClusteringMetrics.inertia(rows, centroids, labels))
                .setSilhouette(finiteOrNull(s.mean()))
                .setSilhouetteSampleSize(s.sampleSize())
                .setDaviesBouldin(finiteOrNull(ClusteringMetrics.daviesBouldin(rows, labels)))
                .setCalinskiHarabasz(finiteOrNull(ClusteringMetrics.calinskiHarabasz(rows, labels)))
                .build();
    }

    /**
     * GMM: log-likelihood and BIC, plus silhouette, Davies-Bouldin and Calinski-Harabasz of the maximum-posterior
     * labels (hard-partition views of a soft model, still useful to compare with a K-Means fit); no inertia.
     */
    public static QualityMetrics gmm(double[][] rows, GaussianMixtureModel model, int maxSilhouetteSample, long seed) {
        Checks.matrix("rows", rows);
        int[] labels = model.predict(rows);
        double logLikelihood = model.logLikelihood(rows);
        ClusteringMetrics.Silhouette s = ClusteringMetrics.silhouette(rows, labels, maxSilhouetteSample, seed);
        return QualityMetrics.newBuilder()
                .setK(model.k())
                .setLogLikelihood(logLikelihood)
                .setBic(model.bic(logLikelihood, rows.length))
                .setSilhouette(finiteOrNull(s.mean()))
                .setSilhouetteSampleSize(s.sampleSize())
                .setDaviesBouldin(finiteOrNull(ClusteringMetrics.daviesBouldin(rows, labels)))
                .setCalinskiHarabasz(finiteOrNull(ClusteringMetrics.calinskiHarabasz(rows, labels)))
                .build();
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
