package io.segmenta.app.replay;

import io.segmenta.avro.SegmentAssignment;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReplayComparisonTest {

    @Test
    void countsTheCustomersWhoseSegmentWouldChangeAndTheTransitions() {
        // given: four customers live; the replay moves one from 1 to 2, has a customer of its own and lacks one
        Map<String, SegmentAssignment> live = Map.of("a", at("a", 1, "Small"), "b", at("b", 1, "Small"),
                "c", at("c", 2, "Big"), "d", at("d", 2, "Big"));
        Map<String, SegmentAssignment> replay = Map.of("a", at("a", 1, "Small"), "b", at("b", 2, "Big"),
                "c", at("c", 2, "Big"), "e", at("e", 3, "New <b>"));

        // when
        ReplayComparison comparison = ReplayComparison.of(live, replay);

        // then
        assertThat(comparison.compared()).isEqualTo(3);
        assertThat(comparison.changed()).isEqualTo(1);
        assertThat(comparison.changedShare()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(comparison.onlyLive()).isEqualTo(1);
        assertThat(comparison.onlyReplay()).isEqualTo(1);
        assertThat(comparison.transitions()).isEqualTo(Map.of(1, Map.of(1, 1, 2, 1), 2, Map.of(2, 1)));
        assertThat(comparison.labels()).containsEntry(3, "New <b>");
        String markdown = comparison.markdown("t");
        assertThat(markdown).contains("| 3 | 1 (33.33 %) | 1 | 1 |").contains("| 1 Small | 1 | 1 |");
    }

    @Test
    void theSameGroupingUnderOtherIdsHasAnAriOfOne() {
        Map<String, SegmentAssignment> live = Map.of("a", at("a", 1, "x"), "b", at("b", 1, "x"), "c", at("c", 2, "y"),
                "d", at("d", 2, "y"));
        Map<String, SegmentAssignment> renamed = Map.of("a", at("a", 7, "x"), "b", at("b", 7, "x"), "c", at("c", 9, "y"),
                "d", at("d", 9, "y"));

        ReplayComparison comparison = ReplayComparison.of(live, renamed);

        assertThat(comparison.ari()).isCloseTo(1.0, within(1e-12));
        assertThat(comparison.changed()).isEqualTo(4);
    }

    @Test
    void nothingToCompareIsSaidSo() {
        ReplayComparison comparison = ReplayComparison.of(Map.of(), Map.of("a", at("a", 1, "x")));

        assertThat(comparison.compared()).isZero();
        assertThat(comparison.ari()).isNaN();
        assertThat(comparison.markdown("t")).contains("| - |");
    }

    private static SegmentAssignment at(String customer, int segment, String label) {
        return SegmentAssignment.newBuilder().setCustomerId(customer).setSegmentId(segment).setLabel(label)
                .setModelName("default").setModelVersion(1).setDistance(0).setConfidence(1).setExplanation(List.of())
                .setEventTime(Instant.EPOCH).setAssignedAt(Instant.EPOCH).build();
    }
}
