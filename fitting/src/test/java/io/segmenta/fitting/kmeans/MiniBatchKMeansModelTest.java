package io.segmenta.fitting.kmeans;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MiniBatchKMeansModelTest {

    private static final MiniBatchKMeansModel MODEL = new MiniBatchKMeansModel(
            new KMeansModelData(new double[][] {{0, 0}, {10, 0}}, new double[] {3, 1}));

    @Test
    void updateIsTheCountWeightedAverageOfOldCentroidAndBatch() {
        KMeansPartialSums p = MODEL.partialSums(new double[][] {{1, 0}, {1, 2}, {12, 0}}, 0, 0);
        MiniBatchKMeansModel next = MODEL.update(p, 1.0, 0.0);
        // centroid 0: (3 * (0,0) + (2,2)) / 5; centroid 1: (1 * (10,0) + (12,0)) / 2
        assertThat(next.modelData().centroids()[0]).containsExactly(new double[] {0.4, 0.4}, within(1e-12));
        assertThat(next.modelData().centroids()[1]).containsExactly(new double[] {11, 0}, within(1e-12));
        assertThat(next.modelData().counts()).containsExactly(5, 2);
    }

    @Test
    void decayMakesOldDataWeighLess() {
        KMeansPartialSums p = MODEL.partialSums(new double[][] {{2, 0}}, 0, 0);
        MiniBatchKMeansModel next = MODEL.update(p, 0.5, 0.0);
        // old count 3 decays to 1.5: (1.5 * 0 + 2) / 2.5
        assertThat(next.modelData().centroids()[0][0]).isCloseTo(0.8, within(1e-12));
        assertThat(next.modelData().counts()).containsExactly(new double[] {2.5, 0.5}, within(1e-12));
    }

    @Test
    void aDyingCentroidIsReseededFromAFarPoint() {
        MiniBatchKMeansModel model = new MiniBatchKMeansModel(
                new KMeansModelData(new double[][] {{0, 0}, {100, 100}}, new double[] {500, 0}));
        double[][] batch = {{0, 1}, {1, 0}, {-1, 0}, {300, 0}};
        MiniBatchKMeansModel next = model.update(model.partialSums(batch, 2, 5), 1.0, 0.01);
        // every batch point went to centroid 0, so centroid 1 stays dead and moves to a candidate, far (300,0) first
        assertThat(next.modelData().centroids()[1]).containsExactly(300, 0);
        assertThat(next.modelData().counts()[1]).isEqualTo(next.modelData().counts()[0]);
    }

    @Test
    void predictInertiaAndSizes() {
        double[][] rows = {{1, 0}, {9, 0}, {8, 0}};
        assertThat(MODEL.predict(rows)).containsExactly(0, 1, 1);
        assertThat(MODEL.inertia(rows)).isCloseTo(1 + 1 + 4, within(1e-12));
        assertThat(MODEL.sizes(rows)).containsExactly(1, 2);
    }

    @Test
    void rejectsPartialSumsOfAnotherShape() {
        MiniBatchKMeansModel three = new MiniBatchKMeansModel(KMeansModelData.ofCentroids(
                new double[][] {{0, 0}, {1, 1}, {2, 2}}));
        KMeansPartialSums p = three.partialSums(new double[][] {{0, 0}}, 0, 0);
        assertThatThrownBy(() -> MODEL.update(p, 1, 0)).hasMessageContaining("partial sums are 3x2");
    }

    @Test
    void modelDataIsValidatedAndCopied() {
        double[][] c = {{1, 2}};
        KMeansModelData data = KMeansModelData.ofCentroids(c);
        c[0][0] = 99;
        assertThat(data.centroids()[0][0]).isEqualTo(1);
        assertThatThrownBy(() -> new KMeansModelData(new double[][] {{1}}, new double[] {1, 2}))
                .hasMessageContaining("one entry per centroid");
        assertThatThrownBy(() -> new KMeansModelData(new double[][] {{1}}, new double[] {-1}))
                .hasMessageContaining("counts[0]");
    }
}
