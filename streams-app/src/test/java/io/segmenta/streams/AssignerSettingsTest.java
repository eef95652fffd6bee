package io.segmenta.streams;

import io.segmenta.assigner.scoring.SwitchMargin;
import io.segmenta.schemas.config.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssignerSettingsTest {

    static final Map<String, String> MINIMAL = Map.of("bootstrap.servers", "broker:9092");

    @Test
    void defaults() {
        AssignerSettings s = AssignerSettings.fromMap(MINIMAL);

        assertThat(s.topics()).isEqualTo(AssignerTopics.DEFAULTS);
        assertThat(s.modelName()).isEqualTo("default");
        assertThat(s.halfLifeDays()).isEqualTo(30.0);
        assertThat(s.httpHost()).isEqualTo("127.0.0.1");
        assertThat(s.httpPort()).isEqualTo(7070);
        assertThat(s.dedupSize()).isEqualTo(64);
        assertThat(s.dedupWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(s.rescoreChunk()).isEqualTo(2000);
        assertThat(s.rescoreInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(s.driftWindow()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.switchMargin()).isEqualTo(new SwitchMargin(0.1, 0.2));
        assertThat(s.applicationId()).isEqualTo("segmenta-assigner");
        assertThat(s.clientProperties()).containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("producer.compression.type", "lz4").containsEntry("producer.batch.size", "262144")
                .containsEntry("producer.linger.ms", "5");
    }

    @Test
    void producerDefaultsGiveWayToTheUsersPlainOrPrefixedSetting() {
        AssignerSettings s = AssignerSettings.fromMap(Map.of("bootstrap.servers", "broker:9092",
                "compression.type", "zstd", "producer.batch.size", "65536"));

        assertThat(s.clientProperties()).containsEntry("compression.type", "zstd")
                .containsEntry("producer.batch.size", "65536").doesNotContainKey("producer.compression.type");
    }

    @Test
    void ourKeysAreParsedAndEverythingElsePassesThroughUntouched() {
        AssignerSettings s = AssignerSettings.fromMap(Map.of(
                "bootstrap.servers", "broker:9092",
                "segmenta.topic.events", "events-eu",
                "segmenta.model.name", "rfm",
                "segmenta.dedup.window", "PT2H",
                "segmenta.rescore.interval", "250ms",
                "processing.guarantee", "at_least_once",
                "security.protocol", "SASL_SSL",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;",
                "schema.registry.url", "https://registry:8081",
                "basic.auth.user.info", "u:p"));

        assertThat(s.topics().events()).isEqualTo("events-eu");
        assertThat(s.modelName()).isEqualTo("rfm");
        assertThat(s.dedupWindow()).isEqualTo(Duration.ofHours(2));
        assertThat(s.rescoreInterval()).isEqualTo(Duration.ofMillis(250));
        Properties streams = s.streamsProperties(9000);
        assertThat(streams).containsEntry("processing.guarantee", "at_least_once")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;")
                .containsEntry("application.server", "127.0.0.1:9000")
                .doesNotContainKeys("schema.registry.url", "basic.auth.user.info", "segmenta.model.name");
        assertThat(s.serdeConfig()).containsOnlyKeys("schema.registry.url", "basic.auth.user.info");
    }

    @Test
    void invalidValuesFailNamingTheKey() {
        assertThatThrownBy(() -> AssignerSettings.fromMap(Map.of()))
                .hasMessageContaining("bootstrap.servers is required");
        assertThatThrownBy(() -> settings("segmenta.http.port", "70000")).hasMessageContaining("segmenta.http.port");
        assertThatThrownBy(() -> settings("segmenta.dedup.size", "0")).hasMessageContaining("segmenta.dedup.size");
        assertThatThrownBy(() -> settings("segmenta.dedup.window", "soon"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("segmenta.dedup.window").hasMessageContaining("must be a duration");
        assertThatThrownBy(() -> settings("segmenta.half-life.days", "-1")).hasMessageContaining("segmenta.half-life.days");
        assertThatThrownBy(() -> settings("segmenta.rescore.chunk", "lots")).hasMessageContaining("segmenta.rescore.chunk");
        assertThatThrownBy(() -> settings("segmenta.topic.changes", "segment changes"))
                .hasMessageContaining("segmenta.topic.changes").hasMessageContaining("topic name");
    }

    @Test
    void switchMarginsAreFractionsBelowOneAndZeroSwitchesOffTheHysteresis() {
        AssignerSettings none = AssignerSettings.fromMap(Map.of("bootstrap.servers", "broker:9092",
                "segmenta.assign.distance-margin", "0", "segmenta.assign.posterior-margin", "0"));
        assertThat(none.switchMargin()).isEqualTo(SwitchMargin.NONE);
        assertThat(settings("segmenta.assign.distance-margin", "0.25").switchMargin().distance()).isEqualTo(0.25);

        assertThatThrownBy(() -> settings("segmenta.assign.distance-margin", "1"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("segmenta.assign.distance-margin").hasMessageContaining("in [0, 1)");
        assertThatThrownBy(() -> settings("segmenta.assign.posterior-margin", "-0.1"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("segmenta.assign.posterior-margin").hasMessageContaining("in [0, 1)");
    }

    @Test
    void anUnknownSegmentaKeyIsRefusedByNameWithTheLikelyIntent() {
        assertThatThrownBy(() -> settings("segmenta.modle.name", "x"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("unknown setting segmenta.modle.name")
                .hasMessageContaining("did you mean segmenta.model.name?");
        assertThatThrownBy(() -> settings("segmenta.topics.events", "x")).as("the trainer's old name is not ours")
                .hasMessageContaining("unknown setting segmenta.topics.events")
                .hasMessageContaining("did you mean segmenta.topic.events?");
    }

    @Test
    void loadReadsTheFileAndOverridesWin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("assigner.properties");
        Files.writeString(file, """
                bootstrap.servers=file:9092
                segmenta.http.port=8000
                segmenta.model.name=from-file
                """);

        AssignerSettings s = AssignerSettings.load(file, Map.of("segmenta.http.port", "8001"));

        assertThat(s.clientProperties()).containsEntry("bootstrap.servers", "file:9092");
        assertThat(s.modelName()).isEqualTo("from-file");
        assertThat(s.httpPort()).isEqualTo(8001);
        assertThatThrownBy(() -> AssignerSettings.load(dir.resolve("missing.properties"), Map.of()))
                .hasMessageContaining("does not exist");
    }

    @Test
    void durationsAcceptTheShortAndTheIsoForm() {
        assertThat(settings("segmenta.drift.window", "5m").driftWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings("segmenta.drift.window", "PT5M").driftWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings("segmenta.dedup.window", "2d").dedupWindow()).isEqualTo(Duration.ofDays(2));
    }

    static AssignerSettings settings(String key, String value) {
        return AssignerSettings.fromMap(Map.of("bootstrap.servers", "broker:9092", key, value));
    }
}
