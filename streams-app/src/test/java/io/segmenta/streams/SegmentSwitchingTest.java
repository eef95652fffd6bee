package io.segmenta.streams;

import io.segmenta.assigner.features.FeatureSpecs;
import io.segmenta.avro.ChangeCause;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.avro.SegmentAssignment;
import io.segmenta.avro.SegmentChange;
import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.registry.InMemorySchemaRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.segmenta.streams.TestEvents.purchase;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The switch margin and persistence end to end: a customer whose average basket wobbles around the boundary
 * between two segments stays put with the default margin, and with persistence alone, and flaps without both; a
 * clear change of behaviour moves her at her second event in a row, a segment that is gone at once; a refit that
 * barely moves the boundary moves nobody.
 */
class SegmentSwitchingTest {

    /** Average order value; segment 1 "Small baskets" at {@code small}, 2 "Big baskets" at {@code big}. */
    static SegmentModel baskets(long version, double small, double big) {
        FeatureSpec spec = FeatureSpecs.of(List.of(TestModels.numeric("avg_order_value").build()),
                TestModels.HALF_LIFE_DAYS);
        return TestModels.model(version, spec, TestModels.TRAINED_UNTIL, List.of(
                TestModels.segment(1, "Small baskets", 500, small), TestModels.segment(2, "Big baskets", 500, big)));
    }

    /** Boundary at 50. */
    static final SegmentModel V1 = baskets(1, 0, 100);

    /**
     * Baskets whose running average goes 52, 49, 50.7, 49.5, 50.4, 49.7: across the boundary at every purchase, but
     * never a tenth nearer the other centre (49 vs 51 is 4 % nearer).
     */
    static final double[] WOBBLE = {52, 46, 54, 46, 54, 46};

    @TempDir
    Path stateDir;

    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    AssignerDriver assigner;

    @AfterEach
    void stop() {
        assigner.close();
    }

    void start(Map<String, String> settings) {
        assigner = new AssignerDriver(stateDir, registry, settings);
    }

    void buy(String customer, double... amounts) {
        for (double amount : amounts) {
            assigner.send(purchase(customer + "-" + System.nanoTime(), customer, amount));
        }
    }

    @Test
    void withTheDefaultMarginAWobblingCustomerKeepsHerSegment() {
        // given
        start(Map.of());
        assigner.publish(V1);
        // when
        buy("alice", WOBBLE);
        // then: only her first assignment; the three times the small centre was nearer were held back
        assertThat(assigner.changeValues()).singleElement()
                .satisfies(c -> assertThat(c.getSegmentId()).isEqualTo(2));
        assertThat(assigner.customers().get("alice").assignment().segmentId()).isEqualTo(2);
        assertThat(assigner.runtime.metrics().switchesHeld(ChangeCause.EVENT)).isEqualTo(3.0);
    }

    @Test
    void withoutAMarginOrPersistenceTheSameCustomerFlapsAtEveryCrossing() {
        // given
        start(Map.of("segmenta.assign.distance-margin", "0", "segmenta.assign.posterior-margin", "0",
                "segmenta.assign.consecutive-wins", "1", "segmenta.assign.reversal-window", "0s"));
        assigner.publish(V1);
        // when
        buy("alice", WOBBLE);
        // then
        assertThat(assigner.changeValues()).extracting(SegmentChange::getSegmentId)
                .containsExactly(2, 1, 2, 1, 2, 1);
        assertThat(assigner.runtime.metrics().switchesHeld(ChangeCause.EVENT)).isZero();
    }

    @Test
    void aMoveBackToTheSegmentSheJustLeftNeedsMoreWins() {
        // given: no margin, one win moves her, but three in a row to go back within 60 days
        start(Map.of("segmenta.assign.distance-margin", "0", "segmenta.assign.posterior-margin", "0",
                "segmenta.assign.consecutive-wins", "1", "segmenta.assign.reversal-wins", "3",
                "segmenta.assign.reversal-window", "60d"));
        assigner.publish(V1);
        // when: the same wobble that flaps six times without any rule
        buy("alice", WOBBLE);
        // then: her first segment and one move; every move back was a single win, held
        assertThat(assigner.changeValues()).extracting(SegmentChange::getSegmentId).containsExactly(2, 1);
        assertThat(assigner.customers().get("alice").assignment().leftSegmentId()).isEqualTo(2);
        assertThat(assigner.runtime.metrics().switchesHeld(ChangeCause.EVENT)).isPositive();
    }

