package io.segmenta.it.pipeline;

import io.segmenta.avro.ChangeCause;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.LineageEvent;
import io.segmenta.avro.LineageKind;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentAssignment;
import io.segmenta.avro.SegmentChange;
import io.segmenta.avro.SegmentModel;
import io.segmenta.it.pipeline.BehaviourGroups.Group;
import io.segmenta.it.support.KafkaFixture;
import io.segmenta.it.support.PipelineUnderTest;
import io.segmenta.it.support.SchemaRegistryFixture;
import io.segmenta.trainer.config.TrainerKeys;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 2, the trainer's half: the real trainer (Flink MiniCluster, k chosen from 3..6 by silhouette) and the
 * real assigner run; three groups of customers with clearly different behaviour give a first model with three
 * segments; then a new group of customers with a behaviour of its own appears. The trainer's refit at the next window
 * grows k, gives the new group a new segment id recorded as a BIRTH in the lineage, and keeps the ids of the groups
 * that did not move; the assigner re-scores with that version and the newcomers' changes say MODEL_UPDATE.
 *
 * <p>Deterministic: the events are a function of the seed and of weekly window boundaries (event time), produced a
 * window at a time, and the test waits on outcomes (a model for a given window end, assignments with a given
 * version); the only pause is a short settle after the warm-up events, which guards the first model's input.
 */
class RefitThroughPipelineIT {

    private static final int PER_GROUP = 80;
    /** Below 0.3 of its nearest old segment's size, so the birth can never be read as a split of that segment. */
    private static final int NEWCOMERS = 30;
    private static final long SEED = 5;
    private static final List<Group> STABLE = List.of(Group.BIG_BASKETS, Group.SMALL_BASKETS_MANY_REFUNDS, Group.BROWSERS);
    private static final int PARTITIONS = 2; // of customer-events, see PipelineUnderTest
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration ONE_DAY = Duration.ofDays(1);
    private static final Duration WAIT = Duration.ofSeconds(180);

