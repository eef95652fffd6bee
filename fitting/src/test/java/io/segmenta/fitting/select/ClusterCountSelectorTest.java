package io.segmenta.fitting.select;

import io.segmenta.fitting.Blobs;
import io.segmenta.fitting.gmm.CovarianceType;
import io.segmenta.fitting.gmm.GaussianMixtureParams;
import io.segmenta.fitting.kmeans.MiniBatchKMeansParams;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterCountSelectorTest {

    private static final Blobs BLOBS = Blobs.generate(4, 3, 300, 6, 8, 12);

    @Test
    void silhouettePicksTheTrueNumberOfBlobs() {
        KSelection s = ClusterCountSelector.bySilhouette(BLOBS.rows(), 2, 7,
                MiniBatchKMeansParams.defaults(2).withBatchSize(256), 600, 0.0);
        assertThat(s.scores()).containsOnlyKeys(2, 3, 4, 5, 6, 7);
        assertThat(s.chosenK()).isEqualTo(4);
        assertThat(s.criterion()).isEqualTo("silhouette");
        assertThat(s.rule()).contains("highest");
        assertThat(s.scores().get(4)).isGreaterThan(s.scores().get(7));
    }

    @Test
    void bicPicksTheTrueNumberOfBlobs() {
        KSelection s = ClusterCountSelector.byBic(BLOBS.rows(), 1, 6,
                GaussianMixtureParams.defaults(1, CovarianceType.DIAGONAL), 0.0);
        assertThat(s.chosenK()).isEqualTo(4);
        assertThat(s.scores().get(4)).isLessThan(s.scores().get(1)).isLessThan(s.scores().get(6));
        assertThat(s.rule()).contains("lowest BIC");
    }

    @Test
    void rejectsBadRanges() {
        MiniBatchKMeansParams p = MiniBatchKMeansParams.defaults(2);
        assertThatThrownBy(() -> ClusterCountSelector.bySilhouette(BLOBS.rows(), 1, 3, p, 100, 0.01))
                .hasMessage("kMin must be >= 2, got 1");
        assertThatThrownBy(() -> ClusterCountSelector.bySilhouette(BLOBS.rows(), 5, 3, p, 100, 0.01))
                .hasMessageContaining("kMax (3) must be >= kMin (5)");
        assertThatThrownBy(() -> ClusterCountSelector.bySilhouette(BLOBS.rows(), 2, 3, p, 100, 0.5))
                .hasMessageContaining("minSegmentShare must be in [0, 0.5)");
    }

    @Test
    void aKThatOnlySplitsOffAFewOutliersIsScoredButNotChosen() {
        // given: three blobs of 100 and two far-away outliers
        double[][] blobs = Blobs.generate(3, 3, 100, 6, 8, 5).rows();
        double[][] rows = Arrays.copyOf(blobs, blobs.length + 2);
        rows[blobs.length] = new double[]{80, 80, 80};
        rows[blobs.length + 1] = new double[]{80.5, 80, 80};
        MiniBatchKMeansParams p = MiniBatchKMeansParams.defaults(2).withBatchSize(256);

        // when: k is chosen with no minimum, and with segments of at least 1% (4 of 302 rows)
        KSelection free = ClusterCountSelector.bySilhouette(rows, 2, 5, p, 400, 0.0);
        KSelection guarded = ClusterCountSelector.bySilhouette(rows, 2, 5, p, 400, 0.01);
        KSelection bic = ClusterCountSelector.byBic(rows, 2, 5,
                GaussianMixtureParams.defaults(2, CovarianceType.DIAGONAL), 0.01);

        // then: without it the outliers become a fourth segment; with it the three blobs are the answer
        assertThat(free.chosenK()).isEqualTo(4);
        assertThat(guarded.chosenK()).isEqualTo(3);
        assertThat(guarded.tooSmall()).contains(4);
        assertThat(guarded.scores()).isEqualTo(free.scores());
        assertThat(guarded.rule()).contains("under 1.00% of the sample");
        assertThat(bic.chosenK()).isEqualTo(3);
        assertThat(bic.tooSmall()).contains(4);
    }
}
