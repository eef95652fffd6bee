package io.segmenta.fitting.gmm;

import io.segmenta.fitting.Blobs;
import io.segmenta.fitting.quality.ClusteringMetrics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GaussianMixtureTest {

    private static final Blobs BLOBS = Blobs.generate(3, 4, 400, 3, 6, 21);

    @Test
    void diagonalAndFullFitsRecoverSeparatedBlobs() {
        for (CovarianceType type : CovarianceType.values()) {
            GaussianMixtureModel model = new GaussianMixture(GaussianMixtureParams.defaults(3, type))
                    .fit(BLOBS.rows());
            assertThat(model.covarianceType()).isEqualTo(type);
            assertThat(model.k()).isEqualTo(3);
            assertThat(ClusteringMetrics.adjustedRandIndex(BLOBS.truth(), model.predict(BLOBS.rows())))
                    .as(type.name()).isGreaterThan(0.97);
            // unit-variance noise: every fitted variance is near 1
            for (double[] cov : model.modelData().covariances()) {
                int d = 4;
                for (int j = 0; j < d; j++) {
                    double v = type == CovarianceType.DIAGONAL ? cov[j] : cov[j * d + j];
                    assertThat(v).isBetween(0.7, 1.4);
                }
            }
        }
    }

    @Test
    void covariancesAreRegularised() {
        // the second column is constant: its variance would be 0 without the regularisation
        double[][] x = new double[200][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {i % 2 == 0 ? i * 0.01 : 10 + i * 0.01, 5.0};
        }
        GaussianMixtureModel model = new GaussianMixture(
                GaussianMixtureParams.defaults(2, CovarianceType.DIAGONAL).withRegularization(1e-3)).fit(x);
        for (double[] cov : model.modelData().covariances()) {
            assertThat(cov[1]).isGreaterThanOrEqualTo(1e-3);
        }
    }

    @Test
    void warmStartFromAGivenMixture() {
        GaussianMixtureModel first = new GaussianMixture(GaussianMixtureParams.defaults(3, CovarianceType.FULL))
                .fit(BLOBS.rows());
        GaussianMixtureModel again = new GaussianMixture(GaussianMixtureParams.defaults(3, CovarianceType.FULL))
                .fit(BLOBS.rows(), first.modelData());
        assertThat(again.predict(BLOBS.rows())).isEqualTo(first.predict(BLOBS.rows()));
    }

    @Test
    void paramsAreValidated() {
        assertThatThrownBy(() -> GaussianMixtureParams.defaults(0, CovarianceType.FULL))
                .hasMessage("k must be >= 1, got 0");
        assertThatThrownBy(() -> GaussianMixtureParams.defaults(2, CovarianceType.FULL).withRegularization(-1))
                .hasMessageContaining("regularization");
        assertThatThrownBy(() -> new GaussianMixture(GaussianMixtureParams.defaults(5, CovarianceType.FULL))
                .fit(new double[][] {{1}, {2}, {3}})).hasMessageContaining("at least 2k = 10 rows");
    }
}
