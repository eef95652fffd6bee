package io.segmenta.it.support;

import io.segmenta.app.embedded.KafkaTopics;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.SegmentAssignment;
import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.TopicNames;
import io.segmenta.schemas.registry.RestSchemaRegistryClient;
import io.segmenta.schemas.registry.SchemaRegistry;
import io.segmenta.schemas.registry.SchemaRegistryConfig;
import io.segmenta.schemas.serde.AvroDeserializer;
import io.segmenta.schemas.serde.AvroSerializer;
import io.segmenta.streams.AssignerKeys;
import io.segmenta.streams.AssignerService;
import io.segmenta.streams.AssignerSettings;
import io.segmenta.trainer.TrainerRunner;
import io.segmenta.trainer.config.TrainerConfig;
import io.segmenta.trainer.config.TrainerKeys;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * The production pieces on the shared broker and registry, on topics of their own (a prefix per test): the Flink
 * trainer on a MiniCluster with checkpointing, and the Kafka Streams assigner with exactly_once_v2 and RocksDB.
 */
public final class PipelineUnderTest implements AutoCloseable {

    public final String prefix;
    public final String bootstrap;
    public final String registryUrl;
    public final SchemaRegistry registry;
    private AssignerService assigner;
    private JobClient trainer;

    public PipelineUnderTest(String prefix) throws Exception {
        this(prefix, KafkaFixture.bootstrapServers(), 2);
    }

    /** @param partitions of the events, assignments and changes topics (instances share out the first one's) */
    public PipelineUnderTest(String prefix, int partitions) throws Exception {
        this(prefix, KafkaFixture.bootstrapServers(), partitions);
    }

    /** On a broker of the test's own (one it stops and restarts) instead of the shared one. */
    public PipelineUnderTest(String prefix, String bootstrap) throws Exception {
        this(prefix, bootstrap, 2);
    }

