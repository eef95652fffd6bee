package io.segmenta.fitting.estimate;

import io.segmenta.avro.Algorithm;
import io.segmenta.avro.QualityMetrics;
import io.segmenta.fitting.assembly.SegmentFit;
import io.segmenta.fitting.gmm.CovarianceType;
import io.segmenta.fitting.gmm.GaussianMixture;
import io.segmenta.fitting.gmm.GaussianMixtureModel;
import io.segmenta.fitting.gmm.GaussianMixtureParams;
import io.segmenta.fitting.gmm.StepwiseGaussianMixture;
import io.segmenta.fitting.gmm.StepwiseGaussianMixtureParams;
import io.segmenta.fitting.quality.QualityReport;
import io.segmenta.fitting.select.ClusterCountSelector;
import io.segmenta.fitting.select.KSelection;

import java.util.Objects;

/** A Gaussian mixture with diagonal or full covariances: batch EM from scratch, stepwise EM from a parent; k by BIC. */
public final class GaussianMixtureEstimator implements SegmentEstimator {

    private final CovarianceType covarianceType;

    public GaussianMixtureEstimator(CovarianceType covarianceType) {
        this.covarianceType = Objects.requireNonNull(covarianceType, "covarianceType");
    }

    @Override
    public Algorithm algorithm() {
        return covarianceType.algorithm();
    }

    @Override
    public java.util.List<String> names() {
        // a bare "gmm" is the diagonal one: the cheaper shape, and the one most tools mean by default
        return covarianceType == CovarianceType.DIAGONAL ? java.util.List.of("gmm-diagonal", "gmm")
                : java.util.List.of("gmm-full");
    }

    @Override
    public SegmentFit fit(double[][] rows, int k, long seed) {
        GaussianMixtureModel model = new GaussianMixture(GaussianMixtureParams.defaults(k, covarianceType)
                .withSeed(seed)).fit(rows);
        return SegmentFit.gmm(model, rows);
    }

    /** Stepwise EM from the parent as a mixture of this covariance shape (see {@link SegmentFit#asMixture}). */
    @Override
    public WarmFit warmFit(double[][] rows, SegmentFit parent, long seed, double freshAdvantage) {
        // stepwise EM from the parent only: no fresh EM competes (it is costly, and its likelihoods not comparable
        // by inertia), so the advantage is not used
        GaussianMixtureModel model = new StepwiseGaussianMixture(StepwiseGaussianMixtureParams.defaults()
                .withSeed(seed)).fit(rows, parent.asMixture(covarianceType));
        return new WarmFit(SegmentFit.gmm(model, rows), false);
    }

    @Override
    public KSelection selectK(double[][] rows, int kMin, int kMax, long seed, int silhouetteSample,
                              double minSegmentShare) {
        return ClusterCountSelector.byBic(rows, kMin, kMax,
                GaussianMixtureParams.defaults(kMin, covarianceType).withSeed(seed), minSegmentShare);
    }

    @Override
    public QualityMetrics quality(double[][] rows, SegmentFit fit, int silhouetteSample, long seed) {
        GaussianMixtureModel mixture = fit.mixture().orElseThrow(() -> new IllegalArgumentException(
                "a " + fit.algorithm() + " fit is not a mixture"));
        return QualityReport.gmm(rows, mixture, silhouetteSample, seed);
    }
}
