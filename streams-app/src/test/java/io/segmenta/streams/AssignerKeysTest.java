package io.segmenta.streams;

import io.segmenta.assigner.dedup.DedupPolicy;
import io.segmenta.schemas.config.ReadmeSettingsTable;
import io.segmenta.schemas.config.SharedSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AssignerKeysTest {

    @Test
    void theReadmeTableListsExactlyTheDeclaredSettingsWithTheirDefaults() {
        var rows = ReadmeSettingsTable.rows(ReadmeSettingsTable.readme(), "assigner");

        assertThat(ReadmeSettingsTable.differences(rows, AssignerKeys.DEFINITION, SharedSettings.ALL))
                .as("README.md's assigner settings table against AssignerKeys").isEmpty();
    }

    @Test
    void everySharedSettingIsTheAssigners() {
        assertThat(AssignerKeys.DEFINITION.settings()).containsAll(SharedSettings.ALL);
    }

    @Test
    void theSharedDeDuplicationDefaultsAreTheCoresPolicy() {
        AssignerSettings defaults = AssignerSettings.fromMap(java.util.Map.of("bootstrap.servers", "b:9092"));

        assertThat(defaults.dedup()).isEqualTo(DedupPolicy.DEFAULTS);
        assertThat(SharedSettings.MAX_DEDUP_SIZE).isEqualTo(DedupPolicy.MAX_CAPACITY);
    }
}
