package io.segmenta.app.replay;

import io.segmenta.avro.FeatureSpec;
import io.segmenta.avro.LineageEvent;
import io.segmenta.avro.LineageKind;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentAssignment;
import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.SampleRecords;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ModelPromotion}: the replayed model becomes the live lineage's next version with ids and lineage read off
 * the member overlap of the live and replayed assignments.
 */
class ModelPromotionTest {

    static final Instant VALID_FROM = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-03-02T00:00:00Z");

    /** Live v7 of 'default': segments 1 and 2. */
    final SegmentModel live = SampleRecords.model();

    @Test
    void segmentsThatKeepTheirCustomersKeepTheirIdsAndANewOneGetsAFreshId() {
        // given: an analyst's model (its own lineage: ids 0, 1, 2); live segment 1's customers are in 1, segment 2's
        // in 0, except a few; 2 takes customers nobody had (new to both)
        SegmentModel candidate = candidate(live.getFeatureSpec(), 3);
        Map<String, SegmentAssignment> liveAssigned = new HashMap<>();
        Map<String, SegmentAssignment> replayed = new HashMap<>();
        for (int c = 0; c < 100; c++) {
            int liveSegment = c < 50 ? 1 : 2;
            int replaySegment = c < 50 ? 1 : c < 95 ? 0 : 2;
            liveAssigned.put("c" + c, at("c" + c, liveSegment));
            replayed.put("c" + c, at("c" + c, replaySegment));
        }
        for (int c = 100; c < 130; c++) {
            replayed.put("c" + c, at("c" + c, 2)); // customers only the replay has
        }

        // when: the lineage has used ids up to 9
        ModelPromotion.Promoted promoted = ModelPromotion.promote(candidate, live, "default", 8, 9, liveAssigned,
                replayed, VALID_FROM, NOW, "file model.avro");

        // then
        SegmentModel m = promoted.model();
        assertThat(promoted.ids()).isEqualTo(Map.of(1, 1, 0, 2, 2, 10));
        assertThat(m.getSegments()).extracting(Segment::getSegmentId).containsExactly(2, 1, 10);
        assertThat(m.getSegments()).extracting(Segment::getLabel).containsExactly("zero", "one", "two");
        assertThat(m.getLineage()).extracting(LineageEvent::getKind)
                .containsExactlyInAnyOrder(LineageKind.SURVIVED, LineageKind.SURVIVED, LineageKind.BIRTH);
        assertThat(m.getLineage()).filteredOn(e -> e.getKind() == LineageKind.SURVIVED)
                .allSatisfy(e -> assertThat(e.getOverlap()).isGreaterThanOrEqualTo(0.7));
        assertThat(m.getModelName()).isEqualTo("default");
        assertThat(m.getVersion()).isEqualTo(8);
        assertThat(m.getParentVersion()).isEqualTo(7L);
        assertThat(m.getValidFrom()).isEqualTo(VALID_FROM);
        assertThat(m.getCreatedAt()).isEqualTo(NOW);
        assertThat(m.getTags()).containsEntry("promoted.from", "file model.avro")
                .containsEntry("promoted.overlapCustomers", "100");
        assertThat(promoted.overlapCustomers()).isEqualTo(100);
    }

    @Test
    void aSegmentWhoseCustomersScatterDiesAndItsIdIsNotReused() {
        // live segment 2's customers go half to 0, half to 1: it survives in neither (below 70 %)
        SegmentModel candidate = candidate(live.getFeatureSpec(), 2);
        Map<String, SegmentAssignment> liveAssigned = new HashMap<>();
        Map<String, SegmentAssignment> replayed = new HashMap<>();
        for (int c = 0; c < 100; c++) {
            liveAssigned.put("c" + c, at("c" + c, c < 50 ? 1 : 2));
            replayed.put("c" + c, at("c" + c, c < 50 ? 1 : c % 2));
        }

        ModelPromotion.Promoted promoted = ModelPromotion.promote(candidate, live, "default", 8, 2, liveAssigned,
                replayed, VALID_FROM, NOW, "v3");

        List<LineageEvent> lineage = promoted.model().getLineage();
        assertThat(lineage).anySatisfy(e -> assertThat(e.getFromSegments()).contains(2));
        assertThat(lineage).noneSatisfy(e -> {
            assertThat(e.getKind()).isEqualTo(LineageKind.SURVIVED);
            assertThat(e.getFromSegments()).containsExactly(2);
        });
        assertThat(promoted.model().getSegments()).extracting(Segment::getSegmentId).doesNotContain(2);
        // every live segment and every promoted segment has exactly one fate
        assertThat(lineage.stream().flatMap(e -> e.getFromSegments().stream())).containsExactlyInAnyOrder(1, 2);
        assertThat(lineage.stream().flatMap(e -> e.getToSegments().stream())).containsExactlyInAnyOrderElementsOf(
                promoted.model().getSegments().stream().map(Segment::getSegmentId).toList());
    }

