package io.segmenta.it.scaleout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segmenta.app.demo.data.SyntheticOptions;
import io.segmenta.app.demo.data.SyntheticPopulation;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.SegmentAssignment;
import io.segmenta.avro.SegmentModel;
import io.segmenta.it.support.OfflineModels;
import io.segmenta.it.support.PipelineUnderTest;
import io.segmenta.schemas.serde.AvroSerializer;
import io.segmenta.streams.AssignerService;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the assigner application share out the partitions. A customer can be asked for at either
 * instance: the one that does not hold the customer answers through the owner (the {@code X-Served-By} header says
 * so), and both answer what the assignments topic says. When one instance leaves, the other takes over its
 * partitions (state restored from the changelog) and answers every customer itself.
 */
class AssignerInstancesIT {

    private static final int CUSTOMERS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void eitherInstanceAnswersForEveryCustomerAndTheSurvivorTakesOver() throws Exception {
        try (PipelineUnderTest pipeline = new PipelineUnderTest("instances-" + System.currentTimeMillis(), 4)) {
            // given: a model and the events of 200 customers on four partitions
            SyntheticPopulation population = SyntheticPopulation.generate(SyntheticOptions.defaults()
                    .withCustomers(CUSTOMERS).withDays(30).withSeed(31).withEnd(Instant.parse("2026-06-01T00:00:00Z")));
            List<CustomerEvent> events = new ArrayList<>();
            population.events().forEachRemaining(events::add);
            publish(pipeline, OfflineModels.fit(events, 4), events);

            // when: two instances of the same application run
            AssignerService first = pipeline.startAssignerInstance();
            AssignerService second = pipeline.startAssignerInstance();
            try {
                pipeline.awaitAssignerCaughtUp(Duration.ofSeconds(120));
                Map<String, SegmentAssignment> assignments = assignments(pipeline);
                assertThat(assignments).hasSize(CUSTOMERS);
                awaitBothOwnPartitions(first, second, assignments.keySet().iterator().next());

                // then: every customer is answered by both instances, through the owner where it is held elsewhere
                int forwardedByFirst = 0;
                int forwardedBySecond = 0;
                for (Map.Entry<String, SegmentAssignment> e : assignments.entrySet()) {
                    Answer a = ask(first, e.getKey());
                    Answer b = ask(second, e.getKey());
                    assertThat(a.segmentId()).as(e.getKey()).isEqualTo(e.getValue().getSegmentId());
                    assertThat(b.segmentId()).as(e.getKey()).isEqualTo(e.getValue().getSegmentId());
                    assertThat(a.forwarded() ^ b.forwarded()).as("exactly one instance holds " + e.getKey()).isTrue();
                    forwardedByFirst += a.forwarded() ? 1 : 0;
                    forwardedBySecond += b.forwarded() ? 1 : 0;
                }
                System.out.printf("[assigner instances] %d customers asked at both instances: %d forwarded by the first, "
                        + "%d by the second, all answers equal to the assignments topic%n", assignments.size(),
                        forwardedByFirst, forwardedBySecond);
                assertThat(forwardedByFirst).isPositive();
                assertThat(forwardedBySecond).isPositive();
                assertThat(forwardedByFirst + forwardedBySecond).isEqualTo(CUSTOMERS);
                assertThat(get(first, "/models").path("activeVersion").asLong())
                        .isEqualTo(get(second, "/models").path("activeVersion").asLong()).isPositive();

                // and: a customer's history and the segment she held at a time, the same at either instance
                Map<String, JsonNode> histories = new HashMap<>();
                for (String customer : assignments.keySet().stream().sorted().limit(20).toList()) {
                    JsonNode history = get(first, "/customers/" + customer + "/history");
                    assertThat(get(second, "/customers/" + customer + "/history")).as(customer).isEqualTo(history);
                    JsonNode latest = history.path("transitions").path(0);
                    assertThat(latest.path("segmentId").asInt()).as(customer)
                            .isEqualTo(assignments.get(customer).getSegmentId());
                    JsonNode held = get(second, "/customers/" + customer + "?at=" + latest.path("at").asText());
                    assertThat(held.path("segmentId").asInt()).as(customer).isEqualTo(latest.path("segmentId").asInt());
                    assertThat(held.path("since").asText()).isEqualTo(latest.path("at").asText());
                    histories.put(customer, history);
                }
                System.out.printf("[assigner instances] histories of %d customers equal at both instances, %d "
                        + "transitions in all%n", histories.size(),
                        histories.values().stream().mapToInt(h -> h.path("transitions").size()).sum());

                // when: the second instance leaves
                second.close();
                assertThat(awaitRunning(first)).isTrue();

                // then: the first holds every customer and answers each one itself, unchanged
                int local = 0;
                for (Map.Entry<String, SegmentAssignment> e : assignments.entrySet()) {
                    Answer a = awaitLocal(first, e.getKey());
                    assertThat(a.segmentId()).as(e.getKey()).isEqualTo(e.getValue().getSegmentId());
                    local += a.forwarded() ? 0 : 1;
                }
                System.out.printf("[assigner instances] after the second left: %d of %d customers answered locally "
                        + "by the first%n", local, assignments.size());
                assertThat(local).isEqualTo(CUSTOMERS);
                // and: the histories of the customers it took over were restored from the changelog
                for (Map.Entry<String, JsonNode> h : histories.entrySet()) {
                    assertThat(get(first, "/customers/" + h.getKey() + "/history")).as(h.getKey()).isEqualTo(h.getValue());
                }
            } finally {
                second.close();
                first.close();
            }
        }
    }

