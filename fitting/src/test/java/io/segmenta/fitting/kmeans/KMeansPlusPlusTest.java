package io.segmenta.fitting.kmeans;

import io.segmenta.fitting.Blobs;
import io.segmenta.fitting.Vectors;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KMeansPlusPlusTest {

    @Test
    void seedsOnePointInEachWellSeparatedBlob() {
        Blobs blobs = Blobs.generate(6, 3, 200, 20, 15, 4);
        double[][] seeds = KMeansPlusPlus.seed(blobs.rows(), 6, new Random(1));
        int[] blobOfSeed = Vectors.nearest(blobs.centers(), seeds);
        assertThat(Arrays.stream(blobOfSeed).distinct().count()).isEqualTo(6);
        for (double[] s : seeds) {
            assertThat(Arrays.stream(blobs.rows()).anyMatch(r -> Arrays.equals(r, s))).isTrue();
        }
    }

    @Test
    void extendKeepsTheExistingCentroidsFirst() {
        Blobs blobs = Blobs.generate(3, 2, 100, 20, 15, 4);
        double[][] existing = {blobs.centers()[0].clone()};
        double[][] seeds = KMeansPlusPlus.extend(blobs.rows(), existing, 3, new Random(2));
        assertThat(seeds[0]).containsExactly(existing[0]);
        assertThat(Arrays.stream(Vectors.nearest(blobs.centers(), seeds)).distinct().count()).isEqualTo(3);
        assertThatThrownBy(() -> KMeansPlusPlus.extend(blobs.rows(), seeds, 2, new Random(1)))
                .hasMessageContaining("below the 3 existing");
    }
}
