package io.segmenta.fitting.gmm;

import io.segmenta.fitting.Blobs;
import io.segmenta.fitting.Vectors;
import io.segmenta.fitting.quality.ClusteringMetrics;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class StepwiseGaussianMixtureTest {

    private static final Blobs BLOBS = Blobs.generate(3, 4, 1000, 3, 6, 8);

    @Test
    void sufficientStatisticsMergedFromShardsEqualThoseOfTheWholeBatch() {
        for (CovarianceType type : CovarianceType.values()) {
            GaussianMixtureModel model = new GaussianMixtureModel(perturbedStart(type));
            double[][] x = BLOBS.rows();
            GaussianMixtureSufficientStats whole = GaussianMixtureSufficientStats.compute(model, x);
            GaussianMixtureSufficientStats merged = GaussianMixtureSufficientStats.compute(model,
                    Arrays.copyOfRange(x, 0, 700)).merge(GaussianMixtureSufficientStats.compute(model,
                    Arrays.copyOfRange(x, 700, 1900))).merge(GaussianMixtureSufficientStats.compute(model,
                    Arrays.copyOfRange(x, 1900, x.length)));
            assertThat(merged.count()).isEqualTo(whole.count());
            assertThat(merged.responsibilities()).containsExactly(whole.responsibilities(), within(1e-9));
            assertThat(merged.logLikelihood()).isCloseTo(whole.logLikelihood(), within(1e-9 * Math.abs(whole.logLikelihood())));
            for (int c = 0; c < 3; c++) {
                assertThat(merged.sums()[c]).containsExactly(whole.sums()[c], within(1e-9));
                assertThat(merged.sumsOfSquares()[c]).containsExactly(whole.sumsOfSquares()[c], within(1e-8));
            }
        }
    }

    @Test
    void aFullStepOnTheWholeDataIsAnEmStep() {
        GaussianMixtureModel model = new GaussianMixtureModel(perturbedStart(CovarianceType.DIAGONAL));
        double[][] x = BLOBS.rows();
        GaussianMixtureModel next = model.update(GaussianMixtureSufficientStats.compute(model, x), 1.0, 0.0);
        // M-step by hand for component 0
        double r = 0;
        double[] mean = new double[4];
        for (double[] row : x) {
            double p = model.posteriors(row)[0];
            r += p;
            for (int j = 0; j < 4; j++) {
                mean[j] += p * row[j];
            }
        }
        for (int j = 0; j < 4; j++) {
            mean[j] /= r;
        }
        assertThat(next.modelData().weights()[0]).isCloseTo(r / x.length, within(1e-9));
        assertThat(next.modelData().means()[0]).containsExactly(mean, within(1e-9));
        assertThat(next.logLikelihood(x)).isGreaterThan(model.logLikelihood(x));
    }

    @Test
    void warmStartedStepwiseEmConvergesToTheBlobs() {
        for (CovarianceType type : CovarianceType.values()) {
            GaussianMixtureModel model = new StepwiseGaussianMixture(StepwiseGaussianMixtureParams.defaults()
                    .withBatches(256, 100)).fit(BLOBS.rows(), perturbedStart(type));
            assertThat(ClusteringMetrics.adjustedRandIndex(BLOBS.truth(), model.predict(BLOBS.rows())))
                    .as(type.name()).isGreaterThan(0.97);
            for (int c = 0; c < 3; c++) {
                double[] mean = model.modelData().means()[c];
                double nearest = Arrays.stream(BLOBS.centers()).mapToDouble(t -> Vectors.distance(t, mean)).min()
                        .orElseThrow();
                assertThat(nearest).as(type + " component " + c).isLessThan(0.25);
            }
        }
    }

    @Test
    void paramsAreValidated() {
        StepwiseGaussianMixtureParams p = StepwiseGaussianMixtureParams.defaults();
        assertThat(p.stepSize(0)).isCloseTo(Math.pow(2, -0.7), within(1e-12));
        assertThatThrownBy(() -> p.withStep(0.5, 2)).hasMessageContaining("stepExponent must be in (0.5, 1]");
        assertThatThrownBy(() -> p.withStep(0.7, 0.5)).hasMessageContaining("stepOffset must be");
        assertThatThrownBy(() -> p.withBatches(0, 1)).hasMessageContaining("batchSize");
        GaussianMixtureModel m = new GaussianMixtureModel(perturbedStart(CovarianceType.DIAGONAL));
        assertThatThrownBy(() -> m.update(m.newStats(), 1.5, 0)).hasMessageContaining("stepSize");
    }

    /** The true blobs' moments, with each mean pushed off by about one unit and a too-wide covariance. */
    static GaussianMixtureModelData perturbedStart(CovarianceType type) {
        double[][] means = Vectors.copy(BLOBS.centers());
        double[][] covs = new double[3][];
        for (int c = 0; c < 3; c++) {
            means[c][0] += 0.8;
            means[c][1] -= 0.6;
            covs[c] = new double[type.storedLength(4)];
            for (int j = 0; j < 4; j++) {
                covs[c][type == CovarianceType.DIAGONAL ? j : j * 4 + j] = 3.0;
            }
        }
        return new GaussianMixtureModelData(type, new double[] {0.2, 0.3, 0.5}, means, covs);
    }
}
