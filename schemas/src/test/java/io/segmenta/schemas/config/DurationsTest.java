package io.segmenta.schemas.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @Test
    void theShortFormAndIsoMeanTheSame() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Durations.parse(" 24h ")).isEqualTo(Duration.ofHours(24)).isEqualTo(Durations.parse("PT24H"));
        assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7)).isEqualTo(Durations.parse("P7D"));
        assertThat(Durations.parse("pt1h")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[]{"soon", "24", "1w", "-5m", "", "1.5h"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a duration");
        }
    }

    @Test
    void formatWritesTheLargestExactUnitAndParsesBack() {
        assertThat(Durations.format(Duration.ofDays(2))).isEqualTo("2d");
        assertThat(Durations.format(Duration.ofHours(24))).isEqualTo("1d");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Durations.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.parse(Durations.format(Duration.ofMillis(1500)))).isEqualTo(Duration.ofMillis(1500));
    }
}
