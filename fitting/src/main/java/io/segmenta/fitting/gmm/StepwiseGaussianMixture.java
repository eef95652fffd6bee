package io.segmenta.fitting.gmm;

import io.segmenta.fitting.Checks;

import java.util.SplittableRandom;

/**
 * Mini-batch (stepwise) EM for a Gaussian mixture, warm-started from a previous model. Each batch is reduced to
 * {@link GaussianMixtureSufficientStats} and blended into the model with a decreasing step size
 * ({@link GaussianMixtureModel#update}); a distributed job computes the stats on workers and merges them.
 */
public final class StepwiseGaussianMixture {

    private final StepwiseGaussianMixtureParams params;

    public StepwiseGaussianMixture(StepwiseGaussianMixtureParams params) {
        this.params = params;
    }

    public StepwiseGaussianMixtureParams params() {
        return params;
    }

    /**
     * Refines {@code start} on {@code data}. For a cold start pass
     * {@link GaussianMixtureModelData#fromHardAssignment} of a K-Means fit.
     */
    public GaussianMixtureModel fit(double[][] data, GaussianMixtureModelData start) {
        int d = Checks.finiteMatrix("data", data);
        if (start.dimension() != d) {
            throw new IllegalArgumentException("start has dimension " + start.dimension() + " but the data has " + d);
        }
        GaussianMixtureModel model = new GaussianMixtureModel(start);
        SplittableRandom random = new SplittableRandom(params.seed());
        int n = data.length;
        int batchSize = Math.min(params.batchSize(), n);
        for (int t = 0; t < params.maxBatches(); t++) {
            GaussianMixtureSufficientStats stats = model.newStats();
            for (int i = 0; i < batchSize; i++) {
                stats.add(data[random.nextInt(n)]);
            }
            model = model.update(stats, params.stepSize(t), params.regularization());
        }
        return model;
    }
}
