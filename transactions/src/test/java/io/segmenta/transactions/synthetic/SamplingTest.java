package io.segmenta.transactions.synthetic;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SamplingTest {

    private static double mean(java.util.function.DoubleSupplier draw, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += draw.getAsDouble();
        }
        return s / n;
    }

    @Test
    void gapDistributionsHaveTheirStatedMeans() {
        SplittableRandom r = new SplittableRandom(1);
        for (GapDistribution g : new GapDistribution[]{new GapDistribution.Gamma(0.7, 35),
                new GapDistribution.Gamma(4, 5), new GapDistribution.Weibull(1.5, 21),
                new GapDistribution.Weibull(2.5, 13)}) {
            assertThat(mean(() -> g.sampleDays(r), 200_000)).as(g.toString())
                    .isCloseTo(g.meanDays(), within(0.02 * g.meanDays()));
        }
        assertThat(new GapDistribution.Weibull(1, 10).meanDays()).isCloseTo(10, within(1e-6));
    }

    @Test
    void poissonAndLogNormalHaveTheirMeans() {
        SplittableRandom r = new SplittableRandom(2);
        assertThat(mean(() -> Sampling.poisson(r, 3.5), 200_000)).isCloseTo(3.5, within(0.05));
        assertThat(mean(() -> Sampling.poisson(r, 60), 100_000)).isCloseTo(60, within(0.3));
        assertThat(mean(() -> Sampling.logNormalMeanOne(r, 0.4), 200_000)).isCloseTo(1, within(0.01));
    }

    @Test
    void aMixNeverDrawsAZeroWeight() {
        Mix<String> m = Mix.of(java.util.Map.entry("a", 1.0), java.util.Map.entry("b", 0.0));
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            assertThat(m.draw(r)).isEqualTo("a");
        }
        assertThatThrownBy(() -> Mix.of(java.util.Map.entry("a", 0.0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void optionsRefuseWhatCannotBeGenerated() {
        GeneratorOptions o = GeneratorOptions.defaults();
        assertThatThrownBy(() -> o.withCustomers(0)).hasMessageContaining("customers");
        assertThatThrownBy(() -> o.withDays(2)).hasMessageContaining("days");
        assertThatThrownBy(() -> o.withDriftShare(1.5)).hasMessageContaining("drift share");
        assertThatThrownBy(() -> Variant.parse("sometimes")).hasMessageContaining("[stationary, drifting]");
        assertThat(Variant.parse("Drifting")).isEqualTo(Variant.DRIFTING);
    }
}
