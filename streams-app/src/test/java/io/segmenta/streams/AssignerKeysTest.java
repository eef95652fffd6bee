package io.segmenta.streams;

import io.segmenta.assigner.dedup.DedupPolicy;
import io.segmenta.schemas.config.ReadmeSettingsTable;
import io.segmenta.schemas.config.SharedSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AssignerKeysTest {

    @Test
    void theReadmeTableAndTheSharedSettingsMatchTheDeclarations() {
        assertThat(ReadmeSettingsTable.serviceProblems("assigner", AssignerKeys.DEFINITION)).isEmpty();
    }

    @Test
    void theSharedDeDuplicationDefaultsAreTheCoresPolicy() {
        AssignerSettings defaults = AssignerSettings.fromMap(java.util.Map.of("bootstrap.servers", "b:9092"));

        assertThat(defaults.dedup()).isEqualTo(DedupPolicy.DEFAULTS);
        assertThat(SharedSettings.MAX_DEDUP_SIZE).isEqualTo(DedupPolicy.MAX_CAPACITY);
    }
}
