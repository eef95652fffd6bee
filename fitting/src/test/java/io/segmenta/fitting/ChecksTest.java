package io.segmenta.fitting;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChecksTest {

    @Test
    void matrixMustBeRectangularAndNonEmpty() {
        assertThat(Checks.matrix("m", new double[][] {{1, 2}, {3, 4}})).isEqualTo(2);
        assertThatThrownBy(() -> Checks.matrix("m", new double[0][])).hasMessageContaining("at least one row");
        assertThatThrownBy(() -> Checks.matrix("m", new double[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1 has 1 columns");
    }

    @Test
    void finiteMatrixRejectsNaN() {
        assertThatThrownBy(() -> Checks.finiteMatrix("data", new double[][] {{1, Double.NaN}}))
                .hasMessageContaining("data[0][1] is not finite");
    }

    @Test
    void rangesNameTheParameter() {
        assertThatThrownBy(() -> Checks.within("decayFactor", 1.5, 0, 1))
                .hasMessage("decayFactor must be in [0.0, 1.0], got 1.5");
        assertThatThrownBy(() -> Checks.atLeast("k", 0, 1)).hasMessage("k must be >= 1, got 0");
        assertThatThrownBy(() -> Checks.positive("scale", Double.NaN)).hasMessageContaining("scale must be");
    }

    @Test
    void samplingIsSeededDistinctAndBounded() {
        int[] a = Sampling.withoutReplacement(10_000, 2000, 7);
        int[] b = Sampling.withoutReplacement(10_000, 2000, 7);
        assertThat(a).hasSize(2000).isEqualTo(b).doesNotHaveDuplicates().isSorted();
        assertThat(Sampling.withoutReplacement(5, 10, 1)).containsExactly(0, 1, 2, 3, 4);
    }
}
