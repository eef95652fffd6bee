package io.segmenta.trainer.config;

import io.segmenta.avro.Algorithm;
import io.segmenta.schemas.config.ReadmeSettingsTable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainerKeysTest {

    @Test
    void theReadmeTableAndTheSharedSettingsMatchTheDeclarations() {
        assertThat(ReadmeSettingsTable.serviceProblems("trainer", TrainerKeys.DEFINITION)).isEmpty();
    }

    @Test
    void everyOldTopicKeyMapsToASharedName() {
        assertThat(TrainerKeys.DEFINITION.deprecatedKeys())
                .containsEntry("segmenta.topics.events", "segmenta.topic.events")
                .containsEntry("segmenta.topics.dlq", "segmenta.topic.dead-letters")
                .hasSize(5);
    }

    @Test
    void kIsANumberOrARange() {
        assertThat(TrainerKeys.K.parse("5")).isEqualTo(new TrainerKeys.KRange(5, 5));
        assertThat(TrainerKeys.K.parse("3..8")).isEqualTo(new TrainerKeys.KRange(3, 8));
        assertThat(TrainerKeys.K.parse(" 3 .. 8 ").toString()).isEqualTo("3..8");
        for (String bad : new String[]{"many", "8..3", "1", "3..8..9", "3..", "2..51"}) {
            assertThatThrownBy(() -> TrainerKeys.K.parse(bad)).as(bad).hasMessageContaining("segmenta.k");
        }
    }

    @Test
    void algorithmsHaveTheirUsualSpellings() {
        assertThat(TrainerKeys.ALGORITHM.parse("K-Means")).isEqualTo(Algorithm.KMEANS);
        assertThat(TrainerKeys.ALGORITHM.parse("gmm")).isEqualTo(Algorithm.GMM_DIAGONAL);
        assertThat(TrainerKeys.ALGORITHM.parse("gmm_full")).isEqualTo(Algorithm.GMM_FULL);
        assertThatThrownBy(() -> TrainerKeys.ALGORITHM.parse("dbscan")).hasMessageContaining("segmenta.algorithm")
                .hasMessageContaining("kmeans, gmm-diagonal or gmm-full");
    }

    @Test
    void startIsAPositionOrAnInstant() {
        assertThat(TrainerKeys.START.parse("2024-01-01T00:00:00Z")).isEqualTo("2024-01-01T00:00:00Z");
        assertThatThrownBy(() -> TrainerKeys.START.parse("yesterday")).hasMessageContaining("segmenta.start");
    }
}
