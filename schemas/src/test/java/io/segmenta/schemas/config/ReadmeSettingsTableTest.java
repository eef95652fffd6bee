package io.segmenta.schemas.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReadmeSettingsTableTest {

    static final Setting<Integer> SIZE = Setting.integer("segmenta.batch.size", 10, 1, 100, "items per batch");
    static final Setting<String> DIR = Setting.text("segmenta.state.dir", null, "where state lives");
    static final SettingsDefinition DEFINITION = SettingsDefinition.builder("tester")
            .add(SIZE, DIR, SharedSettings.DEDUP_WINDOW).build();

    static String readme(String... rows) {
        return "# Title\n\n<!-- settings: tester -->\n\n| key | shared | default | meaning |\n|---|---|---|---|\n"
                + String.join("\n", rows) + "\n\nAfter the table.\n";
    }

    static final String SIZE_ROW = "| `segmenta.batch.size` | | `10` | items per batch |";
    static final String DIR_ROW = "| `segmenta.state.dir` | | — (in memory) | where state lives |";
    static final String WINDOW_ROW = "| `segmenta.dedup.window` | yes | `PT24H` (a day) | window |";

    List<String> differences(String markdown) {
        return ReadmeSettingsTable.differences(ReadmeSettingsTable.rows(markdown, "tester"), DEFINITION,
                SharedSettings.ALL);
    }

    @Test
    void aTableListingExactlyTheDeclarationsAgrees() {
        assertThat(differences(readme("| `bootstrap.servers` | | — (required) | Kafka `a|b` |", SIZE_ROW, DIR_ROW,
                WINDOW_ROW))).isEmpty();
    }

    @Test
    void aMissingKeyAnExtraKeyAndAWrongDefaultAreEachReported() {
        assertThat(differences(readme(SIZE_ROW, WINDOW_ROW)))
                .containsExactly("declared, not in the README: segmenta.state.dir");
        assertThat(differences(readme(SIZE_ROW, DIR_ROW, WINDOW_ROW, "| `segmenta.batch.sise` | | `1` | typo |")))
                .containsExactly("in the README, not declared: segmenta.batch.sise");
        assertThat(differences(readme("| `segmenta.batch.size` | | `12` | items |", DIR_ROW, WINDOW_ROW)))
                .containsExactly("segmenta.batch.size: default is `10`, README says `12`");
        assertThat(differences(readme(SIZE_ROW, "| `segmenta.state.dir` | | `/tmp` | dir |", WINDOW_ROW)))
                .singleElement().asString().startsWith("segmenta.state.dir: default is no fixed default");
    }

    @Test
    void theSharedMarkMustMatch() {
        assertThat(differences(readme(SIZE_ROW, DIR_ROW, "| `segmenta.dedup.window` | | `24h` | window |")))
                .containsExactly("segmenta.dedup.window: shared column should be 'yes'");
    }
}
