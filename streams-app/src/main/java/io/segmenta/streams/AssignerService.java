package io.segmenta.streams;

import io.segmenta.streams.processor.EventScope;
import io.segmenta.streams.processor.NodeNames;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.segmenta.schemas.registry.RestSchemaRegistryClient;
import io.segmenta.schemas.registry.SchemaRegistry;
import io.segmenta.schemas.registry.SchemaRegistryConfig;
import io.segmenta.streams.http.AssignerHttpServer;
import io.segmenta.streams.http.StreamsQueries;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The running assigner: Kafka Streams with {@link AssignerTopology}, the HTTP API and the meters. Use:
 * <pre>{@code
 * try (AssignerService assigner = new AssignerService(settings).start()) {
 *     assigner.awaitRunning(Duration.ofSeconds(60));
 *     ...                                 // HTTP API at assigner.httpUrl()
 * }
 * }</pre>
 * The input topics must exist ({@link #start} fails with a message naming a missing one), except the model
 * history, which is created (kept forever, one partition) when missing: an assigner may start before any trainer
 * and takes the latest model from the models topic then. Output topics are not created (a warning names missing
 * ones). Thread-safe.
 */
public final class AssignerService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AssignerService.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final AssignerSettings settings;
    private final SchemaRegistry registry;
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AssignerRuntime runtime;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();

    private AssignerHttpServer http;
    private KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;
    private EventScope scope = EventScope.ALL;

    /** With a REST registry client from the settings' {@code schema.registry.*} / {@code basic.auth.*} keys. */
    public AssignerService(AssignerSettings settings) {
        this(settings, restRegistry(settings));
    }

    /** With a given registry, e.g. the embedded runtime's in-process one. */
    public AssignerService(AssignerSettings settings, SchemaRegistry registry) {
        this.settings = settings;
        this.registry = registry;
        this.runtime = AssignerRuntime.create(settings, meters);
    }

    /** Processes only the records of {@code scope} (a replay's range); call before {@link #start}. */
    public synchronized AssignerService withScope(EventScope scope) {
        if (streams != null) {
            throw new IllegalStateException("already started");
        }
        this.scope = java.util.Objects.requireNonNull(scope, "scope");
        return this;
    }

    private static SchemaRegistry restRegistry(AssignerSettings settings) {
        if (!settings.registryProperties().containsKey(SchemaRegistryConfig.URL)) {
            throw new IllegalArgumentException(SchemaRegistryConfig.URL
                    + " is required (--schema-registry or in the config file)");
        }
        return RestSchemaRegistryClient.fromProperties(settings.registryProperties());
    }

    /**
     * Checks the input topics, binds the HTTP API and starts Kafka Streams; returns without waiting for RUNNING.
     *
     * @throws IllegalStateException if an input topic is missing or the cluster cannot be reached
     * @throws UncheckedIOException  if the HTTP address cannot be bound
     */
    public synchronized AssignerService start() {
        if (streams != null) {
            throw new IllegalStateException("already started");
        }
        checkTopics();
        try {
            http = AssignerHttpServer.bind(settings.httpHost(), settings.httpPort());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind the HTTP API to " + settings.httpHost() + ":"
                    + settings.httpPort() + ": " + e.getMessage(), e);
        }
        Properties props = settings.streamsProperties(http.port());
        streams = new KafkaStreams(AssignerTopology.build(settings, registry, runtime, scope), props);
        streams.setUncaughtExceptionHandler(new StreamsErrorPolicy(Duration.ofSeconds(1)));
        streams.setStateListener((next, previous) -> {
            LOG.info("Kafka Streams {} -> {}", previous, next);
            if (next == KafkaStreams.State.ERROR || next == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(meters);
        HostInfo self = HostInfo.buildFromEndpoint(props.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG));
        http.start(new StreamsQueries(streams, self, runtime, settings.modelName(), settings.switchMargin(),
                settings.historySize()), meters::scrape);
        streams.start();
        LOG.info("Assigner '{}' started: model '{}', events from {}, HTTP API at {}", settings.applicationId(),
                settings.modelName(), settings.topics().events(), http.url());
        return this;
    }

    private void checkTopics() {
        AssignerTopics topics = settings.topics();
        Properties props = settings.streamsProperties(0);
        try (Admin admin = Admin.create(new StreamsConfig(props).getAdminConfigs("segmenta-assigner-topic-check"))) {
            Set<String> existing = admin.listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            for (String input : List.of(topics.events(), topics.models())) {
                if (!existing.contains(input)) {
                    throw new IllegalStateException("Input topic '" + input + "' does not exist on "
                            + props.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)
                            + ": create it before starting the assigner (see the README's contracts table)");
                }
            }
            if (!existing.contains(topics.modelHistory())) {
                createTopic(admin, new org.apache.kafka.clients.admin.NewTopic(topics.modelHistory(),
                        java.util.Optional.of(1), java.util.Optional.empty()).configs(java.util.Map.of("retention.ms", "-1")));
                LOG.info("Created the model history topic '{}' (every version, kept): no trainer has written it yet",
                        topics.modelHistory());
            }
            for (String store : List.of(NodeNames.CUSTOMERS_STORE, NodeNames.TASK_CLOCK_STORE, NodeNames.HISTORY_STORE)) {
                prepareChangelog(admin, existing, topics.events(), store);
            }
            for (String output : List.of(topics.assignments(), topics.changes(), topics.deadLetters())) {
                if (!existing.contains(output)) {
                    LOG.warn("Output topic '{}' does not exist: writes to it will fail unless the broker creates it", output);
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot list the topics of "
                    + props.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking topics", e);
        }
    }

    /**
     * Creates the store's changelog topic (compacted, one partition per input partition) before Kafka Streams does,
     * and waits until every partition has a leader: an exactly-once producer that writes to a partition right after
     * it was created can fail with OutOfOrderSequenceException (KAFKA-15591), which would stop the stream thread.
     */
    /** Creates a topic; one that another process created meanwhile is fine. */
    private static void createTopic(Admin admin, org.apache.kafka.clients.admin.NewTopic topic)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            admin.createTopics(List.of(topic)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw e;
            }
        }
    }

    private void prepareChangelog(Admin admin, Set<String> existing, String eventsTopic, String store)
            throws ExecutionException, InterruptedException, TimeoutException {
        String changelog = settings.applicationId() + "-" + store + "-changelog";
        if (!existing.contains(changelog)) {
            int partitions = admin.describeTopics(List.of(eventsTopic)).allTopicNames()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(eventsTopic).partitions().size();
            createTopic(admin, new org.apache.kafka.clients.admin.NewTopic(changelog, java.util.Optional.of(partitions),
                    java.util.Optional.empty()).configs(java.util.Map.of("cleanup.policy", "compact")));
        }
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var description = admin.describeTopics(List.of(changelog)).allTopicNames()
                        .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(changelog);
                if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            } catch (ExecutionException notYetVisible) {
                // metadata not propagated yet
            }
            Thread.sleep(50);
        }
    }

    /** Waits until Kafka Streams is RUNNING; false on time-out or if it stopped. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            KafkaStreams.State state = state();
            if (state == KafkaStreams.State.RUNNING) {
                return true;
            }
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                return false;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Blocks until Kafka Streams stops (error or shutdown) or {@link #close} is called; returns its state. */
    public KafkaStreams.State awaitTermination() throws InterruptedException {
        stopped.await();
        return state();
    }

    /** Kafka Streams' state, CREATED before {@link #start}. */
    public KafkaStreams.State state() {
        KafkaStreams s = streams;
        return s == null ? KafkaStreams.State.CREATED : s.state();
    }

    /** Base URL of the HTTP API (after {@link #start}). */
    public URI httpUrl() {
        if (http == null) {
            throw new IllegalStateException("not started");
        }
        return http.url();
    }

    public AssignerSettings settings() {
        return settings;
    }

    /** Models, drift, re-score progress and meters of this process. */
    public AssignerRuntime runtime() {
        return runtime;
    }

    public PrometheusMeterRegistry meters() {
        return meters;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    public synchronized void close(Duration timeout) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (streams != null) {
            // leave the group: instances have no static membership, so a member that stays would hold its
            // partitions (and the customers' queries) until the session times out instead of handing them over now
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(timeout));
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        if (http != null) {
            http.close();
        }
        meters.close();
        stopped.countDown();
        LOG.info("Assigner '{}' stopped", settings.applicationId());
    }
}
