package io.segmenta.benchmarks.replay;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayOptionsTest {

    @Test
    void noArgumentsAreTheDefaults() {
        assertThat(ReplayOptions.parse(new String[0])).isEqualTo(ReplayOptions.defaults());
    }

    @Test
    void quickIsSmallAndLaterOptionsStillWin() {
        ReplayOptions o = ReplayOptions.parse(new String[]{"--quick", "--customers", "3000", "--out", "r.md"});
        assertThat(o.quick()).isTrue();
        assertThat(o.events()).isEqualTo(200_000);
        assertThat(o.warmupEvents()).isEqualTo(50_000);
        assertThat(o.customers()).isEqualTo(3_000);
        assertThat(o.out()).isEqualTo(Path.of("r.md"));
    }

    @Test
    void readsDurationsAsTheTrainerSettingsDo() {
        assertThat(ReplayOptions.parse(new String[]{"--checkpoint-interval", "500ms"}).checkpointInterval())
                .isEqualTo(Duration.ofMillis(500));
        assertThat(ReplayOptions.parse(new String[]{"--checkpoint-interval", "PT2S"}).checkpointInterval())
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void noTrainerMeansNoFlinkPassThroughEither() {
        ReplayOptions o = ReplayOptions.parse(new String[]{"--no-trainer"});
        assertThat(o.trainer()).isFalse();
        assertThat(o.flinkPassThrough()).isFalse();
        assertThat(ReplayOptions.parse(new String[]{"--no-flink-pass-through"}).trainer()).isTrue();
    }

    @Test
    void replayPropertiesAreRepeatableKeyValues() {
        assertThat(ReplayOptions.parse(new String[]{"--replay-property", "a=1", "--replay-property", "b=2"})
                .replayProperties()).containsExactly("a=1", "b=2");
        assertThatThrownBy(() -> ReplayOptions.parse(new String[]{"--replay-property", "a"}))
                .hasMessageContaining("KEY=VALUE");
    }

    @Test
    void refusesAWarmUpThatLeavesNothingToMeasure() {
        assertThatThrownBy(() -> ReplayOptions.parse(new String[]{"--events", "1000", "--warmup-events", "1000"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--warmup-events");
    }

    @Test
    void refusesUnknownOptionsAndMissingValues() {
        assertThatThrownBy(() -> ReplayOptions.parse(new String[]{"--rounds", "3"}))
                .hasMessageContaining("unknown option --rounds");
        assertThatThrownBy(() -> ReplayOptions.parse(new String[]{"--events"}))
                .hasMessageContaining("missing value of --events");
    }

    @Test
    void theRunTimeOutGrowsWithTheEvents() {
        assertThat(ReplayOptions.defaults().runTimeout()).isEqualTo(Duration.ofSeconds(1_000));
        assertThat(ReplayOptions.parse(new String[]{"--quick"}).runTimeout()).isEqualTo(Duration.ofSeconds(200));
        assertThat(ReplayOptions.parse(new String[]{"--events", "1000", "--warmup-events", "0"}).runTimeout())
                .isEqualTo(Duration.ofSeconds(180));
    }
}
