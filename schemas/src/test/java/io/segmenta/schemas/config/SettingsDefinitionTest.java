package io.segmenta.schemas.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsDefinitionTest {

    static final Setting<Integer> SIZE = Setting.integer("segmenta.batch.size", 10, 1, 100, "items per batch");
    static final Setting<String> DIR = Setting.text("segmenta.state.dir", null, "where state lives");
    static final SettingsDefinition DEFINITION = SettingsDefinition.builder("tester")
            .add(SIZE, DIR).addAll(SharedSettings.ALL)
            .deprecated("segmenta.topics.events", SharedSettings.TOPIC_EVENTS).build();

    @Test
    void valuesAreParsedAndUnsetOnesTakeTheirDefault() {
        SettingValues v = DEFINITION.parse(Map.of("segmenta.batch.size", "42", "segmenta.dedup.window", "2h",
                "bootstrap.servers", "ignored:9092", "segmenta.state.dir", "  "));

        assertThat(v.get(SIZE)).isEqualTo(42);
        assertThat(v.isSet(SIZE)).isTrue();
        assertThat(v.get(SharedSettings.DEDUP_WINDOW)).isEqualTo(Duration.ofHours(2));
        assertThat(v.get(SharedSettings.MODEL_NAME)).isEqualTo("default");
        assertThat(v.isSet(SharedSettings.MODEL_NAME)).isFalse();
        assertThat(v.get(DIR)).as("a blank value is not set").isNull();
        assertThat(v.get(SharedSettings.HALF_LIFE_DAYS)).isEqualTo(30.0);
    }

    @Test
    void anUnknownKeyIsRefusedByNameWithTheLikelyIntent() {
        assertThatThrownBy(() -> DEFINITION.parse(Map.of("segmenta.modle.name", "x")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("tester: unknown setting segmenta.modle.name")
                .hasMessageContaining("did you mean segmenta.model.name?");
        assertThatThrownBy(() -> DEFINITION.parse(Map.of("segmenta.batch", "5")))
                .hasMessageContaining("did you mean segmenta.batch.size?");
        assertThatThrownBy(() -> DEFINITION.parse(Map.of("segmenta.zzz", "x")))
                .hasMessageContaining("unknown setting segmenta.zzz").hasMessageNotContaining("did you mean");
    }

    @Test
    void anInvalidValueNamesItsKey() {
        assertThatThrownBy(() -> DEFINITION.parse(Map.of("segmenta.dedup.size", "0")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("segmenta.dedup.size");
        assertThatThrownBy(() -> DEFINITION.parse(Map.of("segmenta.half-life.days", "-1")))
                .hasMessageContaining("segmenta.half-life.days").hasMessageContaining("positive");
    }

    @Test
    void aDeprecatedKeyIsReadAsItsReplacementButNotBesideIt() {
        SettingValues v = DEFINITION.parse(Map.of("segmenta.topics.events", "eu-events"));

        assertThat(v.get(SharedSettings.TOPIC_EVENTS)).isEqualTo("eu-events");
        assertThat(v.isSet(SharedSettings.TOPIC_EVENTS)).isTrue();
        assertThat(DEFINITION.deprecatedKeys()).containsEntry("segmenta.topics.events", "segmenta.topic.events");

        Map<String, String> both = new LinkedHashMap<>();
        both.put("segmenta.topic.events", "a");
        both.put("segmenta.topics.events", "b");
        assertThatThrownBy(() -> DEFINITION.parse(both)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("segmenta.topic.events").hasMessageContaining("segmenta.topics.events");
    }

    @Test
    void aKeyDeclaredTwiceIsABug() {
        assertThatThrownBy(() -> SettingsDefinition.builder("x").add(SIZE, SIZE).build())
                .hasMessageContaining("declared twice: segmenta.batch.size");
        assertThatThrownBy(() -> SettingsDefinition.builder("x").add(SIZE).deprecated("segmenta.old", DIR).build())
                .hasMessageContaining("segmenta.state.dir");
    }

    @Test
    void theKafkaDefinitionCarriesEveryKeyWithItsDoc() {
        assertThat(DEFINITION.configDef().names()).contains("segmenta.batch.size", "segmenta.topic.dead-letters");
        assertThat(DEFINITION.configDef().configKeys().get("segmenta.batch.size").documentation)
                .isEqualTo("items per batch");
    }

    @Test
    void editDistanceCountsSingleCharacterEdits() {
        assertThat(SettingsDefinition.editDistance("segmenta.modle.name", "segmenta.model.name")).isEqualTo(2);
        assertThat(SettingsDefinition.editDistance("abc", "abc")).isZero();
        assertThat(SettingsDefinition.editDistance("", "abc")).isEqualTo(3);
    }
}
