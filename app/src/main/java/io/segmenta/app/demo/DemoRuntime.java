package io.segmenta.app.demo;

import io.segmenta.app.embedded.EmbeddedKafkaBroker;
import io.segmenta.app.embedded.KafkaTopics;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.SegmentAssignment;
import io.segmenta.fitting.quality.ClusteringMetrics;
import io.segmenta.schemas.registry.InMemorySchemaRegistry;
import io.segmenta.schemas.registry.RestSchemaRegistryClient;
import io.segmenta.schemas.registry.SchemaRegistry;
import io.segmenta.schemas.registry.SchemaRegistryConfig;
import io.segmenta.schemas.registry.SchemaRegistryHttpServer;
import io.segmenta.schemas.serde.AvroSerializer;
import io.segmenta.streams.AssignerKeys;
import io.segmenta.streams.AssignerService;
import io.segmenta.streams.AssignerSettings;
import io.segmenta.trainer.TrainerRunner;
import io.segmenta.trainer.config.TrainerConfig;
import io.segmenta.trainer.config.TrainerKeys;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything in one process: a real Kafka broker (KRaft, in-process), a Confluent-API schema registry (in-process,
 * served over HTTP so other processes can read the topics, or a given URL), the Flink trainer on a MiniCluster,
 * the Kafka Streams assigner, and a feeder replaying the demo data. Each piece is the production one; only their
 * host is shared.
 */
