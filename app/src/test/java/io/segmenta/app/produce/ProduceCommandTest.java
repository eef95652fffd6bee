package io.segmenta.app.produce;

import io.segmenta.app.demo.data.SyntheticOptions;
import io.segmenta.app.demo.data.SyntheticPopulation;
import io.segmenta.app.embedded.EmbeddedKafkaBroker;
import io.segmenta.app.embedded.KafkaTopics;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.EventType;
import io.segmenta.schemas.registry.InMemorySchemaRegistry;
import io.segmenta.schemas.registry.SchemaRegistryHttpServer;
import io.segmenta.schemas.serde.AvroDeserializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code produce} and {@link EventProducer} end to end: an embedded broker and an in-process schema registry. */
class ProduceCommandTest {

    static EmbeddedKafkaBroker broker;
    static InMemorySchemaRegistry registry;
    static SchemaRegistryHttpServer registryServer;

    @BeforeAll
    static void start() throws IOException {
        broker = EmbeddedKafkaBroker.start(0, null);
        registry = new InMemorySchemaRegistry();
        registryServer = SchemaRegistryHttpServer.start(registry, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (registryServer != null) {
            registryServer.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    record Run(int exit, String out, String err) {
    }

    static Run produce(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new ProduceCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static String[] connection(String topic, String... more) {
        return Stream.concat(Stream.of("--bootstrap-servers", broker.bootstrapServers(),
                "--schema-registry", registryServer.url().toString(), "--topic", topic), Stream.of(more))
                .toArray(String[]::new);
    }

    @Test
    void producesExactlyTheLimitOfSyntheticEventsKeyedByCustomer() throws Exception {
        Run run = produce(connection("synthetic-events", "synthetic", "--customers", "40", "--days", "30",
                "--partitions", "3", "--limit", "2500"));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("2,500 events sent").contains("true segments");
        List<ConsumerRecord<String, CustomerEvent>> records = readAll("synthetic-events", 2500);
        assertThat(records).hasSize(2500);
        assertThat(records).allMatch(r -> r.key().equals(r.value().getCustomerId()));
        assertThat(records.stream().map(r -> r.value().getEventId()).distinct()).hasSize(2500);
        assertThat(records.stream().map(ConsumerRecord::partition).distinct()).hasSize(3);
        // the value is registered under the topic's subject
        assertThat(registry.latest("synthetic-events-value").schema()).isEqualTo(CustomerEvent.getClassSchema());
    }

    @Test
    void eventProducerSendsAStreamAndSkipsEventsWithoutCustomer() throws Exception {
        createTopic("producer-events");
        SyntheticPopulation population = SyntheticPopulation.generate(SyntheticOptions.defaults().withCustomers(80)
                .withDays(10).withEnd(Instant.parse("2026-01-01T00:00:00Z")));
        List<CustomerEvent> expected = population.stream().limit(1200).toList();
        assertThat(expected).hasSize(1200);
        List<CustomerEvent> input = new ArrayList<>(expected);
        input.add(500, CustomerEvent.newBuilder(expected.get(0)).setEventId("orphan").setCustomerId(null).build());
        List<SendSummary> progress = new ArrayList<>();

        SendSummary summary;
        try (EventProducer producer = new EventProducer(
                new org.apache.kafka.clients.producer.KafkaProducer<>(EventProducer.producerConfig(
                        broker.bootstrapServers(), Map.of()), new org.apache.kafka.common.serialization.StringSerializer(),
                        new io.segmenta.schemas.serde.AvroSerializer<>(registry, false)),
                "producer-events", Duration.ofMillis(50))) {
            summary = producer.send(input.iterator(), RateLimit.perSecond(4000), progress::add);
        }

        assertThat(summary.sent()).isEqualTo(1200);
        assertThat(summary.skippedNoCustomerId()).isEqualTo(1);
        assertThat(summary.elapsed()).isGreaterThan(Duration.ofMillis(250)); // 1200 events at 4000/s
        assertThat(progress).isNotEmpty();
        List<ConsumerRecord<String, CustomerEvent>> records = readAll("producer-events", 1200);
        assertThat(records.stream().map(ConsumerRecord::value)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(records).allMatch(r -> r.key().equals(r.value().getCustomerId()));
    }

    @Test
    void producesATransactionsFileThroughTheOnlineRetailMapping(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("retail.csv");
        Files.writeString(csv, """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom
                536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom
                536366,22633,HAND WARMER UNION JACK,6,2010-12-01 08:28:00,1.85,,United Kingdom
                536367,84879,ASSORTED COLOUR BIRD ORNAMENT,32,2010-12-01 08:34:00,1.69,13047.0,United Kingdom
                536368,22960,"JAM MAKING SET, WITH JARS",6,2010-12-01 08:34:00,4.25,13047.0,United Kingdom
                C536379,D,Discount,-1,2010-12-01 09:41:00,27.50,14527.0,United Kingdom
                """);

        Run run = produce(connection("retail-events", csv.toString(), "--mapping", "online-retail"));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("5 events sent").contains("1 without a customer id");
        List<ConsumerRecord<String, CustomerEvent>> records = readAll("retail-events", 5);
        assertThat(records).hasSize(5);
        assertThat(records).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("17850", "17850", "13047", "13047", "14527");
        CustomerEvent refund = records.stream().map(ConsumerRecord::value)
                .filter(e -> e.getType() == EventType.REFUND).findFirst().orElseThrow();
        assertThat(refund.getCustomerId()).isEqualTo("14527");
        assertThat(refund.getAmount()).isEqualTo(27.5);
        assertThat(records.stream().map(r -> r.value().getEventId())).contains("online-retail:retail.csv:1");

        // without --mapping, the layout is recognised from the header
        Run detected = produce(connection("retail-detected", csv.toString(), "--limit", "2"));
        assertThat(detected.exit()).as(detected.err()).isZero();
        assertThat(detected.out()).contains("2 events sent").contains("3 events not sent (--limit 2)");
        assertThat(readAll("retail-detected", 2)).hasSize(2);
    }

    @Test
    void userErrorsEndWithOneLineAndANonZeroExit(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("x.csv"), "a,b,c\n1,2,3\n");

        Run unknownMapping = produce(connection("t", csv.toString(), "--mapping", "no-such-mapping"));
        assertThat(unknownMapping.exit()).isEqualTo(1);
        assertThat(unknownMapping.err().strip()).doesNotContain("\n").contains("no-such-mapping")
                .contains("online-retail");

        Run undetectable = produce(connection("t", csv.toString()));
        assertThat(undetectable.exit()).isEqualTo(1);
        assertThat(undetectable.err().strip()).doesNotContain("\n").contains("--mapping");

        Run missing = produce(connection("t", dir.resolve("nope.csv").toString(), "--mapping", "online-retail"));
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err().strip()).doesNotContain("\n").contains("no such file");

        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        Run unreachable = produce("--bootstrap-servers", "localhost:" + closed, "--timeout", "PT2S",
                "--schema-registry", registryServer.url().toString(), "synthetic", "--customers", "5");
        assertThat(unreachable.exit()).isEqualTo(1);
        assertThat(unreachable.err().strip()).doesNotContain("\n").contains("cannot reach Kafka at localhost:" + closed);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));

        Run badRegistry = produce("--bootstrap-servers", broker.bootstrapServers(), "--timeout", "PT5S",
                "--schema-registry", "http://127.0.0.1:" + closed, "synthetic", "--customers", "5");
        assertThat(badRegistry.exit()).isEqualTo(1);
        assertThat(badRegistry.err().strip()).doesNotContain("\n").contains("schema registry at");
    }

    static void createTopic(String topic) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            KafkaTopics.createAndAwait(admin, List.of(KafkaTopics.plain(topic, 2)), Duration.ofSeconds(30));
        }
    }

    /** Reads the topic from the start until {@code expected} records came, then a little longer to catch extras. */
    static List<ConsumerRecord<String, CustomerEvent>> readAll(String topic, int expected) {
        List<ConsumerRecord<String, CustomerEvent>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic + "-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new AvroDeserializer<>(registry, CustomerEvent.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(300)).forEach(records::add);
        }
        return records;
    }

}