    private record Answer(int status, Integer segmentId, boolean forwarded) {
    }

    private Answer ask(AssignerService instance, String customer) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(instance.httpUrl() + "/customers/" + customer))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        Integer segment = body.hasNonNull("segmentId") ? body.get("segmentId").asInt() : null;
        return new Answer(r.statusCode(), segment, r.headers().firstValue("X-Served-By").isPresent());
    }

    /** Right after a rebalance the metadata may still point at the leaver: ask again until answered locally. */
    private Answer awaitLocal(AssignerService instance, String customer) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Answer a = ask(instance, customer);
        while ((a.status() != 200 || a.forwarded()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            a = ask(instance, customer);
        }
        assertThat(a.status()).as("status for " + customer).isEqualTo(200);
        return a;
    }

    /** Both instances RUNNING with the partitions shared out, and the query metadata agreeing on an owner. */
    private void awaitBothOwnPartitions(AssignerService first, AssignerService second, String customer) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (first.state() == KafkaStreams.State.RUNNING && second.state() == KafkaStreams.State.RUNNING
                    && ask(first, customer).status() == 200 && ask(second, customer).status() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("instances not both answering: " + first.state() + ", " + second.state());
    }

    private static boolean awaitRunning(AssignerService instance) throws InterruptedException {
        Thread.sleep(500); // let the leave start a rebalance before waiting for RUNNING again
        return instance.awaitRunning(Duration.ofSeconds(90));
    }

    private JsonNode get(AssignerService instance, String path) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(instance.httpUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static void publish(PipelineUnderTest pipeline, SegmentModel model, List<CustomerEvent> events)
            throws Exception {
        var modelWriter = new AvroSerializer<SegmentModel>(pipeline.registry, false);
        try (var producer = pipeline.rawProducer()) {
            producer.send(new ProducerRecord<>(pipeline.topic("segment-models"), bytes(model.getModelName()),
                    modelWriter.serialize(pipeline.topic("segment-models"), model))).get();
        }
        pipeline.sendEvents(events);
    }

    private static Map<String, SegmentAssignment> assignments(PipelineUnderTest pipeline) {
        return pipeline.latestAssignments(latest -> latest.size() >= CUSTOMERS, Duration.ofSeconds(120));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
