package io.segmenta.fitting.gmm;

import org.junit.jupiter.api.Test;
import smile.math.matrix.Matrix;
import smile.stat.distribution.MultivariateGaussianDistribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GaussianMixtureModelTest {

    static final double[][] FULL_COV = {{2.0, 0.6, 0.1}, {0.6, 1.0, -0.3}, {0.1, -0.3, 0.5}};

    static GaussianMixtureModel fullModel() {
        return new GaussianMixtureModel(new GaussianMixtureModelData(CovarianceType.FULL, new double[] {0.3, 0.7},
                new double[][] {{0, 0, 0}, {3, 1, -1}},
                new double[][] {flat(FULL_COV), flat(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}})}));
    }

    @Test
    void fullLogDensityMatchesSmile() {
        GaussianMixtureModel model = fullModel();
        MultivariateGaussianDistribution smile =
                new MultivariateGaussianDistribution(new double[] {0, 0, 0}, Matrix.of(FULL_COV));
        double[] x = {0.5, -1.2, 0.7};
        assertThat(model.logDensity(0, x)).isCloseTo(smile.logp(x), within(1e-9));
    }

    @Test
    void diagonalLogDensityMatchesSmile() {
        GaussianMixtureModel model = new GaussianMixtureModel(new GaussianMixtureModelData(CovarianceType.DIAGONAL,
                new double[] {1.0}, new double[][] {{1, 2}}, new double[][] {{0.5, 4.0}}));
        MultivariateGaussianDistribution smile =
                new MultivariateGaussianDistribution(new double[] {1, 2}, new double[] {0.5, 4.0});
        double[] x = {0.2, 5};
        assertThat(model.logDensity(0, x)).isCloseTo(smile.logp(x), within(1e-9));
        assertThat(model.logLikelihood(new double[][] {x})).isCloseTo(smile.logp(x), within(1e-9));
    }

    @Test
    void posteriorsSumToOneAndPickTheNearComponent() {
        GaussianMixtureModel model = fullModel();
        double[] p = model.posteriors(new double[] {3, 1, -1});
        assertThat(p[0] + p[1]).isCloseTo(1.0, within(1e-12));
        assertThat(p[1]).isGreaterThan(0.9);
        assertThat(model.predict(new double[] {3, 1, -1})).isEqualTo(1);
        assertThat(model.predict(new double[] {0, 0, 0})).isZero();
    }

    @Test
    void bicCountsFreeParameters() {
        GaussianMixtureModel model = fullModel();
        // 1 weight + 2 x 3 means + 2 x 6 covariance entries
        assertThat(model.modelData().freeParameters()).isEqualTo(19);
        assertThat(model.bic(-100.0, 50)).isCloseTo(200 + 19 * Math.log(50), within(1e-9));
    }

    @Test
    void dataIsValidated() {
        assertThatThrownBy(() -> new GaussianMixtureModelData(CovarianceType.DIAGONAL, new double[] {0.5, 0.6},
                new double[][] {{0}, {1}}, new double[][] {{1}, {1}})).hasMessageContaining("sum to 1");
        assertThatThrownBy(() -> new GaussianMixtureModelData(CovarianceType.DIAGONAL, new double[] {1},
                new double[][] {{0, 0}}, new double[][] {{1}})).hasMessageContaining("must have 2 values");
        assertThatThrownBy(() -> new GaussianMixtureModelData(CovarianceType.DIAGONAL, new double[] {1},
                new double[][] {{0}}, new double[][] {{0}})).hasMessageContaining("variance 0 of component 0");
        assertThatThrownBy(() -> new GaussianMixtureModel(new GaussianMixtureModelData(CovarianceType.FULL,
                new double[] {1}, new double[][] {{0, 0}}, new double[][] {{1, 2, 2, 1}})))
                .hasMessageContaining("not positive definite");
    }

    static double[] flat(double[][] m) {
        int d = m.length;
        double[] out = new double[d * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(m[i], 0, out, i * d, d);
        }
        return out;
    }
}
