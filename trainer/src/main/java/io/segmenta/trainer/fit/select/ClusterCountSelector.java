package io.segmenta.trainer.fit.select;

import io.segmenta.trainer.fit.Checks;
import io.segmenta.trainer.fit.gmm.GaussianMixture;
import io.segmenta.trainer.fit.gmm.GaussianMixtureModel;
import io.segmenta.trainer.fit.gmm.GaussianMixtureParams;
import io.segmenta.trainer.fit.kmeans.MiniBatchKMeans;
import io.segmenta.trainer.fit.kmeans.MiniBatchKMeansModel;
import io.segmenta.trainer.fit.kmeans.MiniBatchKMeansParams;
import io.segmenta.trainer.fit.quality.ClusteringMetrics;

import java.util.LinkedHashMap;
import java.util.Map;

/** Chooses the number of segments by fitting every k of a range and scoring each fit. */
public final class ClusterCountSelector {

    public static final String SILHOUETTE_RULE =
            "highest mean silhouette (seeded sample); on a tie within 1e-3 the smaller k";
    public static final String BIC_RULE = "lowest BIC = -2 log L + p ln n; on an exact tie the smaller k";

    private ClusterCountSelector() {
    }

    /**
     * Mini-batch K-Means for each k in [kMin, kMax] (kMin >= 2: the silhouette of one cluster is undefined), scored by
     * the silhouette on a seeded sample of at most {@code silhouetteSample} rows.
     */
    public static KSelection bySilhouette(double[][] rows, int kMin, int kMax, MiniBatchKMeansParams template,
                                          int silhouetteSample) {
        checkRange(rows, kMin, kMax, 2);
        Map<Integer, Double> scores = new LinkedHashMap<>();
        int best = kMin;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = kMin; k <= kMax; k++) {
            MiniBatchKMeansModel model = new MiniBatchKMeans(template.withK(k)).fit(rows);
            double s = ClusteringMetrics.silhouette(rows, model.predict(rows), silhouetteSample,
                    template.seed()).mean();
            scores.put(k, s);
            if (s > bestScore + 1e-3) {
                bestScore = s;
                best = k;
            }
        }
        return new KSelection("silhouette", scores, best, SILHOUETTE_RULE);
    }

    /** Batch GMM for each k in [kMin, kMax], scored by BIC (lower is better). */
    public static KSelection byBic(double[][] rows, int kMin, int kMax, GaussianMixtureParams template) {
        checkRange(rows, kMin, kMax, 1);
        Map<Integer, Double> scores = new LinkedHashMap<>();
        int best = kMin;
        double bestScore = Double.POSITIVE_INFINITY;
        for (int k = kMin; k <= kMax; k++) {
            GaussianMixtureModel model = new GaussianMixture(template.withK(k)).fit(rows);
            double bic = model.bic(rows);
            scores.put(k, bic);
            if (bic < bestScore) {
                bestScore = bic;
                best = k;
            }
        }
        return new KSelection("bic", scores, best, BIC_RULE);
    }

    private static void checkRange(double[][] rows, int kMin, int kMax, int lowest) {
        Checks.matrix("rows", rows);
        Checks.atLeast("kMin", kMin, lowest);
        if (kMax < kMin) {
            throw new IllegalArgumentException("kMax (" + kMax + ") must be >= kMin (" + kMin + ")");
        }
        if (kMax > rows.length) {
            throw new IllegalArgumentException("kMax (" + kMax + ") exceeds the " + rows.length + " rows");
        }
    }
}
