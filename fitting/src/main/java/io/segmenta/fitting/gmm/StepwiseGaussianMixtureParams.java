package io.segmenta.fitting.gmm;

import io.segmenta.fitting.Checks;

/**
 * Parameters of {@link StepwiseGaussianMixture}. The step size of batch t (from 0) is
 * {@code (t + stepOffset)^-stepExponent}; the exponent in (0.5, 1] satisfies the Robbins-Monro conditions.
 * A larger offset trusts the starting model more, which suits a warm-started refit.
 *
 * @param batchSize      points per mini-batch (sampled with replacement)
 * @param maxBatches     mini-batches of one fit
 * @param stepExponent   alpha in (0.5, 1]; 0.7 is Liang and Klein's recommendation
 * @param stepOffset     t0 >= 1, so the first step is at most 1
 * @param regularization added to every variance at each M-step
 * @param seed           seeds the batch sampling
 */
public record StepwiseGaussianMixtureParams(int batchSize, int maxBatches, double stepExponent, double stepOffset,
                                            double regularization, long seed) {

    public StepwiseGaussianMixtureParams {
        Checks.atLeast("batchSize", batchSize, 1);
        Checks.atLeast("maxBatches", maxBatches, 1);
        if (!(stepExponent > 0.5 && stepExponent <= 1.0)) {
            throw new IllegalArgumentException("stepExponent must be in (0.5, 1], got " + stepExponent);
        }
        if (!(stepOffset >= 1.0) || Double.isInfinite(stepOffset)) {
            throw new IllegalArgumentException("stepOffset must be a finite number >= 1, got " + stepOffset);
        }
        Checks.nonNegative("regularization", regularization);
    }

    public static StepwiseGaussianMixtureParams defaults() {
        return new StepwiseGaussianMixtureParams(1024, 200, 0.7, 2.0, GaussianMixtureParams.DEFAULT_REGULARIZATION,
                42L);
    }

    public StepwiseGaussianMixtureParams withBatches(int newBatchSize, int newMaxBatches) {
        return new StepwiseGaussianMixtureParams(newBatchSize, newMaxBatches, stepExponent, stepOffset, regularization,
                seed);
    }

    public StepwiseGaussianMixtureParams withStep(double exponent, double offset) {
        return new StepwiseGaussianMixtureParams(batchSize, maxBatches, exponent, offset, regularization, seed);
    }

    public StepwiseGaussianMixtureParams withSeed(long newSeed) {
        return new StepwiseGaussianMixtureParams(batchSize, maxBatches, stepExponent, stepOffset, regularization,
                newSeed);
    }

    /** Step size of batch t (0-based). */
    public double stepSize(int t) {
        return Math.pow(t + stepOffset, -stepExponent);
    }
}
