package io.segmenta.trainer.job;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ModelReducer#statsForWindow}: which workers' reports make a window, and that no event is counted twice or lost. */
class ModelReducerTest {

    static final long WEEK = 7L * 24 * 3600 * 1000;

    @Test
    void aWindowWaitsUntilEveryWorkerHasReportedUpToItsEnd() {
        // given: worker 0 reported the first window, worker 1 nothing yet
        List<WindowStats> pending = List.of(stats(0, WEEK, 10, 100));

        // when / then: no window yet
        assertThat(ModelReducer.statsForWindow(pending, WEEK)).isEmpty();
    }

    @Test
    void aWindowThatOneWorkerDidNotReportCountsItsEventsInTheNextOne() {
        // given: worker 0 reported weeks 1 and 2; worker 1's first report is week 2 (its first event came then)
        WindowStats firstOfWorker0 = stats(0, WEEK, 10, 100);
        WindowStats secondOfWorker0 = stats(0, 2 * WEEK, 7, 2 * WEEK - 50);
        WindowStats secondOfWorker1 = stats(1, 2 * WEEK, 5, WEEK + 20);
        List<WindowStats> pending = List.of(firstOfWorker0, secondOfWorker0, secondOfWorker1);

        // when: week 1 closes, then week 2
        List<WindowStats> week1 = ModelReducer.statsForWindow(pending, WEEK);
        List<WindowStats> week2 = ModelReducer.statsForWindow(pending, 2 * WEEK);

        // then: week 1 waited; week 2 holds worker 0's latest report with the events of both its weeks
        assertThat(week1).isEmpty();
        assertThat(week2).extracting(s -> s.subtask).containsExactly(0, 1);
        assertThat(week2).allMatch(s -> s.windowEnd == 2 * WEEK);
        assertThat(week2.get(0)).isSameAs(secondOfWorker0);
        assertThat(week2.get(0).events).isEqualTo(17);
        assertThat(week2.get(0).firstEventTime).isEqualTo(100);
        assertThat(week2.get(1).events).isEqualTo(5);
        assertThat(week2.stream().mapToLong(s -> s.events).sum()).isEqualTo(22);
    }

    @Test
    void reportsOfLaterWindowsAreLeftForThem() {
        // given: both workers reported week 1, one of them week 2 as well
        List<WindowStats> pending = List.of(stats(0, WEEK, 3, 10), stats(1, WEEK, 4, 20), stats(1, 2 * WEEK, 9, WEEK));

        // when
        List<WindowStats> week1 = ModelReducer.statsForWindow(pending, WEEK);

        // then: week 1 is made of the week-1 reports only
        assertThat(week1).extracting(s -> s.events).containsExactly(3L, 4L);
    }

    private static WindowStats stats(int subtask, long windowEnd, long events, long firstEventTime) {
        WindowStats s = new WindowStats();
        s.subtask = subtask;
        s.parallelism = 2;
        s.windowEnd = windowEnd;
        s.events = events;
        s.firstEventTime = firstEventTime;
        return s;
    }
}
