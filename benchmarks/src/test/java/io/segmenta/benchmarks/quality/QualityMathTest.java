package io.segmenta.benchmarks.quality;

import io.segmenta.avro.ChangeCause;
import io.segmenta.avro.LineageKind;
import io.segmenta.avro.SegmentModel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.segmenta.benchmarks.quality.Models.edge;
import static io.segmenta.benchmarks.quality.Models.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class QualityMathTest {

    private static final long DAY = Duration.ofDays(1).toMillis();

    private final SegmentModel v1 = model(1, null, List.of(
            edge(LineageKind.BIRTH, List.of(), List.of(0)), edge(LineageKind.BIRTH, List.of(), List.of(1))),
            "0=Loyal", "1=Casual");

    @Test
    void countsLineageEventsByKind() {
        SegmentModel v2 = model(2, 1L, List.of(
                edge(LineageKind.SPLIT, List.of(0), List.of(0, 2)),
                edge(LineageKind.DEATH, List.of(1), List.of()),
                edge(LineageKind.BIRTH, List.of(), List.of(3))), "0=Loyal", "2=New", "3=Other");

        assertThat(QualityMath.lineage(v2)).isEqualTo(new LineageCounts(0, 1, 1, 1, 0));
        assertThat(QualityMath.lineage(v1).onlySurvivals()).isFalse();
        assertThat(QualityMath.lineageProblems(v1, v2)).isEmpty();
    }

    @Test
    void labelChangesCountKeptIdsWhoseLabelDiffers() {
        SegmentModel v2 = model(2, 1L, List.of(), "0=Loyal", "1=Casual, recent", "5=Brand new");

        assertThat(QualityMath.labelChanges(v1, v2)).isEqualTo(1); // id 5 is new, not a label change
        assertThat(QualityMath.labelChanges(null, v1)).isZero();
    }

    @Test
    void lineageProblemsFindUnaccountedSegmentsRenamesAndReusedIds() {
        SegmentModel v2 = model(2, 1L, List.of(
                edge(LineageKind.SURVIVED, List.of(0), List.of(4)),
                edge(LineageKind.BIRTH, List.of(), List.of(1))), "4=Loyal", "1=Casual", "6=Lost");

        assertThat(QualityMath.lineageProblems(v1, v2)).containsExactlyInAnyOrder(
                "SURVIVED [0] -> [4] changes the id",
                "BIRTH of 1, an id v1 has",
                "segment 1 of v1 has no lineage event",
                "segment 6 of v2 has no lineage event");
        assertThat(QualityMath.lineageProblems(null, v2)).containsExactly("parent v1 was not seen on the topic");
    }

    @Test
    void movedShareCountsModelUpdateMovesOfTheVersionOverItsCustomers() {
        List<ChangeRecord> changes = List.of(
                new ChangeRecord("a", 1, 2, 3, ChangeCause.MODEL_UPDATE, 0),
                new ChangeRecord("b", null, 2, 3, ChangeCause.MODEL_UPDATE, 0), // first assignment
                new ChangeRecord("c", 1, 2, 3, ChangeCause.EVENT, 0),            // an event, not the refit
                new ChangeRecord("d", 1, 2, 2, ChangeCause.MODEL_UPDATE, 0));    // another version
        List<AssignmentRecord> assignments = List.of(
                new AssignmentRecord("a", 2, 3, 0), new AssignmentRecord("a", 2, 3, 5), // counted once
                new AssignmentRecord("b", 2, 3, 0), new AssignmentRecord("c", 2, 3, 0),
                new AssignmentRecord("d", 2, 2, 0));

        MovedShare moved = QualityMath.moved(changes, assignments, 3);

        assertThat(moved).isEqualTo(new MovedShare(1, 3));
        assertThat(moved.share()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(QualityMath.moved(changes, assignments, 9).share()).isNaN();
    }

    @Test
    void changeRatesArePerCustomerPer30DaysByCauseWithoutFirstAssignments() {
        List<ChangeRecord> changes = List.of(
                new ChangeRecord("a", null, 1, 1, ChangeCause.MODEL_UPDATE, 0),
                new ChangeRecord("b", null, 1, 1, ChangeCause.EVENT, 0),
                new ChangeRecord("a", 1, 2, 1, ChangeCause.EVENT, 0),
                new ChangeRecord("a", 2, 1, 1, ChangeCause.EVENT, 0),
                new ChangeRecord("b", 1, 2, 1, ChangeCause.EVENT, 0),
                new ChangeRecord("b", 2, 3, 2, ChangeCause.MODEL_UPDATE, 0));

        ChangeRates rates = QualityMath.changeRates(changes, 60 * DAY);

        assertThat(rates.firstAssignments()).isEqualTo(2);
        assertThat(rates.customers()).isEqualTo(2);
        assertThat(rates.eventRate()).isCloseTo(0.75, within(1e-12));       // 3 changes / 2 customers / 2 months
        assertThat(rates.modelUpdateRate()).isCloseTo(0.25, within(1e-12));
        assertThat(rates.totalRate()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aMoveIsReversedWhenTheCustomersNextMoveGoesBackAndNewCustomersMovesAreCounted() {
        List<ChangeRecord> changes = List.of(
                new ChangeRecord("a", null, 1, 1, ChangeCause.EVENT, 0),
                new ChangeRecord("a", 2, 1, 1, ChangeCause.EVENT, 14 * DAY),        // back: reverses the move below
                new ChangeRecord("a", 1, 2, 1, ChangeCause.EVENT, 10 * DAY),        // listed out of order on purpose
                new ChangeRecord("a", 1, 3, 2, ChangeCause.MODEL_UPDATE, 50 * DAY), // on to another: no reversal
                new ChangeRecord("b", 1, 2, 1, ChangeCause.EVENT, 40 * DAY));       // b's only move

        ChangeShape shape = QualityMath.changeShape(changes, Map.of("a", 0L, "b", 0L));

        assertThat(shape.moves()).isEqualTo(4);
        assertThat(shape.reversals()).isEqualTo(1);
        assertThat(shape.reversalShare()).isCloseTo(0.25, within(1e-12));
        assertThat(shape.medianDaysToReversal()).isCloseTo(4.0, within(1e-12));
        assertThat(shape.movesWhileNew()).isEqualTo(2);                          // a's at days 10 and 14
    }

    @Test
    void majorityBreaksTiesAlphabetically() {
        Map<Integer, String> majority = QualityMath.majority(new int[]{1, 1, 1, 2, 2, 3},
                new String[]{"A", "B", "B", "Z", "Y", null});

        assertThat(majority).containsExactlyInAnyOrderEntriesOf(Map.of(1, "B", 2, "Y"));
    }

    @Test
    void driftLagRunsFromTheSwitchToTheFirstSegmentOfTheNewBehaviour() {
        Instant start = Models.T0;
        Instant switched = start.plusMillis(10 * DAY);
        Truth truth = new Truth() {
            @Override
            public String behaviourAt(String customerId, Instant t) {
                return customerId.equals("steady") || t.isBefore(switched) ? "A" : "B";
            }

            @Override
            public Set<String> customers() {
                return Set.of("late", "early", "never", "steady");
            }

            @Override
            public Optional<Instant> switchTime(String customerId) {
                return customerId.equals("steady") ? Optional.empty() : Optional.of(switched);
            }
        };
        // v1 (window end day 7): segment 1 is A, 2 is B; v2 (day 14) the same
        Map<VersionSegment, String> majority = Map.of(new VersionSegment(1, 1), "A", new VersionSegment(1, 2), "B",
                new VersionSegment(2, 1), "A", new VersionSegment(2, 2), "B");
        Map<Long, Long> ends = Map.of(1L, start.toEpochMilli() + 7 * DAY, 2L, start.toEpochMilli() + 14 * DAY);
        long t0 = start.toEpochMilli();
        Map<String, List<AssignmentRecord>> timelines = Map.of(
                // re-scored by v2 with a latest event of day 12: counts from v2's window end, day 14
                "late", List.of(new AssignmentRecord("late", 1, 1, t0 + DAY),
                        new AssignmentRecord("late", 2, 2, t0 + 12 * DAY)),
                // already in a B segment when it switched
                "early", List.of(new AssignmentRecord("early", 2, 1, t0 + 8 * DAY),
                        new AssignmentRecord("early", 2, 2, t0 + 15 * DAY)),
                "never", List.of(new AssignmentRecord("never", 1, 1, t0 + 8 * DAY),
                        new AssignmentRecord("never", 1, 2, t0 + 20 * DAY)));

        DriftLags lags = QualityMath.driftLags(truth, timelines, ends, majority, 7 * DAY);

        assertThat(lags.drifting()).isEqualTo(3);
        assertThat(lags.lagsMillis()).containsExactly(0L, 4 * DAY);
        assertThat(lags.alreadyThere()).isEqualTo(1);
        assertThat(lags.never()).isEqualTo(1);
        assertThat(lags.unreachable()).isZero(); // v2 has a B segment: "never" could have got there
        assertThat(lags.percentileDays(0.9)).isCloseTo(4.0, within(1e-9));
        assertThat(lags.percentileWindows(0.9)).isCloseTo(4 / 7.0, within(1e-9));
        assertThat(lags.percentileDays(0.5)).isZero();
    }

    @Test
    void aCustomerWhoseNewBehaviourIsNoSegmentsMajorityIsUnreachable() {
        Instant switched = Models.T0.plusMillis(10 * DAY);
        Truth truth = new Truth() {
            @Override
            public String behaviourAt(String customerId, Instant t) {
                return t.isBefore(switched) ? "A" : "C";
            }

            @Override
            public Set<String> customers() {
                return Set.of("c");
            }

            @Override
            public Optional<Instant> switchTime(String customerId) {
                return Optional.of(switched);
            }
        };
        long t0 = Models.T0.toEpochMilli();
        // C is a majority only in v1, whose window ended before the switch
        DriftLags lags = QualityMath.driftLags(truth,
                Map.of("c", List.of(new AssignmentRecord("c", 1, 2, t0 + 12 * DAY))),
                Map.of(1L, t0 + 7 * DAY, 2L, t0 + 14 * DAY),
                Map.of(new VersionSegment(1, 3), "C", new VersionSegment(2, 1), "A"), 7 * DAY);

        assertThat(lags.never()).isEqualTo(1);
        assertThat(lags.unreachable()).isEqualTo(1);
        assertThat(lags.percentileDays(0.5)).isNaN();
    }

    @Test
    void percentileIsNearestRank() {
        List<Long> values = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);

        assertThat(QualityMath.percentile(values, 0.5)).isEqualTo(5.0);
        assertThat(QualityMath.percentile(values, 0.9)).isEqualTo(9.0);
        assertThat(QualityMath.percentile(values, 1.0)).isEqualTo(10.0);
        assertThat(QualityMath.percentile(List.of(), 0.5)).isNaN();
        assertThat(QualityMath.median(List.of(3.0, Double.NaN, 1.0, 2.0, 10.0))).isEqualTo(2.5);
    }

    @Test
    void kOscillatesWhenItReturnsToAValueItLeft() {
        assertThat(QualityMath.kChanges(List.of(4, 4, 5, 5, 6))).isEqualTo(2);
        assertThat(QualityMath.oscillates(List.of(4, 4, 5, 5, 6))).isFalse();
        assertThat(QualityMath.oscillates(List.of(4, 5, 4))).isTrue();
        assertThat(QualityMath.oscillates(List.of(4, 5, 6, 4))).isTrue();
    }

    @Test
    void ariOfIdenticalPartitionsIsOne() {
        assertThat(QualityMath.ari(new String[]{"x", "x", "y", "y"}, new int[]{7, 7, 3, 3})).isCloseTo(1.0, within(1e-12));
    }
}
