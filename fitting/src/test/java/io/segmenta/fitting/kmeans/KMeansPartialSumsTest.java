package io.segmenta.fitting.kmeans;

import io.segmenta.fitting.Blobs;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class KMeansPartialSumsTest {

    private static final Blobs BLOBS = Blobs.generate(8, 10, 500, 1.5, 4.5, 11);
    private static final KMeansModelData MODEL = KMeansModelData.ofCentroids(
            Arrays.copyOf(BLOBS.rows(), 8));

    @Test
    void partialSumsMergedFromFourShardsEqualThoseOfTheWholeBatch() {
        double[][] batch = BLOBS.rows();
        KMeansPartialSums whole = KMeansPartialSums.compute(MODEL, batch, 8, 99);
        KMeansPartialSums merged = null;
        int shard = batch.length / 4;
        for (int s = 0; s < 4; s++) {
            KMeansPartialSums p = KMeansPartialSums.compute(MODEL,
                    Arrays.copyOfRange(batch, s * shard, s == 3 ? batch.length : (s + 1) * shard), 8, 99);
            merged = merged == null ? p : merged.merge(p);
        }
        assertThat(merged.points()).isEqualTo(whole.points()).isEqualTo(batch.length);
        assertThat(merged.counts()).containsExactly(whole.counts(), within(1e-9));
        for (int c = 0; c < 8; c++) {
            assertThat(merged.sums()[c]).containsExactly(whole.sums()[c], within(1e-9));
        }
        assertThat(merged.inertia()).isCloseTo(whole.inertia(), within(1e-9 * whole.inertia()));
        // the reservoir keys come from the points themselves, so sharding does not change the candidates either
        assertThat(merged.candidates()).hasSize(8);
        for (int i = 0; i < 8; i++) {
            assertThat(merged.candidates().get(i).point()).containsExactly(whole.candidates().get(i).point());
        }
    }

    @Test
    void mergeIsCommutativeAndLeavesItsInputsAlone() {
        KMeansPartialSums a = KMeansPartialSums.compute(MODEL, Arrays.copyOfRange(BLOBS.rows(), 0, 100), 4, 1);
        KMeansPartialSums b = KMeansPartialSums.compute(MODEL, Arrays.copyOfRange(BLOBS.rows(), 100, 300), 4, 1);
        double[] aCounts = a.counts();
        KMeansPartialSums ab = a.merge(b);
        KMeansPartialSums ba = b.merge(a);
        assertThat(ab.counts()).containsExactly(ba.counts());
        assertThat(ab.inertia()).isCloseTo(ba.inertia(), within(1e-9));
        assertThat(a.counts()).containsExactly(aCounts);
        assertThat(a.points()).isEqualTo(100);
        assertThat(ab.points()).isEqualTo(300);
    }

    @Test
    void countsAndSumsFollowTheNearestCentroid() {
        KMeansModelData two = KMeansModelData.ofCentroids(new double[][] {{0, 0}, {10, 0}});
        KMeansPartialSums p = KMeansPartialSums.compute(two, new double[][] {{1, 0}, {-1, 2}, {9, 0}}, 0, 0);
        assertThat(p.counts()).containsExactly(2, 1);
        assertThat(p.sums()[0]).containsExactly(0, 2);
        assertThat(p.sums()[1]).containsExactly(9, 0);
        assertThat(p.inertia()).isCloseTo(1 + 5 + 1, within(1e-12));
        assertThat(p.candidates()).isEmpty();
    }

    @Test
    void rejectsMismatchedShapes() {
        KMeansModelData two = KMeansModelData.ofCentroids(new double[][] {{0, 0}, {10, 0}});
        KMeansModelData three = KMeansModelData.ofCentroids(new double[][] {{0, 0}, {1, 0}, {2, 0}});
        KMeansPartialSums a = KMeansPartialSums.against(two, 0, 0);
        assertThatThrownBy(() -> a.merge(KMeansPartialSums.against(three, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot merge");
        assertThatThrownBy(() -> a.add(new double[] {1, 2, 3})).hasMessageContaining("dimension 3, expected 2");
        assertThatThrownBy(() -> KMeansPartialSums.against(two, -1, 0)).hasMessageContaining("candidateCapacity");
    }
}
