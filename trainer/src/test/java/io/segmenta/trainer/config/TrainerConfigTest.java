package io.segmenta.trainer.config;

import io.segmenta.assigner.dedup.DedupPolicy;
import io.segmenta.schemas.config.InvalidSettingException;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainerConfigTest {

    @TempDir
    Path dir;

    @Test
    void checkpointDirectoryAndRestoreAreRead() {
        TrainerConfig config = TrainerConfig.fromProperties(props("segmenta.checkpoint.dir", "file:///var/ckpt",
                "segmenta.restore", " latest "));

        assertThat(config.checkpoints()).isEqualTo(new CheckpointSettings("file:///var/ckpt", "latest"));
    }

    @Test
    void restoringTheLatestNeedsADirectory() {
        assertThatThrownBy(() -> TrainerConfig.fromProperties(props("segmenta.restore", "latest")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("segmenta.checkpoint.dir");
    }

    @Test
    void aBackfillStartsFromTheEarliestUnlessToldOtherwise() {
        assertThat(TrainerConfig.fromProperties(props()).kafka().startFrom()).isEqualTo("committed");
        assertThat(TrainerConfig.fromProperties(props("segmenta.backfill", "true")).kafka())
                .extracting(TrainerKafkaSettings::backfill, TrainerKafkaSettings::startFrom).containsExactly(true, "earliest");
        assertThat(TrainerConfig.fromProperties(props("segmenta.backfill", "true", "segmenta.start", "committed"))
                .kafka().startFrom()).isEqualTo("committed");
    }

    @Test
    void featuresAndTheirReadTimeDefaultToBehaviourAtTheLastEventAndCanBeSet() {
        TrainerSettings defaults = TrainerConfig.fromProperties(props()).settings();
        assertThat(defaults.readAt()).isEqualTo(io.segmenta.avro.FeatureTime.LAST_EVENT);
        assertThat(defaults.numericFeatureNames()).doesNotContain("recency_days", "frequency", "tenure_days")
                .contains("purchase_rate", "spend_rate", "page_view_rate");

        TrainerSettings windowEnd = TrainerConfig.fromProperties(props("segmenta.features.read-at", "window-end"))
                .settings();
        assertThat(windowEnd.numericFeatureNames()).startsWith("recency_days");

        TrainerSettings chosen = TrainerConfig.fromProperties(props("segmenta.features", "frequency, monetary,country"))
                .settings();
        assertThat(chosen.numericFeatureNames()).containsExactly("frequency", "monetary");
        assertThat(chosen.categoricalFeatureNames()).containsExactly("country");
        assertThatThrownBy(() -> TrainerConfig.fromProperties(props("segmenta.features", "frequency,shoe_size")))
                .hasMessageContaining("segmenta.features").hasMessageContaining("shoe_size");
        assertThatThrownBy(() -> TrainerConfig.fromProperties(props("segmenta.features", "recency_days,frequency")))
                .hasMessageContaining("recency_days");
    }

    @Test
    void deDuplicationDefaultsToTheAssignersAndCanBeSet() {
        assertThat(TrainerConfig.fromProperties(props()).settings().dedup()).isEqualTo(DedupPolicy.DEFAULTS);

        TrainerConfig config = TrainerConfig.fromProperties(props("segmenta.dedup.size", "16",
                "segmenta.dedup.window", "PT2H"));

        assertThat(config.settings().dedup()).isEqualTo(new DedupPolicy(16, Duration.ofHours(2)));
        assertThatThrownBy(() -> TrainerConfig.fromProperties(props("segmenta.dedup.size", "0")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("segmenta.dedup.size");
    }

    @Test
    void theMinimumSegmentShareDefaultsToOnePercentAndIsValidated() {
        assertThat(TrainerConfig.fromProperties(props()).settings().minSegmentShare()).isEqualTo(0.01);

        assertThat(TrainerConfig.fromProperties(props("segmenta.k.min-segment-share", "0.05")).settings()
                .minSegmentShare()).isEqualTo(0.05);
        assertThatThrownBy(() -> TrainerConfig.fromProperties(props("segmenta.k.min-segment-share", "0.6")))
                .hasMessageContaining("segmenta.k.min-segment-share").hasMessageContaining("must be in [0, 0.5)");
    }

    @Test
    void theRefitGateThresholdsDefaultToTheDeclaredOnesAndCanBeSet() {
        TrainerSettings defaults = TrainerConfig.fromProperties(props()).settings();
        assertThat(defaults.maxInertiaIncrease()).isEqualTo(0.5);
        assertThat(defaults.minSilhouetteGainForNewK()).isEqualTo(0.05);

        TrainerSettings set = TrainerConfig.fromProperties(props("segmenta.refit.max-inertia-increase", "0.25",
                "segmenta.refit.min-silhouette-gain-for-new-k", "0.1")).settings();

        assertThat(set.maxInertiaIncrease()).isEqualTo(0.25);
        assertThat(set.minSilhouetteGainForNewK()).isEqualTo(0.1);
        assertThatThrownBy(() -> TrainerConfig.fromProperties(props("segmenta.refit.max-inertia-increase", "-0.1")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("segmenta.refit.max-inertia-increase").hasMessageContaining(">= 0");
        assertThatThrownBy(() -> TrainerConfig.fromProperties(props("segmenta.refit.min-silhouette-gain-for-new-k",
                "3"))).hasMessageContaining("segmenta.refit.min-silhouette-gain-for-new-k");
    }

    @Test
    void durationsTakeTheShortAndTheIsoForm() {
        TrainerSettings s = TrainerConfig.fromProperties(props("segmenta.window", "7d", "segmenta.out-of-orderness",
                "PT10M", "segmenta.idleness", "45s", "segmenta.dedup.window", "2h")).settings();

        assertThat(s.window()).isEqualTo(Duration.ofDays(7));
        assertThat(s.outOfOrderness()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.idleness()).isEqualTo(Duration.ofSeconds(45));
        assertThat(s.dedup().window()).isEqualTo(Duration.ofHours(2));
        assertThat(TrainerConfig.fromProperties(props("segmenta.checkpoint.interval", "2s")).kafka()
                .checkpointInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anUnknownSegmentaKeyIsRefusedNamingIt() {
        assertThatThrownBy(() -> TrainerConfig.fromProperties(props("segmenta.windw", "1h")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("unknown setting segmenta.windw").hasMessageContaining("did you mean segmenta.window?");
    }

    @Test
    void theOldTopicKeysStillWorkAsTheNewOnesButNotBesideThem() {
        TrainerSettings.Topics topics = TrainerConfig.fromProperties(props("segmenta.topics.events", "e",
                "segmenta.topics.models", "m", "segmenta.topics.model-history", "h", "segmenta.topics.drift", "d",
                "segmenta.topics.dlq", "q")).settings().topics();

        assertThat(topics).isEqualTo(new TrainerSettings.Topics("e", "m", "h", "d", "q"));
        assertThat(TrainerConfig.fromProperties(props("segmenta.topic.dead-letters", "q2")).settings().topics()
                .deadLetters()).isEqualTo("q2");
        assertThatThrownBy(() -> TrainerConfig.fromProperties(props("segmenta.topics.dlq", "q",
                "segmenta.topic.dead-letters", "q2"))).hasMessageContaining("set only segmenta.topic.dead-letters");
    }

    @Test
    void theTransactionalIdPrefixFollowsTheModelNameUnlessSet() {
        assertThat(TrainerConfig.fromProperties(props("segmenta.model.name", "rfm")).kafka().transactionalIdPrefix())
                .isEqualTo("segmenta-trainer-rfm");
        assertThat(TrainerConfig.fromProperties(props("segmenta.transactional.id.prefix", "eu")).kafka()
                .transactionalIdPrefix()).isEqualTo("eu");
    }

    private static Properties props(String... keyValues) {
        return TestProperties.of(keyValues);
    }
}