    @Test
    void aRefitOnShiftedDataGivesTheNewGroupANewSegmentAndKeepsTheOthersIds() throws Exception {
        System.out.printf("[refit] broker: %s, registry: %s%n", KafkaFixture.kind(), SchemaRegistryFixture.kind());
        // window boundaries are multiples of the window from the epoch; t0 is one, weeks in the past
        long week = WEEK.toMillis();
        Instant t0 = Instant.ofEpochMilli(Math.floorDiv(System.currentTimeMillis() - 5 * week, week) * week);
        // k may grow at the first window that shows the new group: this test is about the birth and the ids kept;
        // the default waits for a second window of the same evidence (IndependentDataIT, the quality benchmark)
        try (PipelineUnderTest pipeline = new PipelineUnderTest("refit-" + System.currentTimeMillis())
                .startAssigner().startTrainer("3..6", "P7D", Map.of(TrainerKeys.REFIT_K_CHANGE_WINDOWS.key(), "1"))) {

            // given: two weeks of three groups, a week at a time, each up to a day past the end of a window so that
            // the window closes with little of the next one folded in: a first model, then its refit
            List<CustomerEvent> firstWeek = stable(t0.minus(WEEK), t0.plus(ONE_DAY), true);
            int warmUp = warmUp(firstWeek, t0.minus(WEEK));
            long sent = pipeline.sendEvents(firstWeek.subList(0, warmUp));
            awaitTrainerRead(pipeline);
            sent += pipeline.sendEvents(firstWeek.subList(warmUp, firstWeek.size()));
            SegmentModel firstModel = pipeline.modelForWindowEnd(t0, WAIT);
            sent += pipeline.sendEvents(stable(t0.plus(ONE_DAY), t0.plus(WEEK).plus(ONE_DAY), false));
            SegmentModel before = pipeline.modelForWindowEnd(t0.plus(WEEK), WAIT);
            Map<String, SegmentAssignment> first = pipeline.latestAssignments(
                    a -> countAt(a, before.getVersion()) >= 3 * PER_GROUP, WAIT);
            Map<Group, Set<Integer>> idsBefore = idsByGroup(first, STABLE);
            System.out.printf("[refit before] %d events; first model v%d (k=%d) for the window ending %s, its refit "
                            + "v%d for the window ending %s: k=%d, ids %s; %d customers assigned, segment ids by group %s%n",
                    sent, firstModel.getVersion(), firstModel.getSegments().size(), t0, before.getVersion(),
                    before.getTrainingWindow().getEnd(), before.getSegments().size(), ids(before), first.size(), idsBefore);
            assertThat(before.getSegments()).hasSize(3);
            assertThat(first).hasSize(3 * PER_GROUP);
            assertThat(idsBefore.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
            assertThat(idsBefore.values().stream().flatMap(Set::stream).distinct().count()).isEqualTo(3);

            // when: the groups go on and a new group appears; the assigner knows every newcomer before the window
            // closes, so the next model reaches them as a re-score
            Instant shift = t0.plus(WEEK).plus(ONE_DAY);
            Instant nextEnd = t0.plus(WEEK).plus(WEEK);
            Map<Group, Integer> everyone = new EnumMap<>(Group.class);
            STABLE.forEach(g -> everyone.put(g, PER_GROUP));
            everyone.put(Group.APP_BIG_SPENDERS, NEWCOMERS);
            List<CustomerEvent> shifted = BehaviourGroups.events(everyone, shift, nextEnd, SEED, Set.of(Group.APP_BIG_SPENDERS));
            sent += pipeline.sendEvents(shifted);
            Set<String> newcomers = IntStream.range(0, NEWCOMERS).mapToObj(Group.APP_BIG_SPENDERS::customer)
                    .collect(Collectors.toSet());
            pipeline.latestAssignments(a -> a.keySet().containsAll(newcomers), WAIT);
            sent += pipeline.sendEvents(stable(nextEnd, nextEnd.plus(ONE_DAY), false));

            // then: the refit of that window has a fourth segment, born with an id never used before
            SegmentModel after = pipeline.modelForWindowEnd(nextEnd, WAIT);
            Set<Integer> everUsed = pipeline.readAllValues("segment-model-history", SegmentModel.class, WAIT).stream()
                    .filter(m -> m.getVersion() < after.getVersion())
                    .flatMap(m -> m.getSegments().stream().map(Segment::getSegmentId)).collect(Collectors.toCollection(TreeSet::new));
            List<LineageEvent> births = after.getLineage().stream().filter(e -> e.getKind() == LineageKind.BIRTH).toList();
            Map<String, SegmentAssignment> second = pipeline.latestAssignments(
                    a -> countAt(a, after.getVersion()) >= 3 * PER_GROUP + NEWCOMERS, WAIT);
            Map<Group, Set<Integer>> idsAfter = idsByGroup(second, List.of(Group.values()));
            // the re-score wrote every change with the assignments above, in the same transactions
            List<SegmentChange> updates = pipeline.readAllValues("segment-changes", SegmentChange.class, WAIT).stream()
                    .filter(c -> c.getModelVersion() == after.getVersion()).toList();
            System.out.printf("[refit after] %d events in all; model v%d (parent v%s) for the window ending %s: k=%d, "
                            + "ids %s, lineage %s; ids used before %s%n", sent, after.getVersion(), after.getParentVersion(),
                    after.getTrainingWindow().getEnd(), after.getSegments().size(), ids(after), lineage(after), everUsed);
            System.out.printf("[refit after] %d customers at v%d, segment ids by group %s; %d changes at v%d: "
                            + "causes %s, %d newcomers moved to the new segment, %d customers of the stable groups changed%n",
                    countAt(second, after.getVersion()), after.getVersion(), idsAfter, updates.size(), after.getVersion(),
                    updates.stream().map(c -> c.getCause().name()).distinct().toList(),
                    updates.stream().filter(c -> newcomers.contains(c.getCustomerId())).count(),
                    updates.stream().filter(c -> !newcomers.contains(c.getCustomerId())).count());

            assertThat(after.getVersion()).isGreaterThan(before.getVersion());
            assertThat(after.getParentVersion()).isEqualTo(before.getVersion());
            assertThat(after.getSegments()).hasSize(4);
            assertThat(births).singleElement().satisfies(b -> assertThat(b.getToSegments()).hasSize(1));
            int born = births.get(0).getToSegments().get(0);
            assertThat(everUsed).doesNotContain(born);
            assertThat(born).isGreaterThan(everUsed.stream().mapToInt(Integer::intValue).max().orElseThrow());
            // the groups that did not move keep their ids, and the lineage says they survived
            for (Group g : STABLE) {
                assertThat(idsAfter.get(g)).as(g.name()).isEqualTo(idsBefore.get(g));
                int id = idsBefore.get(g).iterator().next();
                assertThat(after.getLineage()).as("lineage of " + id).anySatisfy(e -> {
                    assertThat(e.getKind()).isEqualTo(LineageKind.SURVIVED);
                    assertThat(e.getFromSegments()).containsExactly(id);
                    assertThat(e.getToSegments()).containsExactly(id);
                });
            }
            assertThat(idsAfter.get(Group.APP_BIG_SPENDERS)).containsExactly(born);
            // the assigner's re-score: exactly the newcomers move, into the new segment, because of the model
            assertThat(countAt(second, after.getVersion())).isEqualTo(3 * PER_GROUP + NEWCOMERS);
            assertThat(updates).extracting(SegmentChange::getCustomerId).containsExactlyInAnyOrderElementsOf(newcomers);
            assertThat(updates).allSatisfy(c -> {
                assertThat(c.getCause()).isEqualTo(ChangeCause.MODEL_UPDATE);
                assertThat(c.getSegmentId()).isEqualTo(born);
                assertThat(c.getPreviousModelVersion()).isEqualTo(before.getVersion());
                assertThat(c.getPreviousSegmentId()).isIn(idsBefore.values().stream().flatMap(Set::stream).toList());
            });
        }
    }

    private static List<CustomerEvent> stable(Instant from, Instant to, boolean signUp) {
        Map<Group, Integer> customers = new EnumMap<>(Group.class);
        STABLE.forEach(g -> customers.put(g, PER_GROUP));
        return BehaviourGroups.events(customers, from, to, SEED, signUp ? Set.copyOf(STABLE) : Set.of());
    }

    /**
     * How many of the first events move both partitions' event time past the start of the timeline: the trainer's
     * first window closes on them, with a handful of customers (no model) instead of whoever a burst of reading
     * brought in before the first watermark (a model fitted on a day's data).
     */
    private static int warmUp(List<CustomerEvent> events, Instant start) {
        Set<Integer> past = new HashSet<>();
        Set<String> customers = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            CustomerEvent e = events.get(i);
            customers.add(e.getCustomerId());
            if (e.getEventTime().isAfter(start.plus(Duration.ofMinutes(10)))) {
                past.add(BuiltInPartitioner.partitionForKey(e.getCustomerId().getBytes(StandardCharsets.UTF_8), PARTITIONS));
            }
            if (past.size() == PARTITIONS) {
                System.out.printf("[refit warm-up] %d events of %d customers%n", i + 1, customers.size());
                return i + 1;
            }
        }
        throw new IllegalStateException("the events never pass the start on every partition");
    }

