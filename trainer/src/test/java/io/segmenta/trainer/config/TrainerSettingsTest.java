package io.segmenta.trainer.config;

import io.segmenta.assigner.dedup.DedupPolicy;
import io.segmenta.avro.Algorithm;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainerSettingsTest {

    @Test
    void theDefaultsAreTheDeclaredOnes() {
        TrainerSettings d = TrainerSettings.defaults();

        assertThat(d.modelName()).isEqualTo(TrainerKeys.MODEL_NAME.defaultValue()).isEqualTo("default");
        assertThat(d.algorithm()).isEqualTo(Algorithm.KMEANS);
        assertThat(new TrainerKeys.KRange(d.kMin(), d.kMax())).isEqualTo(TrainerKeys.K.defaultValue());
        assertThat(d.window()).isEqualTo(Duration.ofHours(1));
        assertThat(d.outOfOrderness()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.idleness()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.halfLifeDays()).isEqualTo(30.0);
        assertThat(d.samplePerSubtask()).isEqualTo(2000);
        assertThat(d.decayFactor()).isEqualTo(0.5);
        assertThat(d.maxInertiaIncrease()).isEqualTo(0.5);
        assertThat(d.minSilhouetteGainForNewK()).isEqualTo(0.05);
        assertThat(d.minSegmentShare()).isEqualTo(0.01);
        assertThat(d.dedup()).isEqualTo(DedupPolicy.DEFAULTS);
        assertThat(d.topics()).isEqualTo(TrainerSettings.Topics.DEFAULTS);
        assertThat(d.topics().deadLetters()).isEqualTo("segment-dlq");
        assertThat(d.seed()).isEqualTo(42L);
        assertThat(d.numericFeatureNames()).hasSize(TrainerSettings.defaultFeatures().size());
        assertThat(d.categoricalFeatureNames()).isEmpty();
    }

    @Test
    void toBuilderChangesOnlyWhatIsSet() {
        TrainerSettings base = TrainerSettings.builder().k(4, 6).modelName("rfm").seed(7).build();

        TrainerSettings changed = base.toBuilder().window(Duration.ofDays(7)).maxInertiaIncrease(0.2).build();

        assertThat(changed.window()).isEqualTo(Duration.ofDays(7));
        assertThat(changed.maxInertiaIncrease()).isEqualTo(0.2);
        assertThat(changed.model()).isEqualTo(base.model());
        assertThat(changed.seed()).isEqualTo(7L);
        assertThat(changed.toBuilder().build()).isEqualTo(changed);
    }

    @Test
    void invalidValuesAreRefusedNamingThem() {
        assertThatThrownBy(() -> TrainerSettings.builder().k(5, 3).build()).hasMessageContaining("k range");
        assertThatThrownBy(() -> TrainerSettings.builder().samplePerSubtask(10).build())
                .hasMessageContaining("samplePerSubtask");
        assertThatThrownBy(() -> TrainerSettings.builder().maxInertiaIncrease(-1).build())
                .hasMessageContaining("maxInertiaIncrease");
        assertThatThrownBy(() -> TrainerSettings.builder().window(Duration.ZERO).build()).hasMessageContaining("window");
        assertThatThrownBy(() -> TrainerSettings.builder().modelName(" ").build()).hasMessageContaining("modelName");
        assertThatThrownBy(() -> TrainerSettings.builder().algorithm(Algorithm.UNKNOWN).build())
                .hasMessageContaining("algorithm");
    }

    @Test
    void survivesJavaSerializationAsFlinkShipsIt() throws Exception {
        TrainerSettings settings = TrainerSettings.builder().k(3, 3).minSilhouetteGainForNewK(0.1).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(settings);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(settings);
        }
    }
}