public final class DemoRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoRuntime.class);

    private final DemoOptions options;
    private final PrintStream out;
    private final List<AutoCloseable> closeInReverse = new ArrayList<>();
    private final AtomicLong produced = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    private EmbeddedKafkaBroker broker;
    private String registryUrl;
    private SchemaRegistry registry;
    private AssignerService assigner;
    private JobClient trainer;
    private DemoMonitor monitor;
    private volatile boolean feeding;
    private volatile java.util.function.Consumer<io.segmenta.avro.SegmentModel> modelListener = m -> { };

    public DemoRuntime(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Starts every piece; returns when the assigner runs and the trainer job is submitted. */
    public DemoRuntime start() throws Exception {
        Path dataDir = options.dataDir() != null ? options.dataDir() : Files.createTempDirectory("segmenta-demo");
        broker = EmbeddedKafkaBroker.start(options.kafkaPort(), dataDir.resolve("kafka"));
        closeInReverse.add(broker);
        startRegistry();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            KafkaTopics.createAndAwait(admin, DemoTopics.all(4), Duration.ofSeconds(60));
        }
        Map<String, String> assignerProps = new HashMap<>();
        assignerProps.put("bootstrap.servers", broker.bootstrapServers());
        assignerProps.put("schema.registry.url", registryUrl);
        assignerProps.put("state.dir", dataDir.resolve("assigner-state").toString());
        assignerProps.put("application.id", "segmenta-demo-assigner");
        assignerProps.put(AssignerKeys.HTTP_PORT.key(), Integer.toString(options.httpPort()));
        assignerProps.putAll(options.assignerSettings());
        assigner = new AssignerService(AssignerSettings.fromMap(assignerProps)).start();
        closeInReverse.add(assigner);
        if (!assigner.awaitRunning(Duration.ofSeconds(90))) {
            throw new IllegalStateException("the assigner did not reach RUNNING: " + assigner.state());
        }

        Properties trainerProps = new Properties();
        trainerProps.setProperty("bootstrap.servers", broker.bootstrapServers());
        trainerProps.setProperty("schema.registry.url", registryUrl);
        trainerProps.setProperty(TrainerKeys.WINDOW.key(), options.window().toString());
        trainerProps.setProperty(TrainerKeys.K.key(), options.k());
        trainerProps.setProperty(TrainerKeys.START.key(), "earliest");
        trainerProps.setProperty(TrainerKeys.PARALLELISM.key(), "2");
        trainerProps.setProperty(TrainerKeys.CHECKPOINT_INTERVAL.key(), "2s");
        trainerProps.setProperty(TrainerKeys.OUT_OF_ORDERNESS.key(), "10m");
        options.trainerSettings().forEach(trainerProps::setProperty);
        trainer = TrainerRunner.start(TrainerConfig.fromProperties(trainerProps));
        closeInReverse.add(() -> trainer.cancel().get());

        monitor = new DemoMonitor(broker.bootstrapServers(), registry, m -> modelListener.accept(m));
        closeInReverse.add(monitor);
        return this;
    }

    private void startRegistry() throws Exception {
        if (options.schemaRegistryUrl() != null) {
            registryUrl = options.schemaRegistryUrl();
        } else {
            SchemaRegistryHttpServer server = SchemaRegistryHttpServer.start(new InMemorySchemaRegistry(), "127.0.0.1", 0);
            closeInReverse.add(server);
            registryUrl = server.url().toString();
        }
        registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(registryUrl));
    }

    /** Prints where everything is and how to connect another consumer. */
    public void printEndpoints() {
        out.println("Segmenta demo running in this process:");
        out.println("  Kafka broker      " + broker.bootstrapServers() + "   (data in " + broker.dataDir() + ")");
        out.println("  Schema registry   " + registryUrl + "   (Confluent API)");
        out.println("  Assigner HTTP API " + assigner.httpUrl() + "   GET /customers/{id}  /segments  /models  /metrics");
        out.println("  Topics            customer-events -> segment-models, segment-model-history, segment-drift (trainer)");
        out.println("                    -> segment-assignments, segment-changes (assigner); segment-dlq (both)");
        out.println("  Another consumer: kafka-avro-console-consumer --bootstrap-server " + broker.bootstrapServers()
                + " --topic segment-changes --property schema.registry.url=" + registryUrl
                + " --consumer-property isolation.level=read_committed");
    }

    /** Replays the feed into {@code customer-events} on this thread. */
    public void feed(DemoFeed feed) throws Exception {
        feeding = true;
        try (var producer = new KafkaProducer<String, CustomerEvent>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "5"), new StringSerializer(), new AvroSerializer<>(registry, false))) {
            Pacer pacer = new Pacer(options.speed());
            feed.source().forEach(e -> {
                if (Thread.currentThread().isInterrupted()) {
                    throw new StopFeeding();
                }
                pacer.await(e.getEventTime().toEpochMilli());
                producer.send(new ProducerRecord<>(DemoTopics.EVENTS, null, e.getEventTime().toEpochMilli(),
                        e.getCustomerId(), e), (metadata, error) -> {
                    if (error != null && sendErrors.getAndIncrement() == 0) {
                        LOG.error("Sending events failed: {}", error.toString());
                    }
                });
                produced.incrementAndGet();
            });
            producer.flush();
        } catch (StopFeeding stopped) {
            LOG.info("Feeding stopped after {} events", produced.get());
        } finally {
            feeding = false;
        }
    }

    /** Thrown out of the feed's callback to stop a replay early (Ctrl-C, --duration). */
    private static final class StopFeeding extends RuntimeException {
        StopFeeding() {
            super(null, null, false, false);
        }
    }

    /** Called for every model the monitor sees published. */
    public void onModel(java.util.function.Consumer<io.segmenta.avro.SegmentModel> listener) {
        this.modelListener = listener;
    }

    public boolean feeding() {
        return feeding;
    }

    public long produced() {
        return produced.get() - sendErrors.get();
    }

    DemoMonitor monitor() {
        return monitor;
    }

    public String httpApi() {
        return assigner.httpUrl().toString();
    }

    /** Summary of the run so far; ARI only when the truth is known. */
    public DemoSummary summary(DemoFeed feed, double seconds) {
        Map<String, SegmentAssignment> latest = new HashMap<>(monitor.latestAssignments);
        Double ari = null;
        if (!feed.truth().isEmpty() && !latest.isEmpty()) {
            List<String> ids = latest.keySet().stream().filter(feed.truth()::containsKey).sorted().toList();
            Map<String, Integer> truthIds = new HashMap<>();
            int[] truth = new int[ids.size()];
            int[] predicted = new int[ids.size()];
            for (int i = 0; i < ids.size(); i++) {
                truth[i] = truthIds.computeIfAbsent(feed.truth().get(ids.get(i)), t -> truthIds.size());
                predicted[i] = latest.get(ids.get(i)).getSegmentId();
            }
            ari = ids.isEmpty() ? null : ClusteringMetrics.adjustedRandIndex(truth, predicted);
        }
        if (!feed.truth().isEmpty()) {
            List<String> missing = feed.truth().keySet().stream().filter(id -> !latest.containsKey(id)).sorted().toList();
            if (!missing.isEmpty()) {
                out.println("  customers without an assignment yet: " + missing.size() + " (e.g. "
                        + String.join(", ", missing.subList(0, Math.min(5, missing.size()))) + "; ask "
                        + httpApi() + "/customers/" + missing.get(0) + ")");
            }
        }
        var models = monitor.models;
        var last = models.isEmpty() ? null : models.get(models.size() - 1);
        return new DemoSummary(feed.description(), produced(), monitor.events.get(), models.size(),
                last == null ? 0 : last.getVersion(), last == null ? 0 : last.getSegments().size(), latest.size(),
                monitor.assignmentRecords.get(), monitor.changes.get(), monitor.deadLetters.get(),
                monitor.driftReports.get(), ari, seconds, monitor.segmentSizes(), httpApi(), broker.bootstrapServers(),
                registryUrl, monitor.stability());
    }

    @Override
    public void close() {
        for (int i = closeInReverse.size() - 1; i >= 0; i--) {
            try {
                closeInReverse.get(i).close();
            } catch (Exception e) {
                LOG.warn("Error while stopping {}: {}", closeInReverse.get(i), e.toString());
            }
        }
    }

    /** Paces a replay on event time: {@code speed} event-time seconds per wall-clock second; 0 = no pacing. */
    static final class Pacer {
        private final double speed;
        private long firstEventTime = Long.MIN_VALUE;
        private long startNanos;

        Pacer(double speed) {
            this.speed = speed;
        }

        void await(long eventTime) {
            if (speed <= 0) {
                return;
            }
            if (firstEventTime == Long.MIN_VALUE) {
                firstEventTime = eventTime;
                startNanos = System.nanoTime();
                return;
            }
            long dueNanos = startNanos + (long) ((eventTime - firstEventTime) * 1e6 / speed);
            long wait = dueNanos - System.nanoTime();
            if (wait > 1_000_000) {
                try {
                    Thread.sleep(wait / 1_000_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