    /** Waits until the trainer has committed (with a checkpoint) every event produced so far, and its watermark followed. */
    private static void awaitTrainerRead(PipelineUnderTest pipeline) throws Exception {
        String topic = pipeline.topic("customer-events");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(pipeline.prefix + "-trainer")
                        .partitionsToOffsetAndMetadata().get();
                if (end.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue())) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the trainer did not read the warm-up events within " + WAIT + ": " + committed);
                }
                Thread.sleep(200);
            }
        }
        Thread.sleep(2_000); // periodic watermarks (every 200 ms) follow the records the checkpoint covered
    }

    private static long countAt(Map<String, SegmentAssignment> assignments, long version) {
        return assignments.values().stream().filter(a -> a.getModelVersion() == version).count();
    }

    /** The segment ids the customers of each group are assigned to (one each when the model found the groups). */
    private static Map<Group, Set<Integer>> idsByGroup(Map<String, SegmentAssignment> assignments, List<Group> groups) {
        Map<Group, Set<Integer>> out = new EnumMap<>(Group.class);
        for (Group g : groups) {
            out.put(g, assignments.values().stream().filter(a -> a.getCustomerId().startsWith(g.prefix()))
                    .map(SegmentAssignment::getSegmentId).collect(Collectors.toCollection(TreeSet::new)));
        }
        return out;
    }

    private static List<Integer> ids(SegmentModel m) {
        return m.getSegments().stream().map(Segment::getSegmentId).sorted().toList();
    }

    private static List<String> lineage(SegmentModel m) {
        return m.getLineage().stream().map(e -> e.getKind() + " " + e.getFromSegments() + "->" + e.getToSegments()).toList();
    }
}
