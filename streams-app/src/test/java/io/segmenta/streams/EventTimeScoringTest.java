package io.segmenta.streams;

import io.segmenta.avro.ChangeCause;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.SegmentChange;
import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.registry.InMemorySchemaRegistry;
import io.segmenta.streams.model.ModelBoard;
import io.segmenta.streams.processor.EventScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event-time model selection: each event is scored with the newest version whose training window ended by the
 * task's event time, never with one trained on later data, and a replay of the same events and model history gives
 * the same changes however it is paced.
 */
class EventTimeScoringTest {

    /** The events span 40 days before the driver's wall clock (they must not be in its future). */
    static final Instant DAY0 = TestModels.T0.minus(Duration.ofDays(45));
    static final int CUSTOMERS = 12;

    /** Three weekly versions whose centres move: small and big spenders further apart each week. */
    static final List<SegmentModel> HISTORY = List.of(
            version(1, 7, 50, 400),
            version(2, 14, 80, 900),
            version(3, 21, 150, 2000));

    @TempDir
    Path stateDir;

    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void anEventIsScoredWithTheModelOfItsTimeNeverWithOneTrainedOnLaterData() {
        // given: the whole model history known before any event (a replay, or an assigner behind the trainer)
        try (AssignerDriver assigner = driver("in-order", Map.of())) {
            HISTORY.forEach(assigner::publishVersion);

            // when: the events go through in time order
            events().forEach(assigner::send);

            // then: before the first version's validity nobody has a segment; every event's change names the
            // version valid at its time, and each version took over once, in time
            List<SegmentChange> changes = assigner.changeValues();
            assertThat(changes).isNotEmpty();
            for (SegmentChange c : changes) {
                long at = c.getEventTime().toEpochMilli();
                if (c.getCause() == ChangeCause.EVENT) {
                    assertThat(at).as("no event segmented before v1's validity")
                            .isGreaterThanOrEqualTo(validFrom(HISTORY.getFirst()));
                    assertThat(c.getModelVersion()).as("event at %s", c.getEventTime()).isEqualTo(versionAt(at));
                } else {
                    // a re-score when a version takes over: the customer's latest event may be older than it
                    assertThat(c.getModelVersion()).isGreaterThanOrEqualTo(versionAt(at));
                }
            }
            long firstEventOfV1 = events().stream().mapToLong(e -> e.getEventTime().toEpochMilli())
                    .filter(t -> t >= validFrom(HISTORY.getFirst())).min().orElseThrow();
            assertThat(changes.getFirst().getCause()).isEqualTo(ChangeCause.MODEL_UPDATE);
            assertThat(changes.getFirst().getModelVersion()).isEqualTo(1);
            assertThat(changes.getFirst().getEventTime().toEpochMilli()).isLessThan(firstEventOfV1);
            assertThat(assigner.assignments.readValuesToList())
                    .extracting(io.segmenta.avro.SegmentAssignment::getModelVersion).containsSubsequence(1L, 2L, 3L);
            assertThat(assigner.runtime.metrics().takeovers(false)).isEqualTo(3.0);
            assertThat(assigner.runtime.metrics().takeovers(true)).isZero();
            assertThat(assigner.runtime.models().entries()).filteredOn(e -> e.status() == ModelBoard.Status.ACTIVE)
                    .extracting(ModelBoard.Entry::version).containsExactly(3L);
            assertThat(assigner.runtime.models().entries()).filteredOn(e -> e.version() == 1).first()
                    .extracting(ModelBoard.Entry::validFrom).isEqualTo(HISTORY.getFirst().getTrainingWindow().getEnd());
        }
    }

    @Test
    void aReplayGivesTheSameChangesHoweverItIsPaced() {
        // given: the same events and model history, replayed twice: once with a punctuation (and a re-score chunk of
        // one customer) between every two events, once in one go with large chunks
        List<String> paced;
        try (AssignerDriver assigner = driver("paced", Map.of("segmenta.rescore.chunk", "1"))) {
            HISTORY.forEach(assigner::publishVersion);
            for (CustomerEvent e : events()) {
                assigner.send(e);
                assigner.punctuate();
            }
            paced = describe(assigner.changeValues());
        }
        List<String> fast;
        try (AssignerDriver assigner = driver("fast", Map.of("segmenta.rescore.chunk", "5000"))) {
            HISTORY.forEach(assigner::publishVersion);
            events().forEach(assigner::send);
            fast = describe(assigner.changeValues());
        }

        // then: identical change sequences (customer, segment, version, cause, event time)
        System.out.printf("[event time] replay paced vs in one go: %d and %d changes, identical: %s%n", paced.size(),
                fast.size(), paced.equals(fast));
        assertThat(paced).isNotEmpty().isEqualTo(fast);
    }

