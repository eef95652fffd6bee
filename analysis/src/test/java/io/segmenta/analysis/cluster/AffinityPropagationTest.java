package io.segmenta.analysis.cluster;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class AffinityPropagationTest {

    static double[][] blobs(int perBlob, double spread, long seed) {
        double[][] centres = {{0, 0}, {10, 0}, {5, 9}};
        Random r = new Random(seed);
        double[][] x = new double[3 * perBlob][];
        for (int i = 0; i < x.length; i++) {
            double[] c = centres[i / perBlob];
            x[i] = new double[] {c[0] + spread * r.nextGaussian(), c[1] + spread * r.nextGaussian()};
        }
        return x;
    }

    @Test
    void findsTheThreeBlobsWithTheMinimumPreference() {
        double[][] x = blobs(25, 0.5, 1);
        AffinityPropagation.Result fit = AffinityPropagation.DEFAULTS.fit(x, AffinityPropagation.Preference.MINIMUM);
        assertThat(fit.converged()).isTrue();
        assertThat(fit.exemplars()).hasSize(3);
        for (int b = 0; b < 3; b++) {
            int label = fit.labels()[b * 25];
            for (int i = b * 25; i < (b + 1) * 25; i++) {
                assertThat(fit.labels()[i]).isEqualTo(label);
            }
        }
    }

    @Test
    void theMedianPreferenceGivesAtLeastAsManyClusters() {
        double[][] x = blobs(25, 0.5, 2);
        int minimum = AffinityPropagation.DEFAULTS.fit(x, AffinityPropagation.Preference.MINIMUM).exemplars().length;
        int median = AffinityPropagation.DEFAULTS.fit(x, AffinityPropagation.Preference.MEDIAN).exemplars().length;
        assertThat(median).isGreaterThanOrEqualTo(minimum);
    }
}
