package io.segmenta.fitting.select;

import io.segmenta.fitting.Checks;
import io.segmenta.fitting.gmm.GaussianMixture;
import io.segmenta.fitting.gmm.GaussianMixtureModel;
import io.segmenta.fitting.gmm.GaussianMixtureParams;
import io.segmenta.fitting.kmeans.MiniBatchKMeans;
import io.segmenta.fitting.kmeans.MiniBatchKMeansModel;
import io.segmenta.fitting.kmeans.MiniBatchKMeansParams;
import io.segmenta.fitting.quality.ClusteringMetrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Chooses the number of segments by fitting every k of a range and scoring each fit. */
public final class ClusterCountSelector {

    public static final String SILHOUETTE_RULE =
            "highest mean silhouette (seeded sample); on a tie within 1e-3 the smaller k";
    public static final String BIC_RULE = "lowest BIC = -2 log L + p ln n; on an exact tie the smaller k";

    private ClusterCountSelector() {
    }

    /**
     * Mini-batch K-Means for each k in [kMin, kMax] (kMin >= 2: the silhouette of one cluster is undefined), scored by
     * the silhouette on a seeded sample of at most {@code silhouetteSample} rows. A k whose fit leaves a segment with
     * fewer than {@code minSegmentShare} of the rows is scored but not chosen: splitting off a few outliers raises the
     * silhouette (a singleton scores 0 rather than negative) without finding a segment anyone could act on.
     */
    public static KSelection bySilhouette(double[][] rows, int kMin, int kMax, MiniBatchKMeansParams template,
                                          int silhouetteSample, double minSegmentShare) {
        checkRange(rows, kMin, kMax, 2, minSegmentShare);
        Map<Integer, Double> scores = new LinkedHashMap<>();
        Set<Integer> tooSmall = new TreeSet<>();
        int best = kMin;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = kMin; k <= kMax; k++) {
            MiniBatchKMeansModel model = new MiniBatchKMeans(template.withK(k)).fit(rows);
            int[] labels = model.predict(rows);
            double s = ClusteringMetrics.silhouette(rows, labels, silhouetteSample, template.seed()).mean();
            scores.put(k, s);
            if (k > kMin && smallestSegment(labels, k) < minSegmentSize(rows.length, minSegmentShare)) {
                tooSmall.add(k);
            } else if (s > bestScore + 1e-3) {
                bestScore = s;
                best = k;
            }
        }
        return new KSelection("silhouette", scores, best, rule(SILHOUETTE_RULE, minSegmentShare), tooSmall);
    }

    /** Batch GMM for each k in [kMin, kMax], scored by BIC (lower is better); small segments as in bySilhouette. */
    public static KSelection byBic(double[][] rows, int kMin, int kMax, GaussianMixtureParams template,
                                   double minSegmentShare) {
        checkRange(rows, kMin, kMax, 1, minSegmentShare);
        Map<Integer, Double> scores = new LinkedHashMap<>();
        Set<Integer> tooSmall = new TreeSet<>();
        int best = kMin;
        double bestScore = Double.POSITIVE_INFINITY;
        for (int k = kMin; k <= kMax; k++) {
            GaussianMixtureModel model = new GaussianMixture(template.withK(k)).fit(rows);
            double bic = model.bic(rows);
            scores.put(k, bic);
            if (k > kMin && smallestSegment(model.predict(rows), k) < minSegmentSize(rows.length, minSegmentShare)) {
                tooSmall.add(k);
            } else if (bic < bestScore) {
                bestScore = bic;
                best = k;
            }
        }
        return new KSelection("bic", scores, best, rule(BIC_RULE, minSegmentShare), tooSmall);
    }

    /** The fewest rows a segment may hold for its k to be chosen: at least one. */
    private static int minSegmentSize(int rows, double share) {
        return Math.max(1, (int) Math.ceil(share * rows));
    }

    private static int smallestSegment(int[] labels, int k) {
        int[] counts = new int[k];
        for (int label : labels) {
            counts[label]++;
        }
        return Arrays.stream(counts).min().orElse(0);
    }

    private static String rule(String base, double minSegmentShare) {
        return minSegmentShare == 0 ? base : String.format(Locale.ROOT,
                "%s; a k above the smallest with a segment under %.3g%% of the sample is not chosen", base,
                100 * minSegmentShare);
    }

    private static void checkRange(double[][] rows, int kMin, int kMax, int lowest, double minSegmentShare) {
        Checks.matrix("rows", rows);
        if (!(minSegmentShare >= 0 && minSegmentShare < 0.5)) {
            throw new IllegalArgumentException("minSegmentShare must be in [0, 0.5), got " + minSegmentShare);
        }
        Checks.atLeast("kMin", kMin, lowest);
        if (kMax < kMin) {
            throw new IllegalArgumentException("kMax (" + kMax + ") must be >= kMin (" + kMin + ")");
        }
        if (kMax > rows.length) {
            throw new IllegalArgumentException("kMax (" + kMax + ") exceeds the " + rows.length + " rows");
        }
    }
}