    @Test
    void aVersionThatArrivesAfterItsValidityBeganTakesOverLateAndIsCounted() {
        // given: live order: each version is published only after the events have passed its validity
        List<CustomerEvent> events = events();
        try (AssignerDriver assigner = driver("live", Map.of())) {
            int next = 0;
            for (CustomerEvent e : events) {
                while (next < HISTORY.size() && e.getEventTime().toEpochMilli() >= validFrom(HISTORY.get(next))
                        + Duration.ofDays(1).toMillis()) {
                    assigner.publishVersion(HISTORY.get(next++));
                    assigner.punctuate();
                }
                assigner.send(e);
            }
            assigner.punctuate();

            // then: each version took over late (a day after its validity began), with a re-score of everyone
            List<SegmentChange> changes = assigner.changeValues();
            System.out.printf("[event time] live order: %d changes, %.0f late take-overs%n", changes.size(),
                    assigner.runtime.metrics().takeovers(true));
            assertThat(assigner.runtime.metrics().takeovers(true)).isEqualTo(3.0);
            assertThat(assigner.runtime.metrics().takeovers(false)).isZero();
            assertThat(changes).filteredOn(c -> c.getCause() == ChangeCause.MODEL_UPDATE)
                    .extracting(SegmentChange::getModelVersion).contains(1L);
            for (int c = 0; c < CUSTOMERS; c++) {
                assertThat(assigner.customers().get("c" + c).assignment().modelVersion()).as("c%d", c).isEqualTo(3);
            }
        }
    }

    @Test
    void aReplayPinnedToOneVersionScoresEveryEventWithItWhateverItsTime() {
        // given: the model history, and a run pinned to v2 (as a replay of a model under review would be)
        EventScope pinned = new EventScope(null, null, java.util.Set.of(), Map.of(), 2);
        try (AssignerDriver assigner = new AssignerDriver(stateDir.resolve("pinned"), registry, Map.of(), pinned)) {
            HISTORY.forEach(assigner::publishVersion);

            // when
            events().forEach(assigner::send);

            // then: every change is v2's, from the first event on, before v2's own training window ended too
            List<SegmentChange> changes = assigner.changeValues();
            assertThat(changes).isNotEmpty().allSatisfy(c -> assertThat(c.getModelVersion()).isEqualTo(2));
            assertThat(changes.getFirst().getEventTime().toEpochMilli()).isLessThan(validFrom(HISTORY.getFirst()));
            assertThat(assigner.runtime.metrics().takeovers(true)).isZero();
        }
    }

    private AssignerDriver driver(String name, Map<String, String> settings) {
        return new AssignerDriver(stateDir.resolve(name), registry, settings);
    }

    /** Each customer buys every few days for 40 days; her basket grows or shrinks over time. */
    static List<CustomerEvent> events() {
        Random random = new Random(7);
        List<CustomerEvent> events = new ArrayList<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            double base = 20 + random.nextDouble() * 1500;
            double trend = (random.nextDouble() - 0.5) * 40;
            for (int day = 1 + random.nextInt(3); day < 40; day += 2 + random.nextInt(4)) {
                Instant at = DAY0.plus(Duration.ofDays(day)).plusSeconds(random.nextInt(80_000));
                double amount = Math.max(1, base + trend * day + random.nextGaussian() * 50);
                events.add(TestEvents.purchase("c" + c + "-d" + day, "c" + c, amount, at));
            }
        }
        events.sort(java.util.Comparator.comparing(CustomerEvent::getEventTime));
        return events;
    }

    static SegmentModel version(long version, int trainedUntilDay, double small, double big) {
        return TestModels.model(version, TestModels.monetarySpec(TestModels.HALF_LIFE_DAYS),
                DAY0.plus(Duration.ofDays(trainedUntilDay)), List.of(
                        TestModels.segment(1, "Small spenders", 600, small),
                        TestModels.segment(2, "Big spenders", 400, big)));
    }

    static long validFrom(SegmentModel model) {
        return model.getTrainingWindow().getEnd().toEpochMilli();
    }

    static long versionAt(long time) {
        return HISTORY.stream().filter(m -> validFrom(m) <= time).mapToLong(SegmentModel::getVersion).max().orElse(-1);
    }

    static List<String> describe(List<SegmentChange> changes) {
        Map<String, Integer> count = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (SegmentChange c : changes) {
            out.add(c.getCustomerId() + ":" + c.getSegmentId() + ":v" + c.getModelVersion() + ":" + c.getCause() + ":"
                    + c.getEventTime());
            count.merge(c.getCustomerId(), 1, Integer::sum);
        }
        return out;
    }
}
