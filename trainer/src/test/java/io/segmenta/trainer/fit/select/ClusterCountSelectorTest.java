package io.segmenta.trainer.fit.select;

import io.segmenta.trainer.fit.Blobs;
import io.segmenta.trainer.fit.gmm.CovarianceType;
import io.segmenta.trainer.fit.gmm.GaussianMixtureParams;
import io.segmenta.trainer.fit.kmeans.MiniBatchKMeansParams;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterCountSelectorTest {

    private static final Blobs BLOBS = Blobs.generate(4, 3, 300, 6, 8, 12);

    @Test
    void silhouettePicksTheTrueNumberOfBlobs() {
        KSelection s = ClusterCountSelector.bySilhouette(BLOBS.rows(), 2, 7,
                MiniBatchKMeansParams.defaults(2).withBatchSize(256), 600);
        assertThat(s.scores()).containsOnlyKeys(2, 3, 4, 5, 6, 7);
        assertThat(s.chosenK()).isEqualTo(4);
        assertThat(s.criterion()).isEqualTo("silhouette");
        assertThat(s.rule()).contains("highest");
        assertThat(s.scores().get(4)).isGreaterThan(s.scores().get(7));
    }

    @Test
    void bicPicksTheTrueNumberOfBlobs() {
        KSelection s = ClusterCountSelector.byBic(BLOBS.rows(), 1, 6,
                GaussianMixtureParams.defaults(1, CovarianceType.DIAGONAL));
        assertThat(s.chosenK()).isEqualTo(4);
        assertThat(s.scores().get(4)).isLessThan(s.scores().get(1)).isLessThan(s.scores().get(6));
        assertThat(s.rule()).contains("lowest BIC");
    }

    @Test
    void rejectsBadRanges() {
        MiniBatchKMeansParams p = MiniBatchKMeansParams.defaults(2);
        assertThatThrownBy(() -> ClusterCountSelector.bySilhouette(BLOBS.rows(), 1, 3, p, 100))
                .hasMessage("kMin must be >= 2, got 1");
        assertThatThrownBy(() -> ClusterCountSelector.bySilhouette(BLOBS.rows(), 5, 3, p, 100))
                .hasMessageContaining("kMax (3) must be >= kMin (5)");
    }
}
