package io.segmenta.fitting.gmm;

import io.segmenta.fitting.Checks;

import java.util.Objects;

/**
 * Parameters of the batch {@link GaussianMixture} fit.
 *
 * @param k              number of components
 * @param covarianceType DIAGONAL or FULL
 * @param regularization added to every variance after the fit, so that no component collapses onto a point and
 *                       every covariance stays invertible (scikit-learn's reg_covar)
 * @param seed           seeds Smile's generator for its k-means++-style initialisation
 */
public record GaussianMixtureParams(int k, CovarianceType covarianceType, double regularization, long seed) {

    public static final double DEFAULT_REGULARIZATION = 1e-6;
    public static final long DEFAULT_SEED = 42L;

    public GaussianMixtureParams {
        Checks.atLeast("k", k, 1);
        Objects.requireNonNull(covarianceType, "covarianceType");
        Checks.nonNegative("regularization", regularization);
    }

    public static GaussianMixtureParams defaults(int k, CovarianceType covarianceType) {
        return new GaussianMixtureParams(k, covarianceType, DEFAULT_REGULARIZATION, DEFAULT_SEED);
    }

    public GaussianMixtureParams withK(int newK) {
        return new GaussianMixtureParams(newK, covarianceType, regularization, seed);
    }

    public GaussianMixtureParams withRegularization(double epsilon) {
        return new GaussianMixtureParams(k, covarianceType, epsilon, seed);
    }

    public GaussianMixtureParams withSeed(long newSeed) {
        return new GaussianMixtureParams(k, covarianceType, regularization, newSeed);
    }
}