    @Test
    void withoutALiveLineageEverySegmentIsBornUnderTheLiveName() {
        SegmentModel candidate = candidate(live.getFeatureSpec(), 2);

        ModelPromotion.Promoted promoted = ModelPromotion.promote(candidate, null, "retail", 1, -1, Map.of(),
                Map.of(), VALID_FROM, NOW, "file");

        assertThat(promoted.model().getModelName()).isEqualTo("retail");
        assertThat(promoted.model().getParentVersion()).isNull();
        assertThat(promoted.model().getSegments()).extracting(Segment::getSegmentId).containsExactly(0, 1);
        assertThat(promoted.model().getLineage()).extracting(LineageEvent::getKind).containsOnly(LineageKind.BIRTH);
    }

    @Test
    void centresInAnotherFeatureSpaceAreNeverPairedButTheOverlapStillDecides() {
        FeatureSpec other = FeatureSpec.newBuilder(live.getFeatureSpec()).setHash("1".repeat(64)).build();
        SegmentModel candidate = candidate(other, 2);
        Map<String, SegmentAssignment> liveAssigned = new HashMap<>();
        Map<String, SegmentAssignment> replayed = new HashMap<>();
        for (int c = 0; c < 40; c++) {
            liveAssigned.put("c" + c, at("c" + c, 1));
            replayed.put("c" + c, at("c" + c, 0));
        }

        ModelPromotion.Promoted promoted = ModelPromotion.promote(candidate, live, "default", 8, 2, liveAssigned,
                replayed, VALID_FROM, NOW, "file");

        // 1 survives as 0 by its members; live 2 had none among them and the spaces differ: it dies, 1 is born
        assertThat(promoted.ids()).isEqualTo(Map.of(0, 1, 1, 3));
        assertThat(ModelPromotion.sameSpace(live.getFeatureSpec(), other)).isFalse();
    }

    @Test
    void theNextVersionMustBeAboveTheLiveOne() {
        assertThatThrownBy(() -> ModelPromotion.promote(candidate(live.getFeatureSpec(), 2), live, "default", 7, 2,
                Map.of(), Map.of(), VALID_FROM, NOW, "file")).hasMessageContaining("not above");
    }

    /** A model of its own lineage ('analyst' v1, ids 0..k-1, labels zero, one, two) in the given feature space. */
    private SegmentModel candidate(FeatureSpec spec, int k) {
        List<String> names = List.of("zero", "one", "two");
        List<Segment> segments = new java.util.ArrayList<>();
        for (int i = 0; i < k; i++) {
            segments.add(Segment.newBuilder(live.getSegments().get(i % 2)).setSegmentId(i).setLabel(names.get(i))
                    .setCentroid(List.of(5.0 * i, 0.0, 0.0)).build());
        }
        return SegmentModel.newBuilder(live).setModelName("analyst").setVersion(1).setParentVersion(null)
                .setFeatureSpec(spec).setSegments(segments).setLineage(List.of()).build();
    }

    private static SegmentAssignment at(String customer, int segment) {
        return SegmentAssignment.newBuilder().setCustomerId(customer).setSegmentId(segment).setLabel("s" + segment)
                .setModelName("x").setModelVersion(1).setDistance(0).setConfidence(1).setExplanation(List.of())
                .setEventTime(Instant.EPOCH).setAssignedAt(Instant.EPOCH).build();
    }
}
