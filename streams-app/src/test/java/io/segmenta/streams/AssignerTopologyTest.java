package io.segmenta.streams;

import io.segmenta.streams.processor.NodeNames;
import io.segmenta.assigner.features.FeatureSpecs;
import io.segmenta.avro.ChangeCause;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.avro.SegmentAssignment;
import io.segmenta.avro.SegmentChange;
import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.deadletter.DeadLetter;
import io.segmenta.schemas.registry.InMemorySchemaRegistry;
import io.segmenta.schemas.registry.RegisteredSchema;
import io.segmenta.schemas.registry.SchemaRegistry;
import io.segmenta.schemas.registry.SchemaRegistryUnavailableException;
import io.segmenta.schemas.registry.Compatibility;
import io.segmenta.schemas.serde.AvroSerializer;
import io.segmenta.streams.model.ModelBoard;
import io.segmenta.streams.state.CustomerState;
import org.apache.avro.Schema;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.segmenta.streams.TestEvents.purchase;
import static io.segmenta.streams.TestModels.spenders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssignerTopologyTest {

    /** v1: small spenders around 10, big ones around 1000. */
    static final SegmentModel V1 = spenders(1, 10, 1000);
    /**
     * v2: both centres move up; a customer at 1200 is now clearly nearer the small centre (100) than the big one
     * (3000), beyond the default switch margin.
     */
    static final SegmentModel V2 = spenders(2, 100, 3000);

    @TempDir
    Path stateDir;

    InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    AssignerDriver assigner;

    /**
     * One event moves a customer here: these tests are about the topology (what is emitted, stored, dead-lettered);
     * the switching rules, persistence included, are {@link SegmentSwitchingTest}'s.
     */
    static final Map<String, String> FIRST_WIN_MOVES = Map.of("segmenta.assign.consecutive-wins", "1");

    @BeforeEach
    void start() {
        assigner = new AssignerDriver(stateDir, registry, FIRST_WIN_MOVES);
    }

    @AfterEach
    void stop() {
        assigner.close();
    }

    void restartWith(Map<String, String> settings) {
        assigner.close();
        assigner = new AssignerDriver(stateDir.resolve("restart-" + System.nanoTime()), registry, settings);
    }

    @Nested
    class EventDrivenScoring {

        @Test
        void firstAssignmentEmitsAChangeWithoutPreviousSegment() {
            // given
            assigner.publish(V1);
            // when
            assigner.send(purchase("e1", "alice", 2000));
            // then
            SegmentChange change = assigner.changes.readValue();
            assertThat(change.getCustomerId()).isEqualTo("alice");
            assertThat(change.getPreviousSegmentId()).isNull();
            assertThat(change.getPreviousModelVersion()).isNull();
            assertThat(change.getSegmentId()).isEqualTo(2);
            assertThat(change.getLabel()).isEqualTo("Big spenders");
            assertThat(change.getCause()).isEqualTo(ChangeCause.EVENT);
            assertThat(change.getModelVersion()).isEqualTo(1);
            assertThat(change.getEventTime()).isEqualTo(TestModels.T0);

            SegmentAssignment assignment = assigner.assignments.readValue();
            assertThat(assignment.getSegmentId()).isEqualTo(2);
            assertThat(assignment.getExplanation()).extracting(c -> c.getFeature()).containsExactly("monetary");
            assertThat(assignment.getDistance()).isEqualTo(1000.0);
        }

        @Test
        void anEventThatKeepsTheSegmentEmitsNoChange() {
            // given: alice is a big spender
            assigner.publish(V1);
            assigner.send(purchase("e1", "alice", 2000));
            assigner.changes.readValuesToList();
            assigner.assignments.readValuesToList();
            // when: she spends more, still big
            assigner.send(purchase("e2", "alice", 500));
            // then
            assertThat(assigner.changes.isEmpty()).isTrue();
            assertThat(assigner.assignments.isEmpty()).as("same segment, same model version").isTrue();
            CustomerState state = assigner.customers().get("alice");
            assertThat(state.profile().eventCount()).isEqualTo(2);
            assertThat(state.assignment().distance()).isEqualTo(1500.0);
        }

        @Test
        void aCustomerWhoMovesGetsAChangeNamingThePreviousSegment() {
            assigner.publish(V1);
            assigner.send(purchase("e1", "bob", 20));
            assigner.changes.readValue();

            assigner.send(purchase("e2", "bob", 1980));

            SegmentChange change = assigner.changes.readValue();
            assertThat(change.getPreviousSegmentId()).isEqualTo(1);
            assertThat(change.getPreviousLabel()).isEqualTo("Small spenders");
            assertThat(change.getSegmentId()).isEqualTo(2);
            assertThat(change.getPreviousModelVersion()).isEqualTo(1L);
        }

        @Test
        void featuresAreReadAsOfTheLaterOfLastEventAndTrainingWindowEnd() {
            // given: a recency model trained until 20 days after alice's only event
            FeatureSpec spec = FeatureSpecs.of(List.of(TestModels.numeric("recency_days").build()), 30.0);
            Instant aliceBought = TestModels.T0.minus(Duration.ofDays(25));
            SegmentModel recency = TestModels.model(1, spec, aliceBought.plus(Duration.ofDays(20)), List.of(
                    TestModels.segment(1, "Recent", 500, 0), TestModels.segment(2, "Lapsed", 500, 30)));
            assigner.publish(recency);
            assigner.send(purchase("e1", "alice", 10, aliceBought));
            assertThat(assigner.assignments.isEmpty()).as("a model trained on later data scores no earlier event").isTrue();
            // when: another customer's event reaches the model's validity, and everyone is re-scored with it
            assigner.send(purchase("e2", "bob", 10, TestModels.T0));
            // then: alice's recency is 20 days (as of the training end), not the hour the wall clock says
            SegmentAssignment assignment = assigner.assignments.readValuesToList().stream()
                    .filter(a -> a.getCustomerId().equals("alice")).findFirst().orElseThrow();
            assertThat(assignment.getLabel()).isEqualTo("Lapsed");
            assertThat(assignment.getDistance()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
        }

        @Test
        void aDuplicateEventIdIsDroppedAndCounted() {
            assigner.publish(V1);
            CustomerEvent event = purchase("e1", "alice", 20);
            assigner.send(event);
            assigner.changes.readValue();

            assigner.send(event);
            assigner.send(purchase("e1", "alice", 5000)); // same id, whatever the content

            assertThat(assigner.changes.isEmpty()).isTrue();
            assertThat(assigner.customers().get("alice").profile().eventCount()).isEqualTo(1);
            assertThat(assigner.runtime.metrics().duplicates()).isEqualTo(2.0);
        }

        @Test
        void anEventIdOutsideTheDedupWindowIsNoLongerRemembered() {
            restartWith(Map.of("segmenta.dedup.window", "1h"));
            assigner.publish(V1);
            assigner.send(purchase("e1", "alice", 20, TestModels.T0.minus(Duration.ofHours(3))));
            assigner.send(purchase("e2", "alice", 20, TestModels.T0));

            assigner.send(purchase("e1", "alice", 20, TestModels.T0.minus(Duration.ofHours(3))));

            assertThat(assigner.customers().get("alice").profile().eventCount()).isEqualTo(3);
            assertThat(assigner.runtime.metrics().duplicates()).isZero();
        }
    }

    @Nested
    class ModelUpdates {

        @Test
        void eventsBeforeAnyModelAreScoredWhenTheFirstModelArrives() {
            // given: events and no model
            assigner.send(purchase("e1", "alice", 20));
            assigner.send(purchase("e2", "bob", 2000));
            assigner.send(purchase("e3", "carol", 30));
            assertThat(assigner.changes.isEmpty()).isTrue();
            // when: the first model arrives and the punctuator runs
            assigner.publish(V1);
            assigner.punctuate();
            // then: everyone has a first segment, caused by the model
            List<SegmentChange> changes = assigner.changeValues();
            assertThat(changes).extracting(SegmentChange::getCustomerId).containsExactlyInAnyOrder("alice", "bob", "carol");
            assertThat(changes).allSatisfy(c -> {
                assertThat(c.getCause()).isEqualTo(ChangeCause.MODEL_UPDATE);
                assertThat(c.getPreviousSegmentId()).isNull();
            });
            assertThat(assigner.customers().get("bob").assignment().segmentId()).isEqualTo(2);
            assertThat(assigner.runtime.rescore().summary().progress()).isEqualTo(1.0);
        }

        @Test
        void aNewModelReScoresKnownCustomersAndEmitsChangesOnlyForMovers() {
            // given: three customers scored by v1
            assigner.publish(V1);
            assigner.send(purchase("e1", "small", 20));
            assigner.send(purchase("e2", "mover", 1200));
            assigner.send(purchase("e3", "big", 5000));
            assertThat(assigner.changeValues()).hasSize(3);
            assigner.assignments.readValuesToList();
            // when
            assigner.publish(V2);
            assigner.punctuate();
            // then
            List<SegmentChange> changes = assigner.changeValues();
            assertThat(changes).singleElement().satisfies(c -> {
                assertThat(c.getCustomerId()).isEqualTo("mover");
                assertThat(c.getCause()).isEqualTo(ChangeCause.MODEL_UPDATE);
                assertThat(c.getPreviousSegmentId()).isEqualTo(2);
                assertThat(c.getSegmentId()).isEqualTo(1);
                assertThat(c.getModelVersion()).isEqualTo(2);
                assertThat(c.getPreviousModelVersion()).isEqualTo(1L);
            });
            assertThat(assigner.assignments.readValuesToList())
                    .as("the model version changed for everyone: every assignment is re-emitted")
                    .extracting(SegmentAssignment::getCustomerId, SegmentAssignment::getModelVersion)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("small", 2L),
                            org.assertj.core.groups.Tuple.tuple("mover", 2L),
                            org.assertj.core.groups.Tuple.tuple("big", 2L));
            assertThat(assigner.runtime.models().active().orElseThrow().version()).isEqualTo(2);
        }

        @Test
        void theReScorePassWalksTheStoreInChunks() {
            restartWith(Map.of("segmenta.rescore.chunk", "2"));
            for (int i = 0; i < 5; i++) {
                assigner.send(purchase("e" + i, "c" + i, 20));
            }
            assigner.publish(V1);

            assigner.punctuate();
            assertThat(assigner.changeValues()).hasSize(2);
            assertThat(assigner.runtime.rescore().summary().running()).isTrue();
            assertThat(assigner.runtime.rescore().summary().progress()).isStrictlyBetween(0.0, 1.0);

            assigner.punctuate();
            assigner.punctuate();
            assertThat(assigner.changeValues()).hasSize(3);
            assertThat(assigner.runtime.rescore().summary().running()).isFalse();
            assertThat(assigner.runtime.metrics().rescored()).isEqualTo(5.0);
        }

        @Test
        void aNewerModelDuringAPassRestartsIt() {
            restartWith(Map.of("segmenta.rescore.chunk", "1"));
            for (String c : List.of("a", "b", "c")) {
                assigner.send(purchase("e-" + c, c, 1500));
            }
            assigner.publish(V1);
            assigner.punctuate(); // v1 scores "a" only
            assigner.publish(V2);
            for (int i = 0; i < 5; i++) {
                assigner.punctuate();
            }

            List<KeyValue<String, CustomerState>> all = new ArrayList<>();
            try (var it = assigner.customers().all()) {
                it.forEachRemaining(all::add);
            }
            assertThat(all).hasSize(3).allSatisfy(kv -> assertThat(kv.value.assignment().modelVersion()).isEqualTo(2));
            assertThat(assigner.runtime.rescore().summary().modelVersion()).isEqualTo(2L);
        }

        @Test
        void liveEventsAreScoredWithTheNewModelWithoutWaitingForThePunctuator() {
            assigner.publish(V1);
            assigner.publish(V2);

            assigner.send(purchase("e1", "alice", 1500));

            assertThat(assigner.changes.readValue().getModelVersion()).isEqualTo(2);
        }
    }

    @Nested
    class ModelRefusal {

        SegmentModel withSpec(SegmentModel model, java.util.function.UnaryOperator<FeatureSpec.Builder> edit) {
            return SegmentModel.newBuilder(model)
                    .setFeatureSpec(edit.apply(FeatureSpec.newBuilder(model.getFeatureSpec())).build()).build();
        }

        void givenV1Active() {
            assigner.publish(V1);
            assigner.send(purchase("e0", "before", 20));
            assigner.changes.readValuesToList();
        }

        void thenV1StaysActiveAndV2IsRefusedFor(String reasonFragment) {
            assigner.punctuate();
            assigner.send(purchase("e1", "after", 20));
            assertThat(assigner.changes.readValue().getModelVersion()).isEqualTo(1);
            assertThat(assigner.runtime.models().active().orElseThrow().version()).isEqualTo(1);
            assertThat(assigner.runtime.models().entries())
                    .filteredOn(e -> e.version() == 2).singleElement()
                    .satisfies(e -> {
                        assertThat(e.status()).isEqualTo(ModelBoard.Status.REFUSED);
                        assertThat(e.reason()).contains(reasonFragment);
                    });
        }

        @Test
        void aModelWithTheWrongDimensionIsRefused() {
            givenV1Active();
            SegmentModel bad = withSpec(spenders(2, 100, 3000), spec -> spec.setDimension(2));
            assigner.publish(bad);
            thenV1StaysActiveAndV2IsRefusedFor("dimension");
        }

        @Test
        void aModelWhoseSpecHashDoesNotMatchItsLayoutIsRefused() {
            givenV1Active();
            SegmentModel bad = withSpec(spenders(2, 100, 3000), spec -> spec.setHash("0".repeat(64)));
            assigner.publish(bad);
            thenV1StaysActiveAndV2IsRefusedFor("hash");
        }

        @Test
        void aModelFoldedWithAnotherHalfLifeIsRefusedAsNotFitting() {
            givenV1Active();
            SegmentModel bad = TestModels.model(2, TestModels.monetarySpec(7.0), TestModels.TRAINED_UNTIL,
                    V2.getSegments());
            assigner.publish(bad);
            thenV1StaysActiveAndV2IsRefusedFor("half-life");
        }

        @Test
        void aBadModelFoundInTheStoreAtUseTimeIsRefusedToo() {
            // given: v1 active; then a bad v2 lands in the global store without the global processor (as a
            // restore may write it)
            givenV1Active();
            SegmentModel bad = withSpec(spenders(2, 100, 3000), spec -> spec.setHash("0".repeat(64)));
            byte[] bytes = new AvroSerializer<SegmentModel>(registry, false).serialize("segment-models", bad);
            assigner.driver.<String, byte[]>getKeyValueStore(NodeNames.MODELS_STORE).put("default", bytes);
            // then
            thenV1StaysActiveAndV2IsRefusedFor("hash");
        }

        @Test
        void anOlderVersionIsRefused() {
            assigner.publish(V2);
            assigner.publish(V1);

            assigner.send(purchase("e1", "alice", 20));

            assertThat(assigner.changes.readValue().getModelVersion()).isEqualTo(2);
            assertThat(assigner.runtime.models().entries()).filteredOn(e -> e.version() == 1)
                    .extracting(ModelBoard.Entry::status).containsExactly(ModelBoard.Status.REFUSED);
        }

        @Test
        void anotherLineageIsIgnored() {
            SegmentModel other = SegmentModel.newBuilder(spenders(1, 10, 1000)).setModelName("experiment").build();
            assigner.publish(other);

            assigner.send(purchase("e1", "alice", 20));

            assertThat(assigner.changes.isEmpty()).isTrue();
            assertThat(assigner.runtime.models().active()).isEmpty();
        }
    }

    @Nested
    class DeadLetters {

        @Test
        void badRecordsGoToTheDeadLetterTopicWithTheirOriginalBytesAndProcessingContinues() {
            // given
            assigner.publish(V1);
            byte[] garbage = {1, 2, 3};
            byte[] unknownSchemaId = {0, 0, 0, 0x30, 0x39, 2, 4};
            byte[] noCustomer = serialize(CustomerEvent.newBuilder(purchase("e3", "x", 5)).setCustomerId(null).build());
            byte[] negative = serialize(purchase("e4", "dave", -5));
            // when
            assigner.rawEvents.pipeInput("alice", garbage);
            assigner.rawEvents.pipeInput("bob", unknownSchemaId);
            assigner.rawEvents.pipeInput("carol", noCustomer);
            assigner.rawEvents.pipeInput("dave", negative);
            assigner.send(purchase("e5", "erin", 20));
            // then
            List<TestRecord<String, byte[]>> letters = assigner.deadLetters.readRecordsToList();
            assertThat(letters).extracting(TestRecord::key).containsExactly("alice", "bob", "carol", "dave");
            assertThat(letters).extracting(TestRecord::value).containsExactly(garbage, unknownSchemaId, noCustomer, negative);
            List<DeadLetter> parsed = letters.stream()
                    .map(r -> DeadLetter.fromRecord(r.key().getBytes(StandardCharsets.UTF_8), r.value(), r.headers()))
                    .toList();
            assertThat(parsed).extracting(DeadLetter::reason)
                    .containsExactly("NO_MAGIC_BYTE", "UNKNOWN_SCHEMA_ID", "MISSING_CUSTOMER_ID", "NEGATIVE_AMOUNT");
            assertThat(parsed).extracting(DeadLetter::sourceOffset).containsExactly(0L, 1L, 2L, 3L);
            assertThat(parsed).allSatisfy(d -> {
                assertThat(d.sourceTopic()).isEqualTo("customer-events");
                assertThat(d.sourcePartition()).isZero();
                assertThat(d.stage()).isEqualTo("assigner");
                assertThat(d.errorClass()).isNotBlank();
                assertThat(d.errorMessage()).isNotBlank();
            });
            assertThat(parsed.get(0).errorMessage()).contains("offset 0");
            assertThat(assigner.changes.readValue().getCustomerId()).isEqualTo("erin");
            assertThat(assigner.runtime.metrics().deadLetters()).isEqualTo(4.0);
        }

        @Test
        void anEventKeyedByAnotherCustomerIsDeadLettered() {
            byte[] bytes = serialize(purchase("e1", "alice", 20));

            assigner.rawEvents.pipeInput("bob", bytes);

            TestRecord<String, byte[]> letter = assigner.deadLetters.readRecord();
            assertThat(DeadLetter.fromRecord(null, letter.value(), letter.headers()).reason()).isEqualTo("KEY_MISMATCH");
            assertThat(assigner.customers().get("alice")).isNull();
        }

        @Test
        void anUnreachableRegistryFailsTheTaskInsteadOfDeadLettering() {
            FlakyRegistry flaky = new FlakyRegistry(registry);
            assigner.close();
            assigner = new AssignerDriver(stateDir.resolve("flaky"), flaky, FIRST_WIN_MOVES);
            byte[] bytes = serialize(purchase("e1", "alice", 20));
            flaky.down = true;

            assertThatThrownBy(() -> assigner.rawEvents.pipeInput("alice", bytes))
                    .hasRootCauseInstanceOf(SchemaRegistryUnavailableException.class);
            assertThat(assigner.deadLetters.isEmpty()).isTrue();
        }

        byte[] serialize(CustomerEvent event) {
            return assigner.eventSerializer.serialize("customer-events", event);
        }
    }

    /** A registry that can be switched off, as a registry that cannot be reached. */
    static final class FlakyRegistry implements SchemaRegistry {
        final SchemaRegistry delegate;
        volatile boolean down;

        FlakyRegistry(SchemaRegistry delegate) {
            this.delegate = delegate;
        }

        private void check() {
            if (down) {
                throw new SchemaRegistryUnavailableException("registry down (test)", 0, null);
            }
        }

        @Override
        public int register(String subject, Schema schema) {
            check();
            return delegate.register(subject, schema);
        }

        @Override
        public Schema schemaById(int id) {
            check();
            return delegate.schemaById(id);
        }

        @Override
        public RegisteredSchema latest(String subject) {
            check();
            return delegate.latest(subject);
        }

        @Override
        public boolean isCompatible(String subject, Schema schema) {
            check();
            return delegate.isCompatible(subject, schema);
        }

        @Override
        public Compatibility compatibility(String subject) {
            return delegate.compatibility(subject);
        }

        @Override
        public void setCompatibility(String subject, Compatibility level) {
            delegate.setCompatibility(subject, level);
        }
    }

    @Test
    void driftGaugesReportTheLatestWindow() {
        assigner.publish(V1);
        assigner.send(purchase("e1", "a", 20));
        assigner.send(purchase("e2", "b", 2000));

        assigner.driver.advanceWallClockTime(Duration.ofMinutes(1));

        var drift = assigner.runtime.drift().summary().orElseThrow();
        assertThat(drift.stats().assignments()).isEqualTo(2);
        assertThat(drift.stats().changeRate()).isEqualTo(1.0);
        assertThat(assigner.runtime.metrics().registry().get("segmenta.assigner.drift.psi").gauge().value())
                .isEqualTo(drift.stats().psi()).isPositive();
        assertThat(assigner.runtime.metrics().registry().get("segmenta.assigner.model.version").gauge().value())
                .isEqualTo(1.0);
    }

    @Test
    void theEventTimeOfTheOutputIsTheCustomersLatestEvent() {
        assigner.publish(V1);
        Instant later = TestModels.T0.plusSeconds(60);
        assigner.send(purchase("e1", "alice", 20, later));
        assigner.send(purchase("e2", "alice", 5000, TestModels.T0)); // out of order: moves her, latest stays "later"

        List<SegmentChange> changes = assigner.changeValues();
        assertThat(changes).hasSize(2);
        assertThat(changes.get(1).getEventTime()).isEqualTo(later);
    }
}
