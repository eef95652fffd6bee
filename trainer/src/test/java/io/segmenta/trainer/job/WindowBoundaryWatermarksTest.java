package io.segmenta.trainer.job;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WindowBoundaryWatermarksTest {

    private static final long DAY = Duration.ofDays(1).toMillis();

    private final WindowBoundaryWatermarks<String> generator =
            new WindowBoundaryWatermarks<>(Duration.ofHours(1), Duration.ofDays(1));
    private final Recorded out = new Recorded();

    @Test
    void emitsAtOnceWhenAnEventCarriesTheWatermarkPastABoundary() {
        // given: events through the first day, one hour of allowed lateness
        generator.onEvent("a", 10 * DAY + 7_200_000, out);
        generator.onEvent("b", 10 * DAY + DAY / 2, out);
        assertThat(out.marks).isEmpty();

        // when: an event is less than the lateness past midnight, then one is more than it
        generator.onEvent("c", 11 * DAY + 1_000, out);
        generator.onEvent("d", 11 * DAY + Duration.ofHours(1).toMillis() + 5, out);

        // then: only the second moves the watermark past the boundary, and it is emitted right then
        assertThat(out.marks).containsExactly(11 * DAY + 4);
    }

    @Test
    void aJumpOverSeveralWindowsEmitsOnceAndLateEventsDoNotMoveIt() {
        generator.onEvent("a", 10 * DAY, out);
        generator.onEvent("b", 14 * DAY + DAY / 2, out);
        generator.onEvent("late", 12 * DAY, out);
        generator.onEvent("c", 14 * DAY + DAY / 2 + 1, out);

        assertThat(out.marks).containsExactly(14 * DAY + DAY / 2 - Duration.ofHours(1).toMillis() - 1);
    }

    @Test
    void periodicEmissionFollowsTheLatestEventAndWaitsForTheFirst() {
        generator.onPeriodicEmit(out);
        assertThat(out.marks).isEmpty();

        generator.onEvent("a", 10 * DAY + 7_200_000, out);
        generator.onPeriodicEmit(out);

        assertThat(out.marks).containsExactly(10 * DAY + 3_600_000 - 1);
    }

    @Test
    void refusesANonPositiveWindow() {
        assertThatThrownBy(() -> new WindowBoundaryWatermarks<>(Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
    }

    private static final class Recorded implements WatermarkOutput {
        final List<Long> marks = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            marks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
        }

        @Override
        public void markActive() {
        }
    }
}