    @Test
    void persistenceAloneStopsTheSameFlapping() {
        // given: no margin, two wins in a row needed
        start(Map.of("segmenta.assign.distance-margin", "0", "segmenta.assign.consecutive-wins", "2"));
        assigner.publish(V1);
        // when: every crossing is undone by her next purchase
        buy("alice", WOBBLE);
        // then: only her first assignment; each of the three single wins of the small centre was held back
        assertThat(assigner.changeValues()).extracting(SegmentChange::getSegmentId).containsExactly(2);
        assertThat(assigner.runtime.metrics().switchesHeld(ChangeCause.EVENT)).isEqualTo(3.0);
        assertThat(assigner.customers().get("alice").assignment().pendingWins())
                .as("her last purchase (average 49.7) chose the small centre once").isEqualTo(1);
    }

    @Test
    void aClearChangeOfBehaviourSwitchesAtHerSecondEventInARow() {
        // given: alice wobbled and stayed with the big baskets
        start(Map.of());
        assigner.publish(V1);
        buy("alice", WOBBLE);
        assigner.changeValues();
        assigner.assignments.readValuesToList();
        // when: she now buys small baskets; one brings her average to 43.3, 24 % nearer the small centre
        buy("alice", 5);
        // then: one win is not enough; it is pending, and her assignment still describes the big baskets
        assertThat(assigner.changeValues()).isEmpty();
        assertThat(assigner.customers().get("alice").assignment()).satisfies(a -> {
            assertThat(a.segmentId()).isEqualTo(2);
            assertThat(a.pendingSegmentId()).isEqualTo(1);
            assertThat(a.pendingWins()).isEqualTo(1);
        });
        // when: the next small basket wins again
        buy("alice", 5);
        // then
        assertThat(assigner.changeValues()).singleElement().satisfies(c -> {
            assertThat(c.getCause()).isEqualTo(ChangeCause.EVENT);
            assertThat(c.getPreviousSegmentId()).isEqualTo(2);
            assertThat(c.getSegmentId()).isEqualTo(1);
        });
        assertThat(assigner.customers().get("alice").assignment().pendingWins()).isZero();
    }

    @Test
    void aRefitDoesNotMoveACustomerToTheSegmentHerEventsChoseOnceButKeepsTheirCount() {
        // given: alice in "Big baskets"; one purchase (average 43.3) chose the small ones, pending
        start(Map.of());
        assigner.publish(V1);
        buy("alice", WOBBLE);
        buy("alice", 5);
        assigner.changeValues();
        // when: a refit re-scores her, nearly the same boundary
        assigner.publish(baskets(2, 1, 101));
        assigner.punctuate();
        // then: she stays, still one win pending; her next small basket moves her
        assertThat(assigner.changeValues()).isEmpty();
        assertThat(assigner.customers().get("alice").assignment()).satisfies(a -> {
            assertThat(a.modelVersion()).isEqualTo(2);
            assertThat(a.segmentId()).isEqualTo(2);
            assertThat(a.pendingWins()).isEqualTo(1);
        });
        buy("alice", 5);
        assertThat(assigner.changeValues()).singleElement().satisfies(c -> {
            assertThat(c.getCause()).isEqualTo(ChangeCause.EVENT);
            assertThat(c.getSegmentId()).isEqualTo(1);
        });
    }

