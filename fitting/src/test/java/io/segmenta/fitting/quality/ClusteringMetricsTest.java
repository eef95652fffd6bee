package io.segmenta.fitting.quality;

import io.segmenta.fitting.Blobs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ClusteringMetricsTest {

    // two 1-d clusters {0, 1} and {4, 5}, worked by hand
    private static final double[][] ROWS = {{0}, {1}, {4}, {5}};
    private static final int[] LABELS = {0, 0, 1, 1};

    @Test
    void silhouetteOfATinyExample() {
        // point 0: a = 1, b = (4 + 5) / 2 = 4.5 -> 3.5 / 4.5; point 1: a = 1, b = 3.5 -> 2.5 / 3.5; symmetric
        double expected = (3.5 / 4.5 + 2.5 / 3.5) / 2;
        ClusteringMetrics.Silhouette s = ClusteringMetrics.silhouette(ROWS, LABELS, 2000, 1);
        assertThat(s.mean()).isCloseTo(expected, within(1e-12));
        assertThat(s.sampleSize()).isEqualTo(4);
    }

    @Test
    void silhouetteIsComputedOnABoundedSeededSample() {
        Blobs blobs = Blobs.generate(3, 2, 2000, 5, 6, 3);
        ClusteringMetrics.Silhouette a = ClusteringMetrics.silhouette(blobs.rows(), blobs.truth(), 500, 9);
        ClusteringMetrics.Silhouette b = ClusteringMetrics.silhouette(blobs.rows(), blobs.truth(), 500, 9);
        assertThat(a.sampleSize()).isEqualTo(500);
        assertThat(a.mean()).isEqualTo(b.mean()).isBetween(0.4, 1.0);
        int[] scrambled = new int[blobs.truth().length];
        for (int i = 0; i < scrambled.length; i++) {
            scrambled[i] = (i / 3) % 3; // independent of the truth, which is i % 3
        }
        assertThat(ClusteringMetrics.silhouette(blobs.rows(), scrambled, 500, 9).mean()).isLessThan(0.05);
        assertThat(ClusteringMetrics.silhouette(ROWS, new int[] {0, 0, 0, 0}, 10, 1).mean()).isNaN();
    }

    @Test
    void daviesBouldinAndCalinskiHarabaszOfATinyExample() {
        // centroids 0.5 and 4.5, scatter 0.5 each, separation 4 -> DB = 1 / 4
        assertThat(ClusteringMetrics.daviesBouldin(ROWS, LABELS)).isCloseTo(0.25, within(1e-12));
        // between = 2 * 2^2 * 2 = 16 over 1 dof; within = 4 * 0.25 = 1 over 2 dof -> 32
        assertThat(ClusteringMetrics.calinskiHarabasz(ROWS, LABELS)).isCloseTo(32, within(1e-12));
        assertThat(ClusteringMetrics.inertia(ROWS, new double[][] {{0.5}, {4.5}}, LABELS))
                .isCloseTo(1.0, within(1e-12));
    }

    @Test
    void externalMetricsIgnoreLabelNames() {
        int[] truth = {0, 0, 1, 1, 2, 2};
        int[] renamed = {2, 2, 0, 0, 1, 1};
        assertThat(ClusteringMetrics.adjustedRandIndex(truth, renamed)).isCloseTo(1.0, within(1e-12));
        assertThat(ClusteringMetrics.normalizedMutualInformation(truth, renamed)).isCloseTo(1.0, within(1e-12));
        assertThat(ClusteringMetrics.adjustedRandIndex(truth, new int[] {0, 1, 0, 1, 0, 1})).isLessThan(0.1);
        assertThatThrownBy(() -> ClusteringMetrics.adjustedRandIndex(truth, new int[] {0}))
                .hasMessageContaining("equal length");
    }

    @Test
    void rejectsBadLabels() {
        assertThatThrownBy(() -> ClusteringMetrics.daviesBouldin(ROWS, new int[] {0, 1}))
                .hasMessageContaining("labels has 2 entries for 4 rows");
        assertThatThrownBy(() -> ClusteringMetrics.calinskiHarabasz(ROWS, new int[] {0, -1, 0, 1}))
                .hasMessageContaining("labels[1] = -1");
    }
}
