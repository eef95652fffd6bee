package io.segmenta.benchmarks.assigner.e2e;

import io.segmenta.app.demo.data.SyntheticOptions;
import io.segmenta.app.demo.data.SyntheticPopulation;
import io.segmenta.app.embedded.BrokerMain;
import io.segmenta.app.embedded.KafkaTopics;
import io.segmenta.assigner.events.EventRules;
import io.segmenta.assigner.profile.CustomerProfile;
import io.segmenta.assigner.profile.ProfileFolder;
import io.segmenta.assigner.profile.ProfileSnapshot;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.registry.InMemorySchemaRegistry;
import io.segmenta.schemas.registry.SchemaRegistryHttpServer;
import io.segmenta.schemas.serde.AvroSerializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
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
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * What the broker harnesses share (the assigner's end-to-end benchmark, the replay benchmark): the embedded broker in
 * a JVM of its own, the schema registry (in-memory, over HTTP) and an admin client in this JVM; the synthetic events
 * pre-loaded with a model fitted on them; the baselines ({@link BaselineMain}) run in child JVMs; and the clock that
 * measures a drain from the consumer group's committed offsets.
 */
public final class BenchCluster implements AutoCloseable {

    public static final String EVENTS = io.segmenta.schemas.TopicNames.CUSTOMER_EVENTS;

    private final ChildJvm broker;
    private final SchemaRegistryHttpServer server;
    private final InMemorySchemaRegistry registry;
    private final Admin admin;
    private final String bootstrap;
    private final Path work;

    private BenchCluster(ChildJvm broker, SchemaRegistryHttpServer server, InMemorySchemaRegistry registry,
                         Admin admin, String bootstrap, Path work) {
        this.broker = broker;
        this.server = server;
        this.registry = registry;
        this.admin = admin;
        this.bootstrap = bootstrap;
        this.work = work;
    }

    /**
     * Starts the broker (data under {@code work/kafka}), the registry and the admin client, and creates
     * {@code topics}. On failure what was started is closed.
     */
    public static BenchCluster start(Path work, Path childLogConfig, String brokerXmx, List<NewTopic> topics)
            throws Exception {
        int port = HarnessSupport.freePort();
        ChildJvm broker = ChildJvm.start("broker", work, List.of("-Xmx" + brokerXmx,
                        "-Dlog4j2.configurationFile=" + childLogConfig), BrokerMain.class.getName(),
                List.of(Integer.toString(port), work.resolve("kafka").toString()));
        SchemaRegistryHttpServer server = null;
        Admin admin = null;
        try {
            String bootstrap = broker.awaitLog("BROKER READY (\\S+)", Duration.ofMinutes(2));
            InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
            server = SchemaRegistryHttpServer.start(registry, "127.0.0.1", 0);
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
            KafkaTopics.createAndAwait(admin, topics, Duration.ofMinutes(1));
            return new BenchCluster(broker, server, registry, admin, bootstrap, work);
        } catch (Exception | Error e) {
            if (admin != null) {
                admin.close();
            }
            if (server != null) {
                server.close();
            }
            broker.close();
            throw e;
        }
    }

    public String bootstrap() {
        return bootstrap;
    }

    public InMemorySchemaRegistry registry() {
        return registry;
    }

    public String registryUrl() {
        return server.url().toString();
    }

    public Admin admin() {
        return admin;
    }

    public ChildJvm broker() {
        return broker;
    }

    // ---------------------------------------------------------------------------------------------- events

    /**
     * The pre-loaded events: {@code sent} of {@code customers} (sorted ids), event times {@code first..last}, and the
     * model fitted on a sample of their profiles, dated before the first event.
     */
    public record Preload(long sent, long asked, List<String> customers, Instant first, Instant last, int days,
                          BenchModel model) {

        /** A note for the report when the generator made fewer events than asked, else null. */
        public String shortfall() {
            return sent < asked ? String.format("The generator ran out at %,d events (asked %,d).", sent, asked) : null;
        }
    }

    /** Writes the synthetic events to {@link #EVENTS} and fits the model on a sample of their customers' profiles. */
    public Preload preload(long events, int customers, int k, long seed, Consumer<String> log) throws Exception {
        // the generator makes about 2.1 events per customer and day; ask for enough days to have N events
        double perCustomer = (double) events / customers;
        int days = (int) Math.max(2, Math.ceil(perCustomer / 2.1 * 1.6));
        long t = System.nanoTime();
        SyntheticPopulation population = SyntheticPopulation.generate(SyntheticOptions.defaults()
                .withCustomers(customers).withDays(days).withDrift(false).withSeed(seed));
        int sampleEvery = Math.max(1, customers / 20_000);
        ProfileFolder folder = new ProfileFolder(BenchModel.HALF_LIFE_DAYS, EventRules.DEFAULTS);
        Map<String, CustomerProfile> sample = new HashMap<>();
        Set<String> ids = new HashSet<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long sent = 0;
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, CustomerEvent> producer = producer(bulkProducerConfig(), eventSerializer())) {
            for (Iterator<CustomerEvent> it = population.events(); sent < events && it.hasNext(); ) {
                CustomerEvent e = it.next();
                String id = e.getCustomerId();
                producer.send(new ProducerRecord<>(EVENTS, id, e), (md, ex) -> {
                    if (ex != null) {
                        failed.incrementAndGet();
                        failure.compareAndSet(null, ex);
                    }
                });
                sent++;
                ids.add(id);
                long time = e.getEventTime().toEpochMilli();
                first = Math.min(first, time);
                last = Math.max(last, time);
                if (Math.floorMod(id.hashCode(), sampleEvery) == 0) {
                    folder.fold(sample.computeIfAbsent(id, x -> folder.newProfile()), e);
                }
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " events could not be written", failure.get());
        }
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(Comparator.naturalOrder());
        log.accept(String.format("pre-loaded %,d events of %,d customers (%d days of synthetic history) in %.1f s", sent,
                ids.size(), days, (System.nanoTime() - t) / 1e9));
        long asOf = last;
        List<ProfileSnapshot> rows = sample.values().stream().map(p -> p.asOf(asOf)).toList();
        t = System.nanoTime();
        // dated before the first event: the assigner scores an event only with a model whose window ended by then,
        // and the benchmarks measure scoring every event (as if the model came from an earlier period)
        BenchModel model = BenchModel.fit(rows, k, Instant.ofEpochMilli(first - (last + 1 - first)),
                Instant.ofEpochMilli(first), sent, seed);
        log.accept(String.format("model fitted on %,d customer profiles in %.1f s (k = %d)", rows.size(),
                (System.nanoTime() - t) / 1e9, k));
        return new Preload(sent, events, List.copyOf(sorted), Instant.ofEpochMilli(first), Instant.ofEpochMilli(last),
                days, model);
    }

    public Serializer<CustomerEvent> eventSerializer() {
        return new AvroSerializer<>(registry, false);
    }

    public Map<String, Object> bulkProducerConfig() {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        c.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        return c;
    }

    public Map<String, Object> latencyProducerConfig() {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        return c;
    }

    public static <V> KafkaProducer<String, V> producer(Map<String, Object> config, Serializer<V> values) {
        return new KafkaProducer<>(config, new StringSerializer(), values);
    }

    /** Sends one model, acknowledged, to {@code topic} (the models topic, or the model history). */
    public void send(String topic, String key, SegmentModel model) throws Exception {
        Map<String, Object> c = latencyProducerConfig();
        c.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<String, SegmentModel> producer = producer(c, new AvroSerializer<>(registry, false))) {
            producer.send(new ProducerRecord<>(topic, key, model)).get(30, TimeUnit.SECONDS);
        }
    }

    public KafkaConsumer<String, byte[]> readCommittedConsumer(String clientId) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 25);
        return new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    }

    // ---------------------------------------------------------------------------------------------- drains

    /**
     * Runs a {@link BaselineMain} app ({@code mode}: pass-through or state floor) with the application id
     * {@code app} over the pre-loaded events and returns its drain; {@code stateBytes} sizes the state floor's state.
     */
    public Drain drainBaseline(String mode, String app, String output, int stateBytes, List<String> jvmArgs,
                               Duration timeout, long warmupEvents, Consumer<String> log) throws Exception {
        List<String> args = new ArrayList<>(List.of(mode, bootstrap, registryUrl(), EVENTS, output, app,
                work.resolve(app + "-state").toString()));
        if (stateBytes > 0) {
            args.add(Integer.toString(stateBytes));
        }
        try (ChildJvm jvm = ChildJvm.start(app, work, jvmArgs, BaselineMain.class.getName(), args)) {
            log.accept(mode + " started (" + jvm + ")");
            Drain drain = awaitDrained(app, jvm, timeout, warmupEvents, null);
            log.accept(mode + ": " + drain);
            return drain;
        }
    }

    /**
     * Polls the group's committed offsets on the events topic until they reach the end offsets (lag 0). The rate is
     * counted from the first commit observed at or past the warm-up events, so that JVM start, rebalance, state
     * restoration and JIT compilation are left out for every app alike.
     *
     * @param jfr where to record the measured part with JFR, or null for no recording
     */
    public Drain awaitDrained(String group, ChildJvm app, Duration timeout, long warmupEvents, Path jfr)
            throws Exception {
        long launched = System.nanoTime();
        long end = endOffsets(EVENTS);
        if (warmupEvents >= end) {
            throw new IllegalStateException("the warm-up (" + warmupEvents + " events) leaves nothing of the "
                    + end + " events to measure");
        }
        long deadline = launched + timeout.toNanos();
        long fromNanos = -1;
        long fromCommitted = 0;
        while (true) {
            app.requireAlive();
            long committed = committed(group, EVENTS);
            long now = System.nanoTime();
            if (fromNanos < 0 && committed > 0 && committed >= Math.min(warmupEvents, end - 1)) {
                fromNanos = now;
                fromCommitted = committed;
                if (jfr != null) {
                    app.jcmd("JFR.start", "name=steady", "settings=profile");
                }
            }
            if (committed >= end) {
                double sinceLaunch = (now - launched) / 1e9;
                double seconds = (now - fromNanos) / 1e9;
                long counted = end - fromCommitted;
                if (jfr != null) {
                    app.jcmd("JFR.stop", "name=steady", "filename=" + jfr);
                }
                if (counted < (end - warmupEvents) / 2 || seconds <= 0) {
                    throw new IllegalStateException(group + ": only " + counted + " events after the warm-up were "
                            + "measured (commits too far apart?)");
                }
                return new Drain(counted, seconds, counted / seconds, sinceLaunch);
            }
            if (now > deadline) {
                throw new IllegalStateException(group + " did not drain " + EVENTS + " in " + timeout + ": committed "
                        + committed + " of " + end);
            }
            Thread.sleep(100);
        }
    }

    /** Mean value size of a topic's records (e.g. the assigner's stored customer state, read from its changelog). */
    public double meanValueBytes(String topic) throws Exception {
        Scan scan = scan(topic, 200_000);
        if (scan.records() == 0) {
            throw new IllegalStateException(topic + " holds no records");
        }
        return (double) scan.bytes() / scan.records();
    }

    /** The records (tombstones left out) and their value bytes read from a topic, read_committed. */
    public record Scan(long records, long bytes) {
    }

    /** Reads {@code topic} from the beginning to its end offsets now, or until {@code limit} records. */
    public Scan scan(String topic, long limit) throws Exception {
        try (KafkaConsumer<String, byte[]> consumer = readCommittedConsumer("bench-scan")) {
            List<TopicPartition> tps = partitions(topic);
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
            long records = 0;
            long bytes = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (records < limit && tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " within 60 s");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null) {
                        records++;
                        bytes += r.value().length;
                    }
                }
            }
            return new Scan(records, bytes);
        }
    }

    public long endOffsets(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicPartition tp : partitions(topic)) {
            latest.put(tp, OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                .mapToLong(i -> i.offset()).sum();
    }

    /** The group's committed offsets on {@code topic}, summed; 0 while the group does not exist. */
    public long committed(String group, String topic) throws InterruptedException {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return 0; // the group does not exist yet
        }
    }

    public List<TopicPartition> partitions(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** The admin client (bounded: the broker may be gone already, e.g. on Ctrl-C), the registry, then the broker. */
    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
        server.close();
        broker.close();
    }
}
