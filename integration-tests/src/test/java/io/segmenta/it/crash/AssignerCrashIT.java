package io.segmenta.it.crash;

import io.segmenta.app.demo.data.SyntheticOptions;
import io.segmenta.app.demo.data.SyntheticPopulation;
import io.segmenta.app.embedded.KafkaTopics;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.SegmentChange;
import io.segmenta.avro.SegmentModel;
import io.segmenta.it.support.KafkaFixture;
import io.segmenta.it.support.OfflineModels;
import io.segmenta.it.support.SchemaRegistryFixture;
import io.segmenta.schemas.registry.RestSchemaRegistryClient;
import io.segmenta.schemas.registry.SchemaRegistry;
import io.segmenta.schemas.registry.SchemaRegistryConfig;
import io.segmenta.schemas.serde.AvroDeserializer;
import io.segmenta.schemas.serde.AvroSerializer;
import io.segmenta.streams.AssignerKeys;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 4: the assigner process is killed (SIGKILL, no clean shutdown) in the middle of a load of more than
 * 100 k events and restarted; with read_committed, every customer's segment-change sequence is exactly what a
 * crash-free run over the same events produces: nothing lost, nothing duplicated. One fixed model, so the
 * sequences depend only on the events.
 */
class AssignerCrashIT {

    @Test
    void aKilledAndRestartedAssignerEmitsExactlyTheChangesOfACrashFreeRun() throws Exception {
        String prefix = "crash-" + System.currentTimeMillis();
        String bootstrap = KafkaFixture.bootstrapServers();
        String registryUrl = SchemaRegistryFixture.url().toString();
        SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(registryUrl));
        String events = prefix + ".customer-events";
        String models = prefix + ".segment-models";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<org.apache.kafka.clients.admin.NewTopic> topics = new ArrayList<>(List.of(
                    KafkaTopics.plain(events, 2), KafkaTopics.compacted(models, 1),
                    KafkaTopics.plain(prefix + ".segment-model-history", 1)));
            for (String run : List.of("reference", "crashed")) {
                topics.add(KafkaTopics.compacted(prefix + "." + run + ".segment-assignments", 2));
                topics.add(KafkaTopics.plain(prefix + "." + run + ".segment-changes", 2));
                topics.add(KafkaTopics.plain(prefix + "." + run + ".segment-dlq", 1));
            }
            KafkaTopics.createAndAwait(admin, topics, Duration.ofSeconds(60));
        }

        // given: a fixed model and more than 100 k events, all on the topics before either run starts
        SyntheticPopulation population = SyntheticPopulation.generate(SyntheticOptions.defaults().withCustomers(600)
                .withDays(90).withSeed(23).withEnd(Instant.parse("2026-06-01T00:00:00Z")));
        List<CustomerEvent> all = new ArrayList<>();
        population.events().forEachRemaining(all::add);
        SegmentModel model = OfflineModels.fit(all, 5);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new AvroSerializer<SegmentModel>(registry, false))) {
            producer.send(new ProducerRecord<>(models, model.getModelName(), model)).get();
        }
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 10), new StringSerializer(),
                new AvroSerializer<CustomerEvent>(registry, false))) {
            for (CustomerEvent e : all) {
                producer.send(new ProducerRecord<>(events, e.getCustomerId(), e));
            }
        }
        assertThat(all.size()).isGreaterThanOrEqualTo(100_000);

        // when: a reference run goes through them undisturbed
        Path work = Files.createTempDirectory(prefix);
        Process reference = assigner(prefix, "reference", bootstrap, registryUrl, work);
        awaitConsumed(bootstrap, prefix + "-reference", events, all.size(), Duration.ofMinutes(4));
        reference.destroy();
        reference.waitFor(30, TimeUnit.SECONDS);

        // and: another run is killed half-way through, then restarted on the same state directory
        Process first = assigner(prefix, "crashed", bootstrap, registryUrl, work);
        long atKill = awaitConsumed(bootstrap, prefix + "-crashed", events, all.size() * 2L / 5, Duration.ofMinutes(4));
        first.destroyForcibly();
        first.waitFor(30, TimeUnit.SECONDS);
        Process second = assigner(prefix, "crashed", bootstrap, registryUrl, work);
        awaitConsumed(bootstrap, prefix + "-crashed", events, all.size(), Duration.ofMinutes(4));
        second.destroy();
        second.waitFor(30, TimeUnit.SECONDS);

        // then: per customer, the same sequence of changes, read with read_committed
        Map<String, List<String>> expected = changes(bootstrap, registry, prefix + ".reference.segment-changes");
        Map<String, List<String>> actual = changes(bootstrap, registry, prefix + ".crashed.segment-changes");
        long expectedCount = expected.values().stream().mapToLong(List::size).sum();
        long actualCount = actual.values().stream().mapToLong(List::size).sum();
        System.out.printf("[assigner crash] %,d events; killed after %,d committed; reference %,d changes for %d customers, "
                + "crashed-and-restarted %,d changes for %d customers; sequences equal: %s%n", all.size(), atKill,
                expectedCount, expected.size(), actualCount, actual.size(), expected.equals(actual));
        assertThat(atKill).isLessThan(all.size());
        assertThat(expected).isNotEmpty();
        assertThat(actual).isEqualTo(expected);
    }

    /** The assigner service as its own JVM, like production: SIGKILL is a real crash. */
    private static Process assigner(String prefix, String run, String bootstrap, String registry, Path work)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.segmenta.streams.AssignerCommand",
                "--bootstrap-servers", bootstrap, "--schema-registry", registry,
                "--application-id", prefix + "-" + run, "--state-dir", work.resolve(run).toString(), "--http-port", "0",
                "-D", AssignerKeys.TOPIC_EVENTS.key() + "=" + prefix + ".customer-events",
                "-D", AssignerKeys.TOPIC_MODELS.key() + "=" + prefix + ".segment-models",
                "-D", AssignerKeys.TOPIC_MODEL_HISTORY.key() + "=" + prefix + ".segment-model-history",
                "-D", AssignerKeys.TOPIC_ASSIGNMENTS.key() + "=" + prefix + "." + run + ".segment-assignments",
                "-D", AssignerKeys.TOPIC_CHANGES.key() + "=" + prefix + "." + run + ".segment-changes",
                "-D", AssignerKeys.TOPIC_DEAD_LETTERS.key() + "=" + prefix + "." + run + ".segment-dlq");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(run + "-" + System.nanoTime() + ".log").toFile()).start();
    }

    /** Waits until the application's committed offsets on the events topic reach {@code count}; returns them. */
    private static long awaitConsumed(String bootstrap, String group, String topic, long count, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long committed = 0;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                committed = offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                        .mapToLong(e -> e.getValue().offset()).sum();
                if (committed >= count) {
                    return committed;
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError(group + " consumed only " + committed + " of " + count + " within " + timeout);
    }

    private static Map<String, List<String>> changes(String bootstrap, SchemaRegistry registry, String topic) {
        var reader = new AvroDeserializer<>(registry, SegmentChange.class);
        Map<String, List<String>> byCustomer = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, topic + "-check-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < Duration.ofSeconds(5).toNanos()) {
                var records = consumer.poll(Duration.ofMillis(300));
                if (!records.isEmpty()) {
                    quietSince = System.nanoTime();
                }
                records.forEach(r -> {
                    SegmentChange c = reader.deserialize(r.topic(), r.value());
                    byCustomer.computeIfAbsent(c.getCustomerId(), k -> new ArrayList<>()).add(c.getPreviousSegmentId() + "->"
                            + c.getSegmentId() + ":" + c.getCause() + "@" + c.getEventTime().toEpochMilli());
                });
            }
        }
        return byCustomer;
    }
}
