package io.segmenta.app.replay;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayProgressTest {

    @Test
    void aLineSaysTheShareTheRateAndTheTimeLeftAtThatRate() {
        assertThat(ReplayProgress.line(2_500, 10_000, 5_000_000_000L))
                .isEqualTo("replay:  25.0 % (2,500 of 10,000 records), 500 records/s, ETA 15s");
        assertThat(ReplayProgress.line(10_000, 10_000, 5_000_000_000L)).endsWith("done");
        assertThat(ReplayProgress.line(0, 10_000, 1_000_000_000L)).endsWith("ETA -");
        assertThat(ReplayProgress.line(0, 0, 1)).contains("100.0 %");
    }

    @Test
    void longWaitsReadInMinutesAndHours() {
        assertThat(ReplayProgress.duration(59)).isEqualTo("59s");
        assertThat(ReplayProgress.duration(125)).isEqualTo("2m05s");
        assertThat(ReplayProgress.duration(7_260)).isEqualTo("2h01m");
    }
}
