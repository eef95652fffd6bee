package io.segmenta.analysis.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KDistanceTest {

    @Test
    void theKneeIsWhereTheCurveTurnsUp() {
        double[] curve = new double[100];
        for (int i = 0; i < 100; i++) {
            curve[i] = i < 80 ? 1 + i * 0.01 : 1.8 + (i - 79) * 0.5;
        }
        assertThat(KDistance.knee(curve)).isBetween(78, 82);
    }

    @Test
    void epsSeparatesDenseBlobsFromTheGapBetweenThem() {
        double[][] x = AffinityPropagationTest.blobs(40, 0.3, 3);
        KDistance d = KDistance.of(x, 4, 2000, 1);
        assertThat(d.sortedDistances()).hasSize(120).isSorted();
        assertThat(d.eps()).isLessThan(3.0).isPositive(); // blobs are 10 apart
    }
}