    private PipelineUnderTest(String prefix, String bootstrap, int partitions) throws Exception {
        this.prefix = prefix;
        this.bootstrap = bootstrap;
        this.registryUrl = SchemaRegistryFixture.url().toString();
        this.registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(registryUrl));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            KafkaTopics.createAndAwait(admin, List.of(
                    KafkaTopics.plain(topic("customer-events"), partitions),
                    KafkaTopics.compacted(topic("segment-models"), 1),
                    KafkaTopics.plain(topic("segment-model-history"), 1),
                    KafkaTopics.compacted(topic("segment-assignments"), partitions),
                    KafkaTopics.plain(topic("segment-changes"), partitions),
                    KafkaTopics.plain(topic("segment-drift"), 1),
                    KafkaTopics.plain(topic("segment-dlq"), 1)), Duration.ofSeconds(60));
        }
    }

    public String topic(String name) {
        return prefix + "." + name;
    }

    public PipelineUnderTest startAssigner() throws Exception {
        assigner = startAssignerInstance();
        return this;
    }

    /**
     * Starts one more instance of the same assigner application (same application id, a state directory and HTTP
     * port of its own) and waits until it is RUNNING; the caller closes it.
     */
    public AssignerService startAssignerInstance() throws Exception {
        return startAssignerApplication(prefix + "-assigner", "", Map.of());
    }

    /**
     * Starts an assigner application of its own on this pipeline's events and models: application id
     * {@code applicationId}, outputs to {@code topic(outputs + "segment-changes")} and so on (created here when
     * {@code outputs} is not empty), with further settings on top; waits until it is RUNNING; the caller closes it.
     */
    public AssignerService startAssignerApplication(String applicationId, String outputs, Map<String, String> settings)
            throws Exception {
        if (!outputs.isEmpty()) {
            int partitions;
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                partitions = admin.describeTopics(List.of(topic("customer-events"))).allTopicNames().get()
                        .get(topic("customer-events")).partitions().size();
                KafkaTopics.createAndAwait(admin, List.of(
                        KafkaTopics.compacted(topic(outputs + TopicNames.SEGMENT_ASSIGNMENTS), partitions),
                        KafkaTopics.plain(topic(outputs + TopicNames.SEGMENT_CHANGES), partitions),
                        KafkaTopics.plain(topic(outputs + TopicNames.SEGMENT_DLQ), 1)), Duration.ofSeconds(60));
            }
        }
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("schema.registry.url", registryUrl);
        props.put("application.id", applicationId);
        props.put("state.dir", Files.createTempDirectory(prefix + "-state").toString());
        props.put(AssignerKeys.HTTP_PORT.key(), "0");
        props.put(AssignerKeys.TOPIC_EVENTS.key(), topic(TopicNames.CUSTOMER_EVENTS));
        props.put(AssignerKeys.TOPIC_MODELS.key(), topic(TopicNames.SEGMENT_MODELS));
        props.put(AssignerKeys.TOPIC_MODEL_HISTORY.key(), topic(TopicNames.SEGMENT_MODEL_HISTORY));
        props.put(AssignerKeys.TOPIC_ASSIGNMENTS.key(), topic(outputs + TopicNames.SEGMENT_ASSIGNMENTS));
        props.put(AssignerKeys.TOPIC_CHANGES.key(), topic(outputs + TopicNames.SEGMENT_CHANGES));
        props.put(AssignerKeys.TOPIC_DEAD_LETTERS.key(), topic(outputs + TopicNames.SEGMENT_DLQ));
        props.putAll(settings);
        AssignerService instance = new AssignerService(AssignerSettings.fromMap(props)).start();
        if (!instance.awaitRunning(Duration.ofSeconds(90))) {
            instance.close();
            throw new IllegalStateException("assigner not RUNNING: " + instance.state());
        }
        return instance;
    }

    public PipelineUnderTest startTrainer(String k, String window) throws Exception {
        return startTrainer(k, window, Map.of());
    }

    /** The trainer with further settings ({@code segmenta.*} keys) on top of this pipeline's wiring. */
    public PipelineUnderTest startTrainer(String k, String window, Map<String, String> settings) throws Exception {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrap);
        p.setProperty("schema.registry.url", registryUrl);
        p.setProperty(TrainerKeys.K.key(), k);
        p.setProperty(TrainerKeys.WINDOW.key(), window);
        p.setProperty(TrainerKeys.START.key(), "earliest");
        p.setProperty(TrainerKeys.PARALLELISM.key(), "2");
        p.putAll(trainerWiring("1s"));
        p.putAll(settings);
        trainer = TrainerRunner.start(TrainerConfig.fromProperties(p));
        return this;
    }

    /**
     * The trainer's settings that put it on this pipeline's topics, with a consumer group and transactional ids of
     * its own and checkpoints every {@code checkpointInterval}.
     */
    public Map<String, String> trainerWiring(String checkpointInterval) {
        Map<String, String> wiring = new LinkedHashMap<>();
        wiring.put(TrainerKeys.CHECKPOINT_INTERVAL.key(), checkpointInterval);
        wiring.put(TrainerKeys.GROUP_ID.key(), prefix + "-trainer");
        wiring.put(TrainerKeys.TRANSACTIONAL_ID_PREFIX.key(), prefix + "-trainer");
        wiring.put(TrainerKeys.TOPIC_EVENTS.key(), topic(TopicNames.CUSTOMER_EVENTS));
        wiring.put(TrainerKeys.TOPIC_MODELS.key(), topic(TopicNames.SEGMENT_MODELS));
        wiring.put(TrainerKeys.TOPIC_MODEL_HISTORY.key(), topic(TopicNames.SEGMENT_MODEL_HISTORY));
        wiring.put(TrainerKeys.TOPIC_DRIFT.key(), topic(TopicNames.SEGMENT_DRIFT));
        wiring.put(TrainerKeys.TOPIC_DEAD_LETTERS.key(), topic(TopicNames.SEGMENT_DLQ));
        return wiring;
    }

    public AssignerService assigner() {
        return assigner;
    }

    public KafkaProducer<byte[], byte[]> rawProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Reads a topic (read_committed) from the beginning until {@code done} holds for what was read, or time-out. */
    public List<ConsumerRecord<byte[], byte[]>> readUntil(String topic, Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
                                                          Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, prefix + "-reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !done.test(records)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Values of {@code topic(name)} (Avro, via the registry) from the beginning until {@code done} holds, or time-out. */
    public <T extends SpecificRecord> List<T> readValuesUntil(String name, Class<T> type, Predicate<List<T>> done,
                                                              Duration timeout) {
        AvroDeserializer<T> reader = new AvroDeserializer<>(registry, type);
        List<T> values = new ArrayList<>();
        readUntil(topic(name), records -> {
            for (int i = values.size(); i < records.size(); i++) {
                values.add(reader.deserialize(records.get(i).topic(), records.get(i).value()));
            }
            return done.test(values);
        }, timeout);
        return values;
    }

    /** Every value of {@code topic(name)} committed so far: read_committed up to the partitions' stable offsets. */
    public <T extends SpecificRecord> List<T> readAllValues(String name, Class<T> type, Duration timeout) {
        AvroDeserializer<T> reader = new AvroDeserializer<>(registry, type);
        List<T> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic(name)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic(name) + " to " + end + " within " + timeout);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(reader.deserialize(r.topic(), r.value())));
            }
        }
        return values;
    }

    /**
     * Sends the events to the events topic, keyed by customer id, and waits until the broker has them all. A record
     * whose send failed is sent again with a new producer (up to three rounds): on a freshly created topic the broker
     * can answer the first batch NOT_LEADER_OR_FOLLOWER and then refuse its retry as OUT_OF_ORDER_SEQUENCE_NUMBER for
     * the producer's whole delivery timeout (seen in CI), which silently lost that batch before.
     */
    public long sendEvents(List<CustomerEvent> events) {
        String topic = topic("customer-events");
        AvroSerializer<CustomerEvent> serializer = new AvroSerializer<>(registry, false);
        List<ProducerRecord<byte[], byte[]>> pending = new ArrayList<>(events.size());
        for (CustomerEvent e : events) {
            pending.add(new ProducerRecord<>(topic, e.getCustomerId().getBytes(StandardCharsets.UTF_8),
                    serializer.serialize(topic, e)));
        }
        for (int round = 1; !pending.isEmpty(); round++) {
            List<ProducerRecord<byte[], byte[]>> failed = sendOnce(pending);
            if (!failed.isEmpty() && round == 3) {
                throw new IllegalStateException(failed.size() + " of " + events.size() + " events could not be sent to "
                        + topic + " in " + round + " rounds");
            }
            pending = failed;
        }
        return events.size();
    }

    /** Sends the records with one producer and returns those the broker did not acknowledge. */
    private List<ProducerRecord<byte[], byte[]>> sendOnce(List<ProducerRecord<byte[], byte[]>> records) {
        List<Future<?>> acks = new ArrayList<>(records.size());
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<byte[], byte[]> r : records) {
                acks.add(producer.send(r));
            }
            producer.flush();
        }
        List<ProducerRecord<byte[], byte[]>> failed = new ArrayList<>();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending events", e);
            } catch (ExecutionException e) {
                failed.add(records.get(i));
            }
        }
        if (!failed.isEmpty()) {
            System.err.println("PipelineUnderTest: " + failed.size() + " of " + records.size()
                    + " events were not acknowledged; sending them again");
        }
        return failed;
    }

    /**
     * Waits until the assigner application has committed, on every partition of the events topic, the end offset seen
     * now: every event sent so far is processed and its outputs committed (exactly_once_v2 commits offsets and outputs
     * in one transaction), so the assignments and changes read next belong to the same finished state. Waiting for a
     * predicate on the assignments alone is not enough: a customer re-scored by a new model can still have events to
     * process, whose changes a later read would see but the earlier assignments read did not.
     */
    public void awaitAssignerCaughtUp(Duration timeout) {
        awaitCaughtUp(prefix + "-assigner", timeout);
    }

    /** {@link #awaitAssignerCaughtUp} for the assigner application (consumer group) {@code applicationId}. */
    public void awaitCaughtUp(String applicationId, Duration timeout) {
        String events = topic("customer-events");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(events)).allTopicNames().get().get(events).partitions()
                    .forEach(p -> latest.put(new TopicPartition(events, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
            long deadline = System.nanoTime() + timeout.toNanos();
            Map<TopicPartition, OffsetAndMetadata> committed = Map.of();
            while (System.nanoTime() < deadline) {
                committed = admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetAndMetadata> seen = committed;
                if (end.entrySet().stream().allMatch(e -> e.getValue() == 0 || (seen.get(e.getKey()) != null
                        && seen.get(e.getKey()).offset() >= e.getValue()))) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("the assigner did not commit the events topic's end offsets " + end + " within "
                    + timeout + "; committed: " + committed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the assigner", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read offsets of " + events, e);
        }
    }

    /** The trainer's model for the training window ending at {@code end} (the history topic keeps every version). */
    public SegmentModel modelForWindowEnd(Instant end, Duration timeout) {
        Predicate<SegmentModel> forWindow = m -> m.getTrainingWindow().getEnd().equals(end);
        List<SegmentModel> models = readValuesUntil("segment-model-history", SegmentModel.class,
                m -> m.stream().anyMatch(forWindow), timeout);
        return models.stream().filter(forWindow).findFirst().orElseThrow(() -> new AssertionError(
                "no model for the window ending " + end + " within " + timeout + "; models: " + models.stream()
                        .map(m -> "v" + m.getVersion() + " ending " + m.getTrainingWindow().getEnd()).toList()));
    }

    /** The latest assignment per customer, read until {@code done} holds for them or time-out. */
    public Map<String, SegmentAssignment> latestAssignments(Predicate<Map<String, SegmentAssignment>> done,
                                                            Duration timeout) {
        Map<String, SegmentAssignment> latest = new HashMap<>();
        readValuesUntil("segment-assignments", SegmentAssignment.class, all -> {
            latest.clear();
            all.forEach(a -> latest.put(a.getCustomerId(), a));
            return done.test(latest);
        }, timeout);
        return latest;
    }

    @Override
    public void close() throws Exception {
        if (trainer != null) {
            trainer.cancel().get();
        }
        if (assigner != null) {
            assigner.close();
        }
    }
}
