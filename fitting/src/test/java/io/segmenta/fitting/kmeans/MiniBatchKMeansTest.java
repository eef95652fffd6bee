package io.segmenta.fitting.kmeans;

import io.segmenta.fitting.Blobs;
import io.segmenta.fitting.quality.ClusteringMetrics;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MiniBatchKMeansTest {

    /** Quality bar (a): 8 overlapping blobs in 10 dimensions, 2,000 points each. */
    @Test
    void matchesSmileBatchKMeansInertiaWithinTwoPercentAndRecoversTheTruth() {
        Blobs blobs = Blobs.generate(8, 10, 2000, 1.2, 4.5, 2);
        double[][] x = blobs.rows();

        MiniBatchKMeansModel smile = BatchKMeans.fit(x, 8, 100, 1, 7);
        MiniBatchKMeansModel mini = new MiniBatchKMeans(MiniBatchKMeansParams.defaults(8)).fit(x);

        double smileInertia = smile.inertia(x);
        assertThat(mini.inertia(x)).isLessThanOrEqualTo(1.02 * smileInertia);
        assertThat(ClusteringMetrics.adjustedRandIndex(blobs.truth(), mini.predict(x))).isGreaterThanOrEqualTo(0.85);
        // the blobs overlap: some points sit nearer another centre, so the truth is not perfectly recoverable
        assertThat(ClusteringMetrics.adjustedRandIndex(blobs.truth(), mini.predict(x))).isLessThan(0.999);
    }

    @Test
    void theSameSeedGivesTheSameModel() {
        double[][] x = Blobs.generate(4, 3, 300, 3, 4, 5).rows();
        MiniBatchKMeansParams p = MiniBatchKMeansParams.defaults(4).withBatchSize(100).withSeed(9);
        assertThat(new MiniBatchKMeans(p).fit(x).modelData()).isEqualTo(new MiniBatchKMeans(p).fit(x).modelData());
        assertThat(new MiniBatchKMeans(p.withSeed(10)).fit(x).modelData())
                .isNotEqualTo(new MiniBatchKMeans(p).fit(x).modelData());
    }

    @Test
    void aWarmStartWithFewerCentroidsAddsTheMissingOnesWhereTheDataIs() {
        Blobs blobs = Blobs.generate(3, 2, 300, 10, 8, 3);
        double[][] previous = Arrays.copyOf(blobs.centers(), 2);
        KMeansModelData warm = new KMeansModelData(previous, new double[] {1000, 1000});
        MiniBatchKMeansModel model = new MiniBatchKMeans(MiniBatchKMeansParams.defaults(3).withBatchSize(100))
                .fit(blobs.rows(), warm);
        assertThat(model.k()).isEqualTo(3);
        assertThat(ClusteringMetrics.adjustedRandIndex(blobs.truth(), model.predict(blobs.rows())))
                .isGreaterThan(0.95);
        // the warm centroids keep their index
        assertThat(model.predict(blobs.centers()[0])).isEqualTo(0);
        assertThat(model.predict(blobs.centers()[1])).isEqualTo(1);
    }

    @Test
    void theListenerCanStopTheFit() {
        double[][] x = Blobs.generate(2, 2, 100, 3, 3, 1).rows();
        int[] calls = {0};
        new MiniBatchKMeans(MiniBatchKMeansParams.defaults(2).withBatchSize(10).withMaxNoImprovement(0))
                .fit(x, null, (batches, model) -> ++calls[0] < 5);
        assertThat(calls[0]).isEqualTo(5);
    }

    @Test
    void rejectsBadInput() {
        MiniBatchKMeans fit = new MiniBatchKMeans(MiniBatchKMeansParams.defaults(3));
        assertThatThrownBy(() -> fit.fit(new double[][] {{1}, {2}})).hasMessageContaining("need at least k = 3 rows");
        double[][] x = Blobs.generate(3, 2, 20, 3, 3, 1).rows();
        KMeansModelData tooMany = KMeansModelData.ofCentroids(new double[][] {{0, 0}, {1, 1}, {2, 2}, {3, 3}});
        assertThatThrownBy(() -> fit.fit(x, tooMany)).hasMessageContaining("more than k = 3");
        KMeansModelData wrongDim = KMeansModelData.ofCentroids(new double[][] {{0, 0, 0}});
        assertThatThrownBy(() -> fit.fit(x, wrongDim)).hasMessageContaining("dimension 3");
    }
}
