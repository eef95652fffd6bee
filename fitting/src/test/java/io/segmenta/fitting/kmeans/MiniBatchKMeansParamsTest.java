package io.segmenta.fitting.kmeans;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MiniBatchKMeansParamsTest {

    @Test
    void defaultsRememberEverything() {
        MiniBatchKMeansParams p = MiniBatchKMeansParams.defaults(8);
        assertThat(p.decayFactor()).isEqualTo(1.0);
        assertThat(p.halfLife()).isInfinite();
        assertThat(p.batchSize()).isEqualTo(1024);
        assertThat(p.initSampleSize()).isEqualTo(3 * 1024);
        assertThat(p.reassignmentRatio()).isEqualTo(0.01);
    }

    @Test
    void halfLifeAndDecayFactorAreTwoViewsOfOneSetting() {
        MiniBatchKMeansParams p = MiniBatchKMeansParams.defaults(3).withHalfLife(10);
        assertThat(Math.pow(p.decayFactor(), 10)).isCloseTo(0.5, within(1e-12));
        assertThat(p.halfLife()).isCloseTo(10, within(1e-9));
        assertThat(MiniBatchKMeansParams.defaults(3).withDecayFactor(0).halfLife()).isZero();
        assertThat(MiniBatchKMeansParams.decayFactorForHalfLife(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
    }

    @Test
    void rejectsInvalidValuesWithTheParameterName() {
        MiniBatchKMeansParams p = MiniBatchKMeansParams.defaults(3);
        assertThatThrownBy(() -> MiniBatchKMeansParams.defaults(0)).hasMessage("k must be >= 1, got 0");
        assertThatThrownBy(() -> p.withDecayFactor(1.5)).hasMessageContaining("decayFactor must be in [0.0, 1.0]");
        assertThatThrownBy(() -> p.withHalfLife(-2)).hasMessageContaining("halfLife must be");
        assertThatThrownBy(() -> p.withReassignmentRatio(0.9)).hasMessageContaining("reassignmentRatio");
        assertThatThrownBy(() -> p.withBatchSize(0)).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> p.withInit(2, 1)).hasMessageContaining("initSampleSize must be >= k (3)");
        assertThatThrownBy(() -> p.withMaxBatches(0)).hasMessageContaining("maxBatches");
    }
}
