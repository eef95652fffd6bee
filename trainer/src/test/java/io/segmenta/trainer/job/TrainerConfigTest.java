package io.segmenta.trainer.job;

import io.segmenta.assigner.dedup.DedupPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainerConfigTest {

    static Properties props(String... keyValues) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", "localhost:9092");
        p.setProperty("schema.registry.url", "http://localhost:8081");
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void deDuplicationDefaultsToTheAssignersAndCanBeSet() {
        assertThat(TrainerConfig.fromProperties(props()).settings().dedup()).isEqualTo(DedupPolicy.DEFAULTS);

        TrainerConfig config = TrainerConfig.fromProperties(props("segmenta.dedup.size", "16",
                "segmenta.dedup.window", "PT2H"));

        assertThat(config.settings().dedup()).isEqualTo(new DedupPolicy(16, Duration.ofHours(2)));
        assertThatThrownBy(() -> TrainerConfig.fromProperties(props("segmenta.dedup.size", "0")))
                .hasMessageContaining("dedup capacity must be 1..4096");
    }
}
