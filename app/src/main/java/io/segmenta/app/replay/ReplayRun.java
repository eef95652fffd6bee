package io.segmenta.app.replay;

import io.segmenta.avro.SegmentAssignment;
import io.segmenta.schemas.TopicNames;
import io.segmenta.schemas.kafka.TopicScan;
import io.segmenta.schemas.registry.RestSchemaRegistryClient;
import io.segmenta.schemas.registry.SchemaRegistry;
import io.segmenta.schemas.serde.AvroDeserializer;
import io.segmenta.streams.AssignerKeys;
import io.segmenta.streams.AssignerService;
import io.segmenta.streams.AssignerSettings;
import io.segmenta.streams.processor.EventScope;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * One replay: an assigner application of its own ({@code segmenta-replay-<prefix>}) over a range of the events
 * topic, writing to {@code <prefix>.segment-changes}, {@code <prefix>.segment-assignments} and
 * {@code <prefix>.segment-dlq}, ending at the end offsets it saw at start; then it removes its application state
 * (local directory, changelog topics, consumer group: what Kafka's reset tool does) and compares its assignments with
 * the live ones. It never writes to the live application's topics.
 */
public final class ReplayRun {

    /** What a replay is asked to do. */
    public record Request(String prefix, EventScopeRequest scope, boolean overwrite, String liveAssignments,
                          Map<String, String> settings, Duration adminTimeout, Duration progressEvery) {
    }

    /**
     * The range, without the end offsets (those are read at start).
     *
     * @param pinnedVersion the one model version to score every event with; 0 for the model history as it was
     */
    public record EventScopeRequest(java.time.Instant from, java.time.Instant to, Set<String> customers,
                                    long pinnedVersion) {
    }

    /** The refusal to run over an existing prefix (or another usage error): exit code 2. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private final Request request;
    private final PrintStream progress;

    public ReplayRun(Request request, PrintStream progress) {
        this.request = request;
        this.progress = progress;
    }

    public static String applicationId(String prefix) {
        return "segmenta-replay-" + prefix;
    }

    /** Runs the replay to the end offsets seen at start and returns the comparison with the live assignments. */
    public ReplayComparison run() throws Exception {
        String app = applicationId(request.prefix());
        Path stateDir = Files.createTempDirectory("segmenta-replay-");
        Map<String, String> props = new HashMap<>(request.settings());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.putIfAbsent(AssignerKeys.HTTP_PORT.key(), "0");
        props.put(AssignerKeys.TOPIC_CHANGES.key(), output(TopicNames.SEGMENT_CHANGES));
        props.put(AssignerKeys.TOPIC_ASSIGNMENTS.key(), output(TopicNames.SEGMENT_ASSIGNMENTS));
        props.put(AssignerKeys.TOPIC_DEAD_LETTERS.key(), output(TopicNames.SEGMENT_DLQ));
        AssignerSettings settings = AssignerSettings.fromMap(props);
        String events = settings.topics().events();
        if (request.liveAssignments().equals(settings.topics().assignments())) {
            throw new Refused("the replay's outputs would be the live assignments topic " + request.liveAssignments());
        }
        Properties adminProps = new Properties();
        adminProps.putAll(new StreamsConfig(settings.streamsProperties(0)).getAdminConfigs("segmenta-replay-admin"));
        try (Admin admin = Admin.create(adminProps)) {
            List<String> outputs = List.of(output(TopicNames.SEGMENT_CHANGES), output(TopicNames.SEGMENT_ASSIGNMENTS),
                    output(TopicNames.SEGMENT_DLQ));
            Set<String> existing = admin.listTopics().names().get();
            List<String> taken = outputs.stream().filter(existing::contains).toList();
            if (!taken.isEmpty()) {
                if (!request.overwrite()) {
                    throw new Refused("the replay prefix '" + request.prefix() + "' is in use (" + String.join(", ", taken)
                            + " exist): choose another --prefix, or pass --overwrite to replace that replay's output");
                }
                deleteTopics(admin, taken);
            }
            cleanUp(admin, app, existing);
            int partitions = admin.describeTopics(List.of(events)).allTopicNames().get().get(events).partitions().size();
            admin.createTopics(List.of(new NewTopic(outputs.get(0), partitions, (short) -1),
                    new NewTopic(outputs.get(1), partitions, (short) -1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(outputs.get(2), 1, (short) -1))).all().get();
            Map<Integer, Long> start = offsets(admin, events, partitions, OffsetSpec.earliest());
            Map<Integer, Long> end = offsets(admin, events, partitions, OffsetSpec.latest());
            if (request.scope().pinnedVersion() > 0) {
                requireVersion(settings, request.scope().pinnedVersion());
            }
            EventScope scope = new EventScope(request.scope().from(), request.scope().to(), request.scope().customers(),
                    end, request.scope().pinnedVersion());
            progress.printf("replay '%s': %,d records of %s (%d partitions) up to the end offsets of now%s; outputs %s.*%n",
                    request.prefix(), total(start, end), events, partitions, describe(request.scope()), request.prefix());
            try (AssignerService assigner = new AssignerService(settings).withScope(scope).start()) {
                awaitEnd(admin, assigner, app, events, start, end);
                progress.printf("replay '%s': done; %,.0f records skipped outside the range, %,.0f dead letters%n",
                        request.prefix(), assigner.runtime().metrics().outOfScope(),
                        assigner.runtime().metrics().deadLetters());
            }
            cleanUp(admin, app, admin.listTopics().names().get());
        } finally {
            deleteDirectory(stateDir);
        }
        SchemaRegistry registry = RestSchemaRegistryClient.fromProperties(settings.registryProperties());
        return ReplayComparison.of(latest(settings, registry, request.liveAssignments()),
                latest(settings, registry, output(TopicNames.SEGMENT_ASSIGNMENTS)));
    }

    /** Refuses a pinned version that neither the history nor the models topic holds for the model name. */
    private void requireVersion(AssignerSettings settings, long version) {
        SchemaRegistry registry = RestSchemaRegistryClient.fromProperties(settings.registryProperties());
        AvroDeserializer<io.segmenta.avro.SegmentModel> reader = new AvroDeserializer<>(registry,
                io.segmenta.avro.SegmentModel.class);
        boolean[] found = new boolean[1];
        for (String topic : List.of(settings.topics().modelHistory(), settings.topics().models())) {
            try (var consumer = consumer(settings)) {
                TopicScan.readToEnd(consumer, topic, request.adminTimeout(), r -> {
                    if (r.value() != null && !found[0]) {
                        try {
                            var m = reader.deserialize(topic, r.value());
                            found[0] = m.getModelName().equals(settings.modelName()) && m.getVersion() == version;
                        } catch (RuntimeException unreadable) {
                            // not a model this replay could pin
                        }
                    }
                });
            }
        }
        if (!found[0]) {
            throw new Refused("model '" + settings.modelName() + "' v" + version + " is neither in "
                    + settings.topics().modelHistory() + " nor in " + settings.topics().models());
        }
    }

    private KafkaConsumer<String, byte[]> consumer(AssignerSettings settings) {
        Map<String, Object> props = new HashMap<>(new StreamsConfig(settings.streamsProperties(0))
                .getGlobalConsumerConfigs("segmenta-replay-read"));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private String output(String name) {
        return request.prefix() + "." + name;
    }

    /** Waits until the application has committed the end offsets of every partition, printing progress. */
    private void awaitEnd(Admin admin, AssignerService assigner, String app, String events, Map<Integer, Long> start,
                          Map<Integer, Long> end) throws Exception {
        long total = total(start, end);
        long began = System.nanoTime();
        long lastPrint = began;
        while (true) {
            KafkaStreams.State state = assigner.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("the replay's assigner stopped (" + state + "); see its log");
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(app)
                    .partitionsToOffsetAndMetadata().get();
            long done = 0;
            for (var e : end.entrySet()) {
                OffsetAndMetadata c = committed.get(new TopicPartition(events, e.getKey()));
                long at = c == null ? start.get(e.getKey()) : Math.min(c.offset(), e.getValue());
                done += at - start.get(e.getKey());
            }
            long now = System.nanoTime();
            boolean finished = done >= total && !assigner.runtime().rescore().summary().running();
            if (finished || now - lastPrint >= request.progressEvery().toNanos()) {
                progress.println(ReplayProgress.line(done, total, now - began));
                lastPrint = now;
            }
            if (finished) {
                return;
            }
            Thread.sleep(200);
        }
    }

    /** Removes the application's internal topics and consumer group, as Kafka's streams reset tool would. */
    private static void cleanUp(Admin admin, String app, Set<String> topics) throws Exception {
        List<String> internal = topics.stream().filter(t -> t.startsWith(app + "-")).toList();
        deleteTopics(admin, internal);
        try {
            admin.deleteConsumerGroups(List.of(app)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException)) {
                throw e;
            }
        }
    }

    private static void deleteTopics(Admin admin, List<String> topics) throws Exception {
        if (topics.isEmpty()) {
            return;
        }
        admin.deleteTopics(topics).all().get();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (admin.listTopics().names().get().stream().anyMatch(topics::contains)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics not deleted within 60 s: " + topics);
            }
            Thread.sleep(100);
        }
    }

    private static Map<Integer, Long> offsets(Admin admin, String topic, int partitions, OffsetSpec spec)
            throws Exception {
        Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            ask.put(new TopicPartition(topic, p), spec);
        }
        Map<Integer, Long> out = new TreeMap<>();
        admin.listOffsets(ask).all().get().forEach((tp, info) -> out.put(tp.partition(), info.offset()));
        return out;
    }

    private static long total(Map<Integer, Long> start, Map<Integer, Long> end) {
        return end.entrySet().stream().mapToLong(e -> e.getValue() - start.get(e.getKey())).sum();
    }

    /** The latest assignment per customer of a compacted assignments topic (read_committed). */
    private Map<String, SegmentAssignment> latest(AssignerSettings settings, SchemaRegistry registry, String topic) {
        AvroDeserializer<SegmentAssignment> reader = new AvroDeserializer<>(registry, SegmentAssignment.class);
        Map<String, SegmentAssignment> out = new HashMap<>();
        try (var consumer = consumer(settings)) {
            TopicScan.readToEnd(consumer, topic, request.adminTimeout(), r -> {
                if (r.value() == null) {
                    out.remove(r.key());
                } else {
                    out.put(r.key(), reader.deserialize(topic, r.value()));
                }
            });
        }
        return out;
    }

    private static String describe(EventScopeRequest scope) {
        List<String> parts = new ArrayList<>();
        if (scope.from() != null) {
            parts.add("from " + scope.from());
        }
        if (scope.to() != null) {
            parts.add("to " + scope.to());
        }
        if (!scope.customers().isEmpty()) {
            parts.add(scope.customers().size() + " customers");
        }
        parts.add(scope.pinnedVersion() > 0 ? "every event scored with v" + scope.pinnedVersion()
                : "each event scored with the model of its time");
        return parts.isEmpty() ? "" : ", " + String.join(", ", parts);
    }

    private static void deleteDirectory(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
