package io.segmenta.analysis.prepare;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class KnnImputerTest {

    @Test
    void fillsAGapFromTheNearestRowsThatHaveTheValue() {
        double nan = Double.NaN;
        double[][] raw = {{1, 10}, {1.1, 11}, {0.9, 12}, {9, 100}, {9.2, 101}, {1.05, nan}, {9.1, nan}};
        KnnImputer.Result r = KnnImputer.impute(raw, 2);
        assertThat(r.filled()).isEqualTo(2);
        assertThat(r.values()[5][1]).isBetween(10.0, 12.0); // its neighbours, not the median (12)
        assertThat(r.values()[6][1]).isCloseTo(100.5, within(1e-9));
        assertThat(raw[5][1]).isNaN(); // input untouched
    }
}
