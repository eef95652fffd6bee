package io.segmenta.app.replay;

import io.segmenta.analysis.publish.ModelPublisher;
import io.segmenta.analysis.publish.PublishOptions;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.SegmentAssignment;
import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.files.ModelFile;
import io.segmenta.schemas.registry.SchemaRegistryConfig;
import io.segmenta.schemas.serde.AvroSerializer;
import io.segmenta.streams.model.ModelCompiler;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
import java.time.Instant;
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

    /**
     * What a replay is asked to do.
     *
     * @param modelFile a model to score every event with (its own lineage, published to the replay's own model
     *                  topics), or null
     * @param promote   after the comparison, publish the pinned model (file or version) as the live lineage's next
     *                  version
     */
    public record Request(String prefix, EventScopeRequest scope, boolean overwrite, String liveAssignments,
                          Map<String, String> settings, Duration adminTimeout, Duration progressEvery, Path modelFile,
                          boolean promote) {
    }

    /** The comparison, and the version published when promoting (else null). */
    public record Result(ReplayComparison comparison, ModelPromotion.Promoted promoted) {
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

    /** Records read from the end of each events partition to find the latest event time. */
    private static final int TAIL_RECORDS = 200;

    private final Request request;
    private final PrintStream progress;

    public ReplayRun(Request request, PrintStream progress) {
        this.request = request;
        this.progress = progress;
    }

    public static String applicationId(String prefix) {
        return "segmenta-replay-" + prefix;
    }

    /**
     * Runs the replay to the end offsets seen at start, compares with the live assignments and, when asked, promotes
     * the pinned model.
     */
    public Result run() throws Exception {
        String app = applicationId(request.prefix());
        Map<String, String> props = new HashMap<>(request.settings());
        props.putIfAbsent(AssignerKeys.HTTP_PORT.key(), "0");
        AssignerSettings live = AssignerSettings.fromMap(props);
        SegmentModel fileModel = request.modelFile() == null ? null : readModelFile(live);
        if (fileModel != null) {
            // its own lineage, in topics of the replay's own: the live model topics are never written
            props.put(AssignerKeys.TOPIC_MODELS.key(), output(TopicNames.SEGMENT_MODELS));
            props.put(AssignerKeys.TOPIC_MODEL_HISTORY.key(), output(TopicNames.SEGMENT_MODEL_HISTORY));
            props.put(AssignerKeys.MODEL_NAME.key(), fileModel.getModelName());
        }
        long pinned = fileModel != null ? fileModel.getVersion() : request.scope().pinnedVersion();
        if (request.promote() && pinned <= 0) {
            throw new Refused("--promote needs the model to promote: --model-file FILE or --model-version N");
        }
        Path stateDir = Files.createTempDirectory("segmenta-replay-");
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
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
            List<String> outputs = new ArrayList<>(List.of(output(TopicNames.SEGMENT_CHANGES),
                    output(TopicNames.SEGMENT_ASSIGNMENTS), output(TopicNames.SEGMENT_DLQ)));
            if (fileModel != null) {
                outputs.addAll(List.of(output(TopicNames.SEGMENT_MODELS), output(TopicNames.SEGMENT_MODEL_HISTORY)));
            }
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
            if (fileModel != null) {
                admin.createTopics(List.of(
                        new NewTopic(outputs.get(3), 1, (short) -1).configs(Map.of("cleanup.policy", "compact")),
                        new NewTopic(outputs.get(4), 1, (short) -1).configs(Map.of("retention.ms", "-1")))).all().get();
                publishFileModel(settings, fileModel);
            }
            Map<Integer, Long> start = offsets(admin, events, partitions, OffsetSpec.earliest());
            Map<Integer, Long> end = offsets(admin, events, partitions, OffsetSpec.latest());
            SegmentModel candidate = fileModel != null ? fileModel
                    : pinned > 0 ? requireVersion(settings, pinned) : null;
            EventScope scope = new EventScope(request.scope().from(), request.scope().to(), request.scope().customers(),
                    end, pinned);
            progress.printf("replay '%s': %,d records of %s (%d partitions) up to the end offsets of now%s; outputs %s.*%n",
                    request.prefix(), total(start, end), events, partitions, describe(request.scope(), pinned),
                    request.prefix());
            try (AssignerService assigner = new AssignerService(settings).withScope(scope).start()) {
                awaitEnd(admin, assigner, app, events, start, end);
                progress.printf("replay '%s': done; %,.0f records skipped outside the range, %,.0f dead letters%n",
                        request.prefix(), assigner.runtime().metrics().outOfScope(),
                        assigner.runtime().metrics().deadLetters());
            }
            cleanUp(admin, app, admin.listTopics().names().get());
            SchemaRegistry registry = RestSchemaRegistryClient.fromProperties(settings.registryProperties());
            Map<String, SegmentAssignment> liveAssigned = latest(settings, registry, request.liveAssignments());
            Map<String, SegmentAssignment> replayAssigned = latest(settings, registry,
                    output(TopicNames.SEGMENT_ASSIGNMENTS));
            ReplayComparison comparison = ReplayComparison.of(liveAssigned, replayAssigned);
            ModelPromotion.Promoted promoted = request.promote()
                    ? promote(live, candidate, fileModel != null, liveAssigned, replayAssigned, events) : null;
            return new Result(comparison, promoted);
        } finally {
            deleteDirectory(stateDir);
        }
    }

    /** Reads the model file and refuses one this assigner could not serve (before anything is created). */
    private SegmentModel readModelFile(AssignerSettings live) {
        SegmentModel model;
        try {
            model = ModelFile.read(request.modelFile());
        } catch (IllegalArgumentException e) {
            throw new Refused(e.getMessage());
        }
        try {
            new ModelCompiler(model.getModelName(), live.halfLifeDays()).compile(model);
        } catch (IllegalArgumentException e) {
            throw new Refused("the model in " + request.modelFile() + " cannot be served: " + e.getMessage());
        }
        return model;
    }

    private void publishFileModel(AssignerSettings settings, SegmentModel model) throws Exception {
        AvroSerializer<SegmentModel> writer = new AvroSerializer<>(
                RestSchemaRegistryClient.fromProperties(settings.registryProperties()), true);
        Map<String, Object> props = new HashMap<>(new StreamsConfig(settings.streamsProperties(0))
                .getProducerConfigs("segmenta-replay-model"));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (String topic : List.of(settings.topics().modelHistory(), settings.topics().models())) {
                producer.send(new ProducerRecord<>(topic, model.getModelName(), writer.serialize(topic, model))).get();
            }
        }
    }

    /**
     * Publishes the pinned model as the live lineage's next version: ids and lineage from the member overlap of the
     * live and replayed assignments, valid from the latest event time in the events topic.
     */
    private ModelPromotion.Promoted promote(AssignerSettings live, SegmentModel candidate, boolean fromFile,
                                            Map<String, SegmentAssignment> liveAssigned,
                                            Map<String, SegmentAssignment> replayAssigned, String events) {
        List<SegmentModel> lineage = models(live, live.modelName(), live.topics().modelHistory(), live.topics().models());
        SegmentModel latest = lineage.stream().max(Comparator.comparingLong(SegmentModel::getVersion)).orElse(null);
        if (!fromFile && latest != null && latest.getVersion() == candidate.getVersion()) {
            throw new Refused("v" + candidate.getVersion() + " is already the live version of '" + live.modelName() + "'");
        }
        int maxId = lineage.stream().flatMap(m -> m.getSegments().stream()).mapToInt(s -> s.getSegmentId())
                .max().orElse(-1);
        Instant validFrom = latestEventTime(live, events);
        String provenance = fromFile ? "file " + request.modelFile().toAbsolutePath()
                : "'" + live.modelName() + "' v" + candidate.getVersion();
        ModelPromotion.Promoted promoted = ModelPromotion.promote(candidate, latest, live.modelName(),
                latest == null ? 1 : latest.getVersion() + 1, maxId, liveAssigned, replayAssigned, validFrom,
                Instant.now(), provenance + " (replay '" + request.prefix() + "')");
        String url = live.registryProperties().get(SchemaRegistryConfig.URL);
        try (ModelPublisher publisher = ModelPublisher.connect(new PublishOptions(
                live.clientProperties().get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG), url, live.modelName(),
                live.topics().models(), live.topics().modelHistory(), request.adminTimeout()))) {
            publisher.send(promoted.model());
        }
        progress.printf("replay '%s': promoted %s as '%s' v%d (parent %s), valid from %s%n", request.prefix(),
                provenance, live.modelName(), promoted.model().getVersion(),
                latest == null ? "none" : "v" + latest.getVersion(), validFrom);
        return promoted;
    }

    /**
     * One millisecond after the latest event time in the events topic, read from the last records of each partition
     * (a producer's records are roughly in time order): the promoted version must not score events the live assigner
     * already scored.
     */
    private Instant latestEventTime(AssignerSettings settings, String events) {
        AvroDeserializer<CustomerEvent> reader = new AvroDeserializer<>(
                RestSchemaRegistryClient.fromProperties(settings.registryProperties()), CustomerEvent.class);
        long latest = Long.MIN_VALUE;
        try (var consumer = consumer(settings)) {
            List<TopicPartition> partitions = consumer.partitionsFor(events, request.adminTimeout()).stream()
                    .map(p -> new TopicPartition(events, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, request.adminTimeout());
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, request.adminTimeout());
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, Math.max(begins.get(tp), ends.get(tp) - TAIL_RECORDS));
            }
            long deadline = System.nanoTime() + request.adminTimeout().toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))
                    && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        latest = Math.max(latest, reader.deserialize(events, r.value()).getEventTime().toEpochMilli());
                    } catch (RuntimeException notAnEvent) {
                        // a dead letter's bytes: no event time to count
                    }
                }
            }
        }
        // just after it: no live task has reached that time yet, so every task takes the version over when its events
        // reach it, as a replay of the history will
        return latest == Long.MIN_VALUE ? Instant.now() : Instant.ofEpochMilli(latest + 1);
    }

    /** The pinned version; refused when neither the history nor the models topic holds it for the model name. */
    private SegmentModel requireVersion(AssignerSettings settings, long version) {
        return models(settings, settings.modelName(), settings.topics().modelHistory(), settings.topics().models())
                .stream().filter(m -> m.getVersion() == version).findFirst()
                .orElseThrow(() -> new Refused("model '" + settings.modelName() + "' v" + version + " is neither in "
                        + settings.topics().modelHistory() + " nor in " + settings.topics().models()));
    }

    /** Every version of a model name that the topics hold (read_committed), one per version. */
    private List<SegmentModel> models(AssignerSettings settings, String name, String... topics) {
        AvroDeserializer<SegmentModel> reader = new AvroDeserializer<>(
                RestSchemaRegistryClient.fromProperties(settings.registryProperties()), SegmentModel.class);
        Map<Long, SegmentModel> byVersion = new TreeMap<>();
        for (String topic : topics) {
            try (var consumer = consumer(settings)) {
                TopicScan.readToEnd(consumer, topic, request.adminTimeout(), r -> {
                    if (r.value() != null) {
                        try {
                            SegmentModel m = reader.deserialize(topic, r.value());
                            if (m.getModelName().equals(name)) {
                                byVersion.putIfAbsent(m.getVersion(), m);
                            }
                        } catch (RuntimeException unreadable) {
                            // not a model of ours
                        }
                    }
                });
            }
        }
        return List.copyOf(byVersion.values());
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

    private static String describe(EventScopeRequest scope, long pinned) {
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
        parts.add(pinned > 0 ? "every event scored with v" + pinned
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
