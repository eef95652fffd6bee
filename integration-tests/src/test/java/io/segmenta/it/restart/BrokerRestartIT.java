package io.segmenta.it.restart;

import io.segmenta.app.demo.data.SyntheticOptions;
import io.segmenta.app.demo.data.SyntheticPopulation;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.SegmentAssignment;
import io.segmenta.avro.SegmentChange;
import io.segmenta.it.support.PipelineUnderTest;
import io.segmenta.it.support.RestartableKafka;
import io.segmenta.it.support.SchemaRegistryFixture;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 6: the broker crashes (SIGKILL) while the trainer (Flink MiniCluster, exactly-once sink) and the assigner
 * (Kafka Streams, exactly_once_v2) run, stays down for a while, and comes back at the same address with the same
 * data. Without any manual action both recover: the assigner assigns the customers that arrive afterwards, the
 * trainer publishes a newer model, the assigner is RUNNING and ready again, and nothing is lost.
 */
class BrokerRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(240);
    private static final Duration DOWN = Duration.ofSeconds(10);
    private static final Duration WEEK = Duration.ofDays(7);

    @Test
    void aCrashedAndRestartedBrokerIsRecoveredFromByTheTrainerAndTheAssignerWithNothingLost() throws Exception {
        // weekly training windows end at multiples of a week from the epoch: the events before the crash close the
        // window ending at lastBefore, those after it the one ending a week later, and no other
        long week = WEEK.toMillis();
        Instant lastAfter = Instant.ofEpochMilli(Math.floorDiv(System.currentTimeMillis() - 2 * week, week) * week);
        Instant lastBefore = lastAfter.minus(WEEK);
        SyntheticPopulation population = SyntheticPopulation.generate(SyntheticOptions.defaults().withCustomers(200)
                .withDays(28).withSeed(31).withDrift(false).withEnd(lastAfter.plus(Duration.ofHours(84))));
        Instant split = lastBefore.plus(Duration.ofHours(60));
        List<CustomerEvent> events = population.stream().toList();
        List<CustomerEvent> before = events.stream().filter(e -> e.getEventTime().isBefore(split)).toList();
        List<CustomerEvent> after = events.stream().filter(e -> !e.getEventTime().isBefore(split)).toList();
        Set<String> customersBefore = customers(before);
        Set<String> newCustomers = new HashSet<>(customers(after));
        newCustomers.removeAll(customersBefore);
        Set<String> everyone = customers(events);

        try (RestartableKafka broker = RestartableKafka.start();
             PipelineUnderTest pipeline = new PipelineUnderTest("restart-" + System.currentTimeMillis(),
                     broker.bootstrapServers()).startAssigner().startTrainer("3", "P7D")) {
            System.out.printf("[broker restart] broker: %s at %s, registry: %s%n", broker.kind(), broker.bootstrapServers(),
                    SchemaRegistryFixture.kind());

            // given: both run, a first model is out and every customer so far is assigned
            pipeline.sendEvents(before);
            long versionBefore = pipeline.modelForWindowEnd(lastBefore, WAIT).getVersion();
            Map<String, SegmentAssignment> assignedBefore = pipeline.latestAssignments(
                    a -> a.keySet().containsAll(customersBefore), WAIT);
            assertThat(assignedBefore.keySet()).containsExactlyInAnyOrderElementsOf(customersBefore);

            // when: the broker crashes, stays down while nothing is produced, and comes back on its port and data
            broker.kill();
            Thread.sleep(DOWN.toMillis());
            long restarting = System.nanoTime();
            broker.startAgain();
            long restartMillis = (System.nanoTime() - restarting) / 1_000_000;
            pipeline.sendEvents(after);

            // then: without anyone touching the trainer or the assigner, both carry on
            long versionAfter = pipeline.modelForWindowEnd(lastAfter, WAIT).getVersion();
            pipeline.latestAssignments(a -> a.keySet().containsAll(everyone)
                    && a.values().stream().allMatch(x -> x.getModelVersion() == versionAfter), WAIT);
            // every event processed: the assignments and changes read now are of the same finished state
            pipeline.awaitAssignerCaughtUp(WAIT);
            Map<String, SegmentAssignment> assigned = new HashMap<>();
            pipeline.readAllValues("segment-assignments", SegmentAssignment.class, WAIT)
                    .forEach(a -> assigned.put(a.getCustomerId(), a));
            Map<String, SegmentChange> lastChanges = new HashMap<>();
            pipeline.readAllValues("segment-changes", SegmentChange.class, WAIT)
                    .forEach(c -> lastChanges.put(c.getCustomerId(), c));
            long disagreeing = assigned.keySet().stream().filter(id -> lastChanges.get(id) == null
                    || lastChanges.get(id).getSegmentId() != assigned.get(id).getSegmentId()).count();
            boolean running = pipeline.assigner().awaitRunning(WAIT);
            int ready = awaitReady(pipeline);

            System.out.printf("[broker restart] %d events before the crash (%d customers, model v%d), broker down %d s, "
                            + "back in %d ms; %d events after (%d new customers); models after: up to v%d; %d of %d "
                            + "customers assigned (%d of %d new), all at v%d: %s; changes agree with assignments for %d "
                            + "(disagree: %d); assigner %s, /ready %d%n", before.size(), customersBefore.size(),
                    versionBefore, DOWN.toSeconds(), restartMillis, after.size(), newCustomers.size(), versionAfter,
                    assigned.size(), everyone.size(),
                    newCustomers.stream().filter(assigned::containsKey).count(), newCustomers.size(), versionAfter,
                    assigned.values().stream().allMatch(x -> x.getModelVersion() == versionAfter),
                    assigned.size() - disagreeing, disagreeing, pipeline.assigner().state(), ready);
            assertThat(newCustomers).isNotEmpty();
            assertThat(versionAfter).isGreaterThan(versionBefore);
            assertThat(assigned.keySet()).containsExactlyInAnyOrderElementsOf(everyone);
            assertThat(assigned.keySet()).containsAll(newCustomers);
            assertThat(assigned.values()).allSatisfy(a -> assertThat(a.getModelVersion()).isEqualTo(versionAfter));
            assertThat(disagreeing).isZero();
            assertThat(running).isTrue();
            assertThat(pipeline.assigner().state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(ready).isEqualTo(200);
        }
    }

    private static Set<String> customers(List<CustomerEvent> events) {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.getCustomerId()));
        return ids;
    }

    /** The assigner's /ready status once it is 200, or the last one seen. */
    private static int awaitReady(PipelineUnderTest pipeline) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI ready = URI.create(pipeline.assigner().httpUrl() + "/ready");
        long deadline = System.nanoTime() + WAIT.toNanos();
        int status;
        do {
            status = http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200) {
                return status;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        return status;
    }
}
