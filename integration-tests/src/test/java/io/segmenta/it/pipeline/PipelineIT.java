package io.segmenta.it.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segmenta.app.demo.data.SyntheticOptions;
import io.segmenta.app.demo.data.SyntheticPopulation;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.EventType;
import io.segmenta.avro.SegmentAssignment;
import io.segmenta.avro.SegmentChange;
import io.segmenta.avro.SegmentModel;
import io.segmenta.it.support.KafkaFixture;
import io.segmenta.it.support.PipelineUnderTest;
import io.segmenta.it.support.SchemaRegistryFixture;
import io.segmenta.schemas.deadletter.DeadLetter;
import io.segmenta.schemas.serde.AvroDeserializer;
import io.segmenta.schemas.serde.AvroSerializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

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
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline on a real broker and a real registry (over HTTP): the Flink trainer on a MiniCluster with
 * checkpoints and the exactly-once sink, the Kafka Streams assigner with exactly_once_v2 and RocksDB. The scenarios
 * build on each other (one pipeline start for the class keeps the module's run short) and each prints the counts
 * it checked.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {

    private static final int CUSTOMERS = 300;
    private static PipelineUnderTest pipeline;
    private static SyntheticPopulation population;
    private static AvroSerializer<CustomerEvent> events;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void startPipeline() throws Exception {
        System.out.printf("[pipeline] broker: %s, registry: %s%n", KafkaFixture.kind(), SchemaRegistryFixture.kind());
        pipeline = new PipelineUnderTest("it-" + System.currentTimeMillis()).startAssigner().startTrainer("3", "P7D");
        population = SyntheticPopulation.generate(SyntheticOptions.defaults().withCustomers(CUSTOMERS).withDays(35)
                .withSeed(11).withDrift(false));
        events = new AvroSerializer<>(pipeline.registry, false);
    }

    @AfterAll
    static void stop() throws Exception {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void coldStartAssignsEveryCustomerAndChangesAgreeWithAssignments() throws Exception {
        // given: weeks of events, produced before any model exists
        long sent = 0;
        try (var producer = pipeline.rawProducer()) {
            var it = population.events();
            while (it.hasNext()) {
                CustomerEvent e = it.next();
                producer.send(new ProducerRecord<>(pipeline.topic("customer-events"),
                        e.getCustomerId().getBytes(StandardCharsets.UTF_8),
                        events.serialize(pipeline.topic("customer-events"), e)));
                sent++;
            }
        }

        // when: the trainer publishes a first model and the assigner scores everyone
        List<SegmentModel> models = models(m -> !m.isEmpty(), Duration.ofSeconds(180));
        Map<String, SegmentAssignment> assignments = assignments(a -> a.size() >= CUSTOMERS, Duration.ofSeconds(180));
        Map<String, SegmentChange> lastChanges = lastChanges(c -> c.size() >= CUSTOMERS, Duration.ofSeconds(60));
        // the trainer keeps publishing while the assigner re-scores: the two topics are read one after the other, so
        // read them again until a quiet moment (each change and its assignment are committed in one transaction)
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!agree(assignments, lastChanges) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            assignments = assignments(a -> a.size() >= CUSTOMERS, Duration.ofSeconds(60));
            lastChanges = lastChanges(c -> c.size() >= CUSTOMERS, Duration.ofSeconds(60));
        }

        // then: every customer has an assignment, and its latest change agrees with it
        System.out.printf("[pipeline cold start] %d events, %d models (first v%d k=%d), %d customers assigned, %d with changes%n",
                sent, models.size(), models.get(0).getVersion(), models.get(0).getSegments().size(), assignments.size(),
                lastChanges.size());
        assertThat(models.get(0).getVersion()).isEqualTo(1L);
        assertThat(models.get(0).getSegments()).hasSize(3);
        assertThat(assignments.keySet()).hasSize(CUSTOMERS)
                .containsExactlyInAnyOrderElementsOf(population.customers().stream().map(c -> c.id()).toList());
        assertThat(lastChanges.keySet()).isEqualTo(assignments.keySet());
        for (String customer : assignments.keySet()) {
            assertThat(lastChanges.get(customer).getSegmentId()).as(customer)
                    .isEqualTo(assignments.get(customer).getSegmentId());
        }
    }

    private static boolean agree(Map<String, SegmentAssignment> assignments, Map<String, SegmentChange> lastChanges) {
        return assignments.entrySet().stream().allMatch(e -> lastChanges.containsKey(e.getKey())
                && lastChanges.get(e.getKey()).getSegmentId() == e.getValue().getSegmentId());
    }

    @Test
    @Order(2)
    void badInputIsDeadLetteredWithItsReasonAndProcessingContinues() throws Exception {
        String topic = pipeline.topic("customer-events");
        Instant t = population.end().minus(Duration.ofHours(1));
        Map<String, String> expected = new HashMap<>();
        try (var producer = pipeline.rawProducer()) {
            producer.send(new ProducerRecord<>(topic, bytes("bad-1"), "not avro at all".getBytes(StandardCharsets.UTF_8)));
            expected.put("bad-1", "NO_MAGIC_BYTE");
            producer.send(new ProducerRecord<>(topic, bytes("bad-2"), new byte[]{0, 0x7f, 0x7f, 0x7f, 0x01, 2, 4}));
            expected.put("bad-2", "UNKNOWN_SCHEMA_ID");
            producer.send(record(topic, "bad-3", event("bad-3", t).setCustomerId(null).build()));
            expected.put("bad-3", "MISSING_CUSTOMER_ID");
            producer.send(record(topic, "bad-4", event("bad-4", t).setAmount(Double.NaN).build()));
            expected.put("bad-4", "NON_FINITE_AMOUNT");
            producer.send(record(topic, "bad-5", event("bad-5", t).setAmount(-20.0).build()));
            expected.put("bad-5", "NEGATIVE_AMOUNT");
            producer.send(record(topic, "bad-6", event("bad-6", Instant.now().plus(Duration.ofDays(30))).build()));
            expected.put("bad-6", "FUTURE_EVENT_TIME");
            // handled by stated rules, not dead-lettered: an absurd age is dropped, an unknown type counts as activity
            producer.send(record(topic, "ok-age", event("ok-age", t).setAge(430).build()));
            producer.send(record(topic, "ok-type", event("ok-type", t).setType(EventType.UNKNOWN).setAmount(null).build()));
        }

        List<DeadLetter> letters = pipeline.readUntil(pipeline.topic("segment-dlq"),
                        r -> r.stream().filter(x -> "assigner".equals(stage(x))).count() >= expected.size(), Duration.ofSeconds(90))
                .stream().map(r -> DeadLetter.fromRecord(r.key(), r.value(), r.headers())).toList();
        Map<String, String> assignerReasons = letters.stream().filter(d -> "assigner".equals(d.stage()))
                .collect(Collectors.toMap(d -> new String(d.key(), StandardCharsets.UTF_8), DeadLetter::reason));
        Map<String, SegmentAssignment> assignments = assignments(a -> a.containsKey("ok-age") && a.containsKey("ok-type"),
                Duration.ofSeconds(90));

        System.out.printf("[pipeline bad input] %d dead letters from the assigner (%s), %d from the trainer; "
                        + "ok-age and ok-type assigned: %s%n", assignerReasons.size(), assignerReasons,
                letters.stream().filter(d -> "trainer".equals(d.stage())).count(),
                assignments.containsKey("ok-age") && assignments.containsKey("ok-type"));
        assertThat(assignerReasons).isEqualTo(expected);
        assertThat(letters).filteredOn(d -> "assigner".equals(d.stage())).allSatisfy(d -> {
            assertThat(d.sourceTopic()).isEqualTo(topic);
            assertThat(d.sourceOffset()).isNotNegative();
            assertThat(d.errorMessage()).isNotBlank();
        });
        assertThat(assignments).containsKeys("ok-age", "ok-type");
    }

    @Test
    @Order(3)
    void aModelThatDoesNotFitIsRefusedAndThePreviousStaysActive() throws Exception {
        SegmentModel good = models(m -> !m.isEmpty(), Duration.ofSeconds(10)).getLast();
        List<io.segmenta.avro.Segment> segments = new ArrayList<>(good.getSegments());
        segments.set(0, io.segmenta.avro.Segment.newBuilder(segments.get(0)).setCentroid(List.of(1.0, 2.0)).build());
        SegmentModel bad = SegmentModel.newBuilder(good).setVersion(good.getVersion() + 1000)
                .setSegments(segments).build(); // a centroid of the wrong dimension
        try (var producer = pipeline.rawProducer()) {
            producer.send(new ProducerRecord<>(pipeline.topic("segment-models"), bytes(good.getModelName()),
                    new AvroSerializer<SegmentModel>(pipeline.registry, false).serialize(pipeline.topic("segment-models"), bad))).get();
        }

        JsonNode models = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            models = get("/models");
            boolean refusedSeen = false;
            for (JsonNode v : models.path("versions")) {
                refusedSeen |= v.path("version").asLong() == bad.getVersion() && "REFUSED".equals(v.path("status").asText());
            }
            if (refusedSeen) {
                break;
            }
            Thread.sleep(500);
        }
        System.out.printf("[pipeline bad model] /models after a v%d with a wrong dimension: %s%n", bad.getVersion(), models);
        assertThat(models.path("activeVersion").asLong()).isLessThan(bad.getVersion()).isGreaterThanOrEqualTo(1L);
        assertThat(models.path("versions").findValuesAsText("status")).contains("REFUSED");
    }

    @Test
    @Order(4)
    void aProducerWithANewerSchemaIsReadByTheRunningAssigner() throws Exception {
        // given: a producer whose CustomerEvent has an added optional field (registered as a new version)
        String topic = pipeline.topic("customer-events");
        org.apache.avro.Schema newer = new org.apache.avro.Schema.Parser().parse(CustomerEvent.getClassSchema().toString()
                .replace("\"fields\":[", "\"fields\":[{\"name\":\"storeId\",\"type\":[\"null\",\"string\"],\"default\":null},"));
        int id = pipeline.registry.register(topic + "-value", newer);
        CustomerEvent base = event("evolved-1", population.end().minus(Duration.ofMinutes(30))).build();
        org.apache.avro.generic.GenericData.Record record = new org.apache.avro.generic.GenericData.Record(newer);
        for (org.apache.avro.Schema.Field f : CustomerEvent.getClassSchema().getFields()) {
            record.put(f.name(), base.get(f.name()));
        }
        record.put("eventTime", base.getEventTime().toEpochMilli());
        record.put("type", new org.apache.avro.generic.GenericData.EnumSymbol(newer.getField("type").schema(), "PURCHASE"));
        record.put("storeId", "store-17");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.write(new byte[5]);
        var encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(bytes, null);
        new org.apache.avro.generic.GenericDatumWriter<org.apache.avro.generic.GenericRecord>(newer).write(record, encoder);
        encoder.flush();
        byte[] framed = bytes.toByteArray();
        io.segmenta.schemas.serde.WireFormat.writeHeader(framed, id);

        // when: it writes while the assigner runs with the older schema
        try (var producer = pipeline.rawProducer()) {
            producer.send(new ProducerRecord<>(topic, bytes("evolved-1"), framed)).get();
        }

        // then: the event is read (resolved to the older reader schema) and the customer assigned, not dead-lettered
        Map<String, SegmentAssignment> assignments = assignments(a -> a.containsKey("evolved-1"), Duration.ofSeconds(60));
        long dead = pipeline.readUntil(pipeline.topic("segment-dlq"), r -> false, Duration.ofSeconds(3)).stream()
                .filter(r -> "evolved-1".equals(new String(r.key(), StandardCharsets.UTF_8))).count();
        System.out.printf("[pipeline schema evolution] newer schema id %d: customer assigned %s, dead letters %d%n",
                id, assignments.containsKey("evolved-1"), dead);
        assertThat(assignments).containsKey("evolved-1");
        assertThat(dead).isZero();
    }

    @Test
    @Order(5)
    void aModelUpdateReScoresKnownCustomersWithCauseModelUpdate() throws Exception {
        // given: the active model, and a next version that moves one centre onto another segment's customers
        JsonNode before = get("/models");
        long active = before.path("activeVersion").asLong();
        SegmentModel current = models(m -> m.stream().anyMatch(x -> x.getVersion() == active), Duration.ofSeconds(10))
                .stream().filter(x -> x.getVersion() == active).findFirst().orElseThrow();
        List<io.segmenta.avro.Segment> segments = new ArrayList<>(current.getSegments());
        io.segmenta.avro.Segment a = segments.get(0);
        io.segmenta.avro.Segment b = segments.get(1);
        List<Double> between = new ArrayList<>();
        for (int j = 0; j < a.getCentroid().size(); j++) {
            between.add(0.3 * a.getCentroid().get(j) + 0.7 * b.getCentroid().get(j));
        }
        segments.set(0, io.segmenta.avro.Segment.newBuilder(a).setCentroid(between).build());
        long next = active + 500;
        SegmentModel moved = SegmentModel.newBuilder(current).setVersion(next).setParentVersion(active)
                .setSegments(segments).build();

        // when: it is published
        try (var producer = pipeline.rawProducer()) {
            producer.send(new ProducerRecord<>(pipeline.topic("segment-models"), bytes(current.getModelName()),
                    new AvroSerializer<SegmentModel>(pipeline.registry, false).serialize(pipeline.topic("segment-models"), moved))).get();
        }

        // then: every known customer is re-scored with it, and the movers' changes say MODEL_UPDATE
        Map<String, SegmentAssignment> assignments = assignments(m -> m.values().stream()
                .filter(x -> x.getModelVersion() == next).count() >= CUSTOMERS, Duration.ofSeconds(90));
        var reader = new AvroDeserializer<>(pipeline.registry, SegmentChange.class);
        List<SegmentChange> updates = pipeline.readUntil(pipeline.topic("segment-changes"), r -> false, Duration.ofSeconds(5))
                .stream().map(r -> reader.deserialize(r.topic(), r.value()))
                .filter(c -> c.getModelVersion() == next).toList();
        long rescored = assignments.values().stream().filter(x -> x.getModelVersion() == next).count();
        System.out.printf("[pipeline model update] v%d -> v%d: %d customers re-scored, %d changed segment (all cause %s)%n",
                active, next, rescored, updates.size(),
                updates.stream().map(c -> c.getCause().name()).distinct().toList());
        assertThat(rescored).isGreaterThanOrEqualTo(CUSTOMERS);
        assertThat(updates).isNotEmpty();
        assertThat(updates).allSatisfy(c -> {
            assertThat(c.getCause().name()).isEqualTo("MODEL_UPDATE");
            assertThat(c.getPreviousModelVersion()).isNotNull();
        });
        assertThat(updates).extracting(SegmentChange::getSegmentId).contains(a.getSegmentId());
    }

    private static JsonNode get(String path) throws Exception {
        URI uri = URI.create(pipeline.assigner().httpUrl() + path);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private static CustomerEvent.Builder event(String customer, Instant t) {
        return CustomerEvent.newBuilder().setEventId(customer + "-" + t.toEpochMilli()).setCustomerId(customer)
                .setEventTime(t).setType(EventType.PURCHASE).setAmount(25.0).setCurrency("EUR").setQuantity(1)
                .setProductCategory("books").setChannel("web").setCountry("DE").setAge(null).setGender(null).setIncome(null);
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String key, CustomerEvent e) {
        return new ProducerRecord<>(topic, bytes(key), events.serialize(topic, e));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String stage(ConsumerRecord<byte[], byte[]> r) {
        var h = r.headers().lastHeader(DeadLetter.STAGE);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static List<SegmentModel> models(java.util.function.Predicate<List<SegmentModel>> done, Duration timeout) {
        var reader = new AvroDeserializer<>(pipeline.registry, SegmentModel.class);
        List<SegmentModel> out = new ArrayList<>();
        pipeline.readUntil(pipeline.topic("segment-model-history"), r -> {
            out.clear();
            r.forEach(x -> out.add(reader.deserialize(x.topic(), x.value())));
            return done.test(out);
        }, timeout);
        return out;
    }

    private static Map<String, SegmentAssignment> assignments(java.util.function.Predicate<Map<String, SegmentAssignment>> done,
                                                              Duration timeout) {
        var reader = new AvroDeserializer<>(pipeline.registry, SegmentAssignment.class);
        Map<String, SegmentAssignment> out = new HashMap<>();
        pipeline.readUntil(pipeline.topic("segment-assignments"), r -> {
            out.clear();
            r.forEach(x -> {
                SegmentAssignment a = reader.deserialize(x.topic(), x.value());
                out.put(a.getCustomerId(), a);
            });
            return done.test(out);
        }, timeout);
        return out;
    }

    private static Map<String, SegmentChange> lastChanges(java.util.function.Predicate<Map<String, SegmentChange>> done,
                                                          Duration timeout) {
        var reader = new AvroDeserializer<>(pipeline.registry, SegmentChange.class);
        Map<String, SegmentChange> out = new HashMap<>();
        pipeline.readUntil(pipeline.topic("segment-changes"), r -> {
            out.clear();
            r.forEach(x -> {
                SegmentChange c = reader.deserialize(x.topic(), x.value());
                out.put(c.getCustomerId(), c);
            });
            return done.test(out);
        }, timeout);
        return out;
    }
}