    @Test
    void withAMinimumHistoryACustomerGetsHerFirstSegmentOnceHerProfileSpansIt() {
        // given: 30 days of history needed, profiles read at the customer's last event
        start(Map.of("segmenta.assign.min-history", "30d"));
        assigner.publish(TestModels.model(1, FeatureSpecs.readAt(V1.getFeatureSpec(),
                io.segmenta.avro.FeatureTime.LAST_EVENT), TestModels.TRAINED_UNTIL, V1.getSegments()));
        // when: two purchases 20 days apart, then one 15 days later
        java.time.Instant first = TestModels.T0.minus(java.time.Duration.ofDays(35));
        assigner.send(purchase("e1", "alice", 80, first));
        assigner.send(purchase("e2", "alice", 80, first.plus(java.time.Duration.ofDays(20))));
        // then: no segment yet
        assertThat(assigner.changeValues()).isEmpty();
        assertThat(assigner.customers().get("alice").assignment()).isNull();
        // when
        assigner.send(purchase("e3", "alice", 80, TestModels.T0));
        // then: her first segment
        assertThat(assigner.changeValues()).singleElement().satisfies(c -> {
            assertThat(c.getPreviousSegmentId()).isNull();
            assertThat(c.getSegmentId()).isEqualTo(2);
        });
    }

    @Test
    void theAssignmentOfAHeldBackCustomerDescribesTheSegmentSheIsIn() {
        // given: alice first lands in "Big baskets" at 52
        start(Map.of());
        assigner.publish(V1);
        buy("alice", 52);
        assigner.assignments.readValuesToList();
        // when: a refit moves her just past the boundary (at 54 now)
        assigner.publish(baskets(2, 4, 104));
        assigner.punctuate();
        // then: she stays big, and the re-emitted assignment says so, down to its distance and the best held back
        SegmentAssignment assignment = assigner.assignments.readValue();
        assertThat(assignment.getModelVersion()).isEqualTo(2);
        assertThat(assignment.getSegmentId()).isEqualTo(2);
        assertThat(assignment.getLabel()).isEqualTo("Big baskets");
        assertThat(assignment.getDistance()).isEqualTo(52.0);
        assertThat(assignment.getExplanation()).singleElement()
                .satisfies(c -> assertThat(c.getContribution()).as("48^2 - 52^2").isEqualTo(-400.0));
    }

    @Test
    void aRefitThatBarelyMovesTheBoundaryMovesNobody() {
        // given: under v1, alice (52) and bob (55) have big baskets, carol (20) small ones
        start(Map.of());
        assigner.publish(V1);
        buy("alice", 52);
        buy("bob", 55);
        buy("carol", 20);
        assertThat(assigner.changeValues()).hasSize(3);
        // when: v2 moves the boundary from 50 to 54, past alice and bob
        assigner.publish(baskets(2, 4, 104));
        assigner.punctuate();
        // then: nobody moves (alice: 48 vs 52 is not a tenth nearer; bob is still nearer the big centre)
        assertThat(assigner.changeValues()).isEmpty();
        assertThat(assigner.runtime.metrics().switchesHeld(ChangeCause.MODEL_UPDATE)).isEqualTo(1.0);
        assertThat(assigner.customers().get("alice").assignment().modelVersion()).isEqualTo(2);
    }

    @Test
    void withoutAMarginTheSameRefitMovesTheCustomerNearTheBoundary() {
        start(Map.of("segmenta.assign.distance-margin", "0"));
        assigner.publish(V1);
        buy("alice", 52);
        assigner.changeValues();

        assigner.publish(baskets(2, 4, 104));
        assigner.punctuate();

        assertThat(assigner.changeValues()).singleElement().satisfies(c -> {
            assertThat(c.getCause()).isEqualTo(ChangeCause.MODEL_UPDATE);
            assertThat(c.getSegmentId()).isEqualTo(1);
        });
    }

    @Test
    void aCustomerWhoseSegmentIsGoneTakesTheBestOfTheNewModel() {
        // given: alice in "Big baskets" (2)
        start(Map.of());
        assigner.publish(V1);
        buy("alice", 52);
        assigner.changeValues();
        // when: the refit replaces segment 2 by segment 3, barely nearer to her than segment 1
        SegmentModel v2 = TestModels.model(2, V1.getFeatureSpec(), TestModels.TRAINED_UNTIL, List.of(
                TestModels.segment(1, "Small baskets", 500, 0), TestModels.segment(3, "Mid baskets", 500, 100)));
        assigner.publish(v2);
        assigner.punctuate();
        // then: the margin has nothing to hold her in: she takes the best
        assertThat(assigner.changeValues()).singleElement().satisfies(c -> {
            assertThat(c.getPreviousSegmentId()).isEqualTo(2);
            assertThat(c.getSegmentId()).isEqualTo(3);
        });
    }
}
