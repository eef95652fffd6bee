package io.segmenta.analysis.cluster;

import io.segmenta.fitting.assembly.SegmentFit;
import io.segmenta.fitting.gmm.CovarianceType;
import io.segmenta.fitting.gmm.GaussianMixture;
import io.segmenta.fitting.gmm.GaussianMixtureModel;
import io.segmenta.fitting.gmm.GaussianMixtureModelData;
import io.segmenta.fitting.gmm.GaussianMixtureParams;

import java.util.ArrayList;
import java.util.List;

/**
 * Gaussian mixtures (the trainer's EM, started from K-Means) for every k, scored by BIC. Full covariances up to
 * {@value #MAX_FULL_DIMENSION} dimensions, diagonal beyond: a full covariance has d(d+1)/2 parameters per segment,
 * which BIC then punishes so hard in many dimensions that it always prefers the fewest segments. EM costs
 * O(iterations x n x k x d^2), so above {@value #MAX_ROWS} rows it is fitted (and its BIC computed) on a seeded sample
 * of that size; every row is then assigned by maximum posterior.
 */
public final class GmmSweep {

    public static final int MAX_FULL_DIMENSION = 8;
    public static final int MAX_ROWS = 3000;
    /** Added to every variance; the scaled space has unit variances, so this keeps one-hot columns invertible. */
    static final double REGULARIZATION = 1e-3;

    private GmmSweep() {
    }

    public static CovarianceType covarianceFor(int dimension) {
        return dimension <= MAX_FULL_DIMENSION ? CovarianceType.FULL : CovarianceType.DIAGONAL;
    }

    /** Candidates for the k that could be fitted; a k whose EM fails is skipped and listed in {@code failures}. */
    public static List<Candidate> run(double[][] x, List<Integer> ks, Scorer scorer, long seed, List<String> failures) {
        CovarianceType type = covarianceFor(x[0].length);
        int[] sample = io.segmenta.fitting.Sampling.withoutReplacement(x.length, MAX_ROWS, seed);
        double[][] fitRows = io.segmenta.fitting.Vectors.rows(x, sample);
        String sampled = sample.length < x.length ? "; fitted and BIC on a seeded sample of " + sample.length
                + " rows, every row assigned by maximum posterior" : "";
        List<Candidate> out = new ArrayList<>();
        List<Integer> smileFailedFor = new ArrayList<>();
        for (int k : ks) {
            if (x.length < 2 * k) {
                failures.add("GMM k=" + k + ": needs at least " + 2 * k + " rows");
                continue;
            }
            try {
                GaussianMixture em = new GaussianMixture(new GaussianMixtureParams(k, type, REGULARIZATION, seed));
                String fallback = "";
                GaussianMixtureModel model;
                try {
                    model = em.fit(fitRows);
                } catch (RuntimeException smileFailed) {
                    // Smile's EM has no covariance regularisation: a one-hot or constant column within a component
                    // makes its covariance singular (LAPACK POTRF). The trainer's regularised EM copes.
                    int[] start = KMeansSweep.labels(fitRows, k, seed);
                    model = em.regularisedEm(fitRows, GaussianMixtureModelData.fromHardAssignment(fitRows, start, k, type,
                            REGULARIZATION));
                    fallback = "; Smile's EM failed (" + smileFailed.getMessage() + "), regularised EM used";
                    smileFailedFor.add(k);
                }
                int[] labels = model.predict(x);
                double bic = model.bic(fitRows);
                SegmentFit fit = SegmentFit.gmm(model, x);
                int present = 0;
                for (long s : fit.sizes()) {
                    present += s > 0 ? 1 : 0;
                }
                out.add(new Candidate(Method.GMM, type.name().toLowerCase(java.util.Locale.ROOT), k, labels,
                        Partitions.centroids(x, labels, k), scorer.score(x, labels, k, Double.isFinite(bic) ? bic : null),
                        "EM from a K-Means start, " + type.name().toLowerCase(java.util.Locale.ROOT)
                                + " covariances" + fallback + sampled + (present < k ? "; " + (k - present) + " component(s) own no row" : ""),
                        fit));
            } catch (RuntimeException e) {
                failures.add("GMM k=" + k + ": " + e.getMessage());
            }
        }
        if (!smileFailedFor.isEmpty()) {
            // said once here rather than as Smile's ERROR log line per k: the analysis recovered, nothing is wrong
            failures.add("GMM k=" + smileFailedFor + ": Smile's EM could not factor a covariance (a one-hot or "
                    + "constant column within a segment); the regularised EM was used instead");
        }
        return out;
    }
}
