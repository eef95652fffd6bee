package io.segmenta.fitting.estimate;

import io.segmenta.avro.Algorithm;
import io.segmenta.fitting.Blobs;
import io.segmenta.fitting.assembly.SegmentFit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EstimatorsTest {

    private static final Blobs BLOBS = Blobs.generate(3, 2, 100, 6, 8, 3);

    @Test
    void everyServableAlgorithmHasAnEstimatorThatFitsIt() {
        assertThat(Estimators.algorithms()).containsExactlyInAnyOrder(Algorithm.KMEANS, Algorithm.GMM_DIAGONAL,
                Algorithm.GMM_FULL);
        for (Algorithm algorithm : Estimators.algorithms()) {
            SegmentEstimator estimator = Estimators.forAlgorithm(algorithm);
            SegmentFit fit = estimator.fit(BLOBS.rows(), 3, 1);
            assertThat(fit.algorithm()).isEqualTo(algorithm);
            assertThat(fit.k()).isEqualTo(3);
            assertThat(estimator.quality(BLOBS.rows(), fit, 200, 1).getK()).isEqualTo(3);
        }
    }

    @Test
    void aWarmFitConvertsAParentOfAnotherAlgorithm() {
        SegmentFit kmeans = Estimators.forAlgorithm(Algorithm.KMEANS).fit(BLOBS.rows(), 3, 1);

        WarmFit warm = Estimators.forAlgorithm(Algorithm.GMM_FULL).warmFit(BLOBS.rows(), kmeans, 1, 0.98);

        assertThat(warm.fit().algorithm()).isEqualTo(Algorithm.GMM_FULL);
        assertThat(warm.fit().k()).isEqualTo(3);
        assertThat(warm.fresh()).isFalse();
    }

    @Test
    void aFitFromScratchReplacesTheWarmStartOnlyWhenItsInertiaIsLowEnough() {
        // given: uniform points (no clusters: many optima of about the same inertia) and a parent fitted on them
        java.util.Random random = new java.util.Random(5);
        double[][] rows = new double[600][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {random.nextDouble(), random.nextDouble()};
        }
        SegmentEstimator kmeans = Estimators.forAlgorithm(Algorithm.KMEANS);
        SegmentFit parent = kmeans.fit(rows, 4, 1);

        // when: the warm start from it races a fit from scratch (another seed) that must be 5 % better
        WarmFit strict = kmeans.warmFit(rows, parent, 2, 0.95);

        // then: another optimum of about the same inertia does not replace the one nearest the parent
        assertThat(strict.fresh()).isFalse();
        assertThat(strict.fit().k()).isEqualTo(4);
        assertThatThrownBy(() -> kmeans.warmFit(rows, parent, 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kmeans.warmFit(rows, parent, 2, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usersNameAnEstimatorByAnyOfItsSpellings() {
        assertThat(Estimators.forName("K-Means").algorithm()).isEqualTo(Algorithm.KMEANS);
        assertThat(Estimators.forName(" gmm ").algorithm()).isEqualTo(Algorithm.GMM_DIAGONAL);
        assertThat(Estimators.forName("GMM_FULL").algorithm()).isEqualTo(Algorithm.GMM_FULL);
        assertThat(Estimators.describeNames()).isEqualTo("kmeans, gmm-diagonal or gmm-full");
        assertThatThrownBy(() -> Estimators.forName("dbscan")).hasMessage("must be kmeans, gmm-diagonal or gmm-full");
    }

    @Test
    void anAlgorithmNobodyRegisteredIsRefused() {
        assertThatThrownBy(() -> Estimators.forAlgorithm(Algorithm.UNKNOWN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no estimator for algorithm UNKNOWN");
    }
}
