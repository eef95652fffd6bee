package io.segmenta.assigner.scoring;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SwitchPersistenceTest {

    static final int NONE = Assignment.NO_SEGMENT;
    final SwitchPersistence twoInARow = new SwitchPersistence(2);

    @Test
    void winsOfTheSameOtherSegmentAddUpAndMoveHerAtTheConfiguredCount() {
        int first = twoInARow.next(1, 2, NONE, 0);
        int second = twoInARow.next(1, 2, 2, first);

        assertThat(first).isEqualTo(1);
        assertThat(twoInARow.moves(first)).isFalse();
        assertThat(second).isEqualTo(2);
        assertThat(twoInARow.moves(second)).isTrue();
    }

    @Test
    void aWinOfHerOwnSegmentOrOfAThirdOneStartsAgain() {
        assertThat(twoInARow.next(1, 1, 2, 1)).as("back to her segment").isZero();
        assertThat(twoInARow.next(1, 3, 2, 1)).as("another segment").isEqualTo(1);
    }

    @Test
    void oneWinMovesHerWithoutPersistence() {
        assertThat(SwitchPersistence.NONE.moves(SwitchPersistence.NONE.next(1, 2, NONE, 0))).isTrue();
    }

    @Test
    void theCountStaysBoundedAndTheSettingInRange() {
        SwitchPersistence most = new SwitchPersistence(SwitchPersistence.MAX_EVENTS);
        assertThat(most.next(1, 2, 2, Integer.MAX_VALUE)).isEqualTo(SwitchPersistence.MAX_EVENTS);
        assertThatThrownBy(() -> new SwitchPersistence(0)).hasMessageContaining("events must be in [1, 100]");
        assertThatThrownBy(() -> new SwitchPersistence(101)).hasMessageContaining("was 101");
    }

    @Test
    void anEventHoldsHerUntilTheOtherSegmentHasWonOftenEnough() {
        SwitchPersistence.Decision first = twoInARow.decide(1, true, 2, NONE, 0, true);
        SwitchPersistence.Decision second = twoInARow.decide(1, true, 2, first.pendingSegment(), first.pendingWins(), true);

        assertThat(first).isEqualTo(new SwitchPersistence.Decision(true, 2, 1));
        assertThat(second).isEqualTo(SwitchPersistence.Decision.FOLLOW);
        assertThat(twoInARow.decide(1, true, 1, 2, 1, true)).as("back home: nothing pending")
                .isEqualTo(SwitchPersistence.Decision.FOLLOW);
    }

    @Test
    void aRefitKeepsTheCountAndDoesNotGiveHerToThePendingSegment() {
        assertThat(twoInARow.decide(1, true, 2, 2, 1, false)).isEqualTo(new SwitchPersistence.Decision(true, 2, 1));
        assertThat(twoInARow.decide(1, true, 1, 2, 1, false)).as("kept by the margin, count kept")
                .isEqualTo(new SwitchPersistence.Decision(false, 2, 1));
        assertThat(twoInARow.decide(1, true, 3, 2, 1, false)).as("the refit chose a third segment: its boundary moved")
                .isEqualTo(SwitchPersistence.Decision.FOLLOW);
        assertThat(twoInARow.decide(1, true, 2, NONE, 0, false)).as("nothing pending: the margin alone decides")
                .isEqualTo(SwitchPersistence.Decision.FOLLOW);
    }

    @Test
    void aMoveBackToTheSegmentSheJustLeftNeedsMoreWins() {
        // she left 3 for 1 at t=0; the rule: 4 wins for a move back within 60 ms (days in the service)
        SwitchPersistence reversals = new SwitchPersistence(2, 4, 60);

        assertThat(reversals.isReversal(3, 3, 0, 59)).isTrue();
        assertThat(reversals.isReversal(3, 3, 0, 60)).as("after the window: an ordinary move").isFalse();
        assertThat(reversals.isReversal(2, 3, 0, 10)).as("to a third segment").isFalse();
        assertThat(reversals.isReversal(3, NONE, 0, 10)).as("she left none").isFalse();
        assertThat(new SwitchPersistence(2).isReversal(3, 3, 0, 10)).as("no window: no rule").isFalse();

        // two wins move her to another segment, but not back to 3: that takes four
        assertThat(reversals.decide(1, true, 2, 2, 1, true, false)).isEqualTo(SwitchPersistence.Decision.FOLLOW);
        assertThat(reversals.decide(1, true, 3, 3, 1, true, true)).isEqualTo(new SwitchPersistence.Decision(true, 3, 2));
        assertThat(reversals.decide(1, true, 3, 3, 2, true, true)).isEqualTo(new SwitchPersistence.Decision(true, 3, 3));
        assertThat(reversals.decide(1, true, 3, 3, 3, true, true)).isEqualTo(SwitchPersistence.Decision.FOLLOW);
        assertThatThrownBy(() -> new SwitchPersistence(3, 2, 60)).hasMessageContaining("reversalEvents");
        assertThatThrownBy(() -> new SwitchPersistence(2, 4, -1)).hasMessageContaining("reversalWindowMillis");
    }

    @Test
    void aDeadSegmentOrNoSegmentHoldsNobody() {
        assertThat(twoInARow.decide(1, false, 2, 2, 1, true)).isEqualTo(SwitchPersistence.Decision.FOLLOW);
        assertThat(twoInARow.decide(1, false, 2, 2, 1, false)).isEqualTo(SwitchPersistence.Decision.FOLLOW);
        assertThat(twoInARow.decide(NONE, true, 2, NONE, 0, true)).isEqualTo(SwitchPersistence.Decision.FOLLOW);
    }

    @Test
    void holdDescribesTheCurrentSegmentAsTheMarginWouldHaveKeptIt() {
        // K-Means: 2.5 is clearly nearer segment 2 (1.5 vs 2.5); held, it reads as segment 1 with 2 the runner-up
        SegmentScorer centres = SwitchMarginTest.twoCentres();
        Assignment a = new Assignment();
        double[] x = {2.5};
        centres.score(x, 1, SwitchMarginTest.DEFAULT, a);
        assertThat(a.segmentId()).isEqualTo(2);

        centres.hold(x, 1, a);

        assertThat(a.heldBack()).isTrue();
        assertThat(a.segmentId()).isEqualTo(1);
        assertThat(a.distance()).isCloseTo(2.5, within(1e-12));
        assertThat(a.runnerUpSegmentId()).isEqualTo(2);

        // GMM: the held component keeps its own posterior, 1 - posterior(2) at 3 = 1 / (1 + e^4)
        SegmentScorer components = SwitchMarginTest.twoComponents();
        double[] y = {3};
        components.score(y, 1, SwitchMarginTest.DEFAULT, a);
        components.hold(y, 1, a);
        assertThat(a.segmentId()).isEqualTo(1);
        assertThat(a.confidence()).isCloseTo(1 / (1 + Math.exp(4)), within(1e-12));
        assertThat(a.distance()).isCloseTo(3, within(1e-12));
    }

    @Test
    void holdDoesNothingForASegmentTheModelDoesNotHave() {
        SegmentScorer centres = SwitchMarginTest.twoCentres();
        Assignment a = new Assignment();
        double[] x = {2.5};
        centres.score(x, 99, SwitchMarginTest.DEFAULT, a);

        centres.hold(x, 99, a);

        assertThat(a.segmentId()).isEqualTo(2);
        assertThat(a.heldBack()).isFalse();
    }
}
