package io.segmenta.streams.state;

import io.segmenta.assigner.scoring.Assignment;
import io.segmenta.avro.ChangeCause;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentHistoryTest {

    static SegmentHistory.Transition to(long at, int from, int segment) {
        return new SegmentHistory.Transition(at, from, segment, "segment " + segment, 1, ChangeCause.EVENT);
    }

    @Test
    void anInstantIsAnsweredByTheLatestTransitionAtOrBeforeIt() {
        SegmentHistory history = SegmentHistory.EMPTY
                .append(to(100, Assignment.NO_SEGMENT, 1), 8)
                .append(to(200, 1, 2), 8)
                .append(to(300, 2, 1), 8);

        assertThat(history.at(99)).isEqualTo(new SegmentHistory.HeldAt.NoSegment());
        assertThat(history.at(100)).isEqualTo(new SegmentHistory.HeldAt.Segment(to(100, Assignment.NO_SEGMENT, 1)));
        assertThat(history.at(250)).isEqualTo(new SegmentHistory.HeldAt.Segment(to(200, 1, 2)));
        assertThat(history.at(Long.MAX_VALUE)).isEqualTo(new SegmentHistory.HeldAt.Segment(to(300, 2, 1)));
    }

    @Test
    void pastItsCapacityTheOldestIsDroppedAndEarlierTimesAreNotKnown() {
        SegmentHistory history = SegmentHistory.EMPTY;
        for (int i = 1; i <= 5; i++) {
            history = history.append(to(i * 100L, i - 1, i), 3);
        }

        assertThat(history.transitions()).extracting(SegmentHistory.Transition::segmentId).containsExactly(3, 4, 5);
        assertThat(history.truncated()).isTrue();
        assertThat(history.at(250)).isEqualTo(new SegmentHistory.HeldAt.NotKept(300));
        assertThat(history.at(300)).isEqualTo(new SegmentHistory.HeldAt.Segment(to(300, 2, 3)));
    }

    @Test
    void aCapacityLoweredSinceDropsSeveral() {
        SegmentHistory history = SegmentHistory.EMPTY.append(to(1, -1, 1), 8).append(to(2, 1, 2), 8)
                .append(to(3, 2, 3), 8);

        SegmentHistory lowered = history.append(to(4, 3, 4), 2);

        assertThat(lowered.transitions()).extracting(SegmentHistory.Transition::segmentId).containsExactly(3, 4);
        assertThat(lowered.truncated()).isTrue();
    }

    @Test
    void aTransitionDatedBeforeTheLatestTakesItsTime() {
        // an out-of-order event moves her: the change follows the one before it
        SegmentHistory history = SegmentHistory.EMPTY.append(to(500, -1, 1), 8).append(to(400, 1, 2), 8);

        assertThat(history.transitions()).extracting(SegmentHistory.Transition::atMillis).containsExactly(500L, 500L);
        assertThat(history.at(500)).isEqualTo(new SegmentHistory.HeldAt.Segment(
                new SegmentHistory.Transition(500, 1, 2, "segment 2", 1, ChangeCause.EVENT)));
    }

    @Test
    void transitionsOutOfTimeOrderAreRefused() {
        assertThatThrownBy(() -> new SegmentHistory(java.util.List.of(to(200, -1, 1), to(100, 1, 2)), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time order");
    }
}
