package io.segmenta.benchmarks.assigner.e2e;

import io.segmenta.streams.processor.NodeNames;
import io.segmenta.app.embedded.BrokerMain;
import io.segmenta.app.embedded.KafkaTopics;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.EventType;
import io.segmenta.avro.SegmentAssignment;
import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.TopicNames;
import io.segmenta.schemas.deadletter.DeadLetter;
import io.segmenta.schemas.registry.InMemorySchemaRegistry;
import io.segmenta.schemas.serde.AvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The assigner's end-to-end benchmark (issue 5) against a real broker, printing a markdown table:
 * <ol>
 *   <li><b>Throughput</b>: N pre-loaded synthetic events (Avro, key = customer id) drained, in each round, by a
 *       pass-through Kafka Streams app (decode + encode, exactly_once_v2: the baseline), by the production
 *       {@code AssignerService} (exactly_once_v2, RocksDB) with an active model, and by a state floor (decode + a
 *       RocksDB read and write of a state of the assigner's mean size, no output), each with a fresh application id
 *       over the same events. Events/s = events committed between the first observed commit past the warm-up
 *       events and lag 0 (Admin API, polled every 100 ms).</li>
 *   <li><b>Latency</b>: a steady produce rate (default 5 k events/s) for a while; every other event is a new
 *       customer, whose first assignment makes a {@code segment-changes} record; latency = send() of the event to
 *       the record returned by a read_committed consumer's poll, in this JVM (one clock).</li>
 *   <li><b>Model propagation</b>: a new version sent to {@code segment-models} to the first
 *       {@code segment-assignments} record carrying that version (read_committed), repeated.</li>
 *   <li><b>Heap</b>: distinct customers loaded up to (default) 1 M, then the assigner JVM's heap after a full GC,
 *       read with {@code jcmd <pid> GC.run} + {@code GC.heap_info}.</li>
 * </ol>
 * Processes: the broker ({@link BrokerMain}), the baseline apps ({@link BaselineMain}) and the assigner
 * ({@code io.segmenta.streams.AssignerCommand}, as deployed) each run in a JVM of their own; this JVM runs the
 * schema registry (in-memory, over HTTP), the producers, the consumers and the clock.
 *
 * <p>Run with {@code --help} for the options; {@code --quick} is a small run (about 3 minutes).
 */
public final class AssignerEndToEnd {

    static final String EVENTS = TopicNames.CUSTOMER_EVENTS;
    static final String PASS_OUT = "bench-pass-through-out";
    static final String MODELS = TopicNames.SEGMENT_MODELS;
    static final String ASSIGNMENTS = TopicNames.SEGMENT_ASSIGNMENTS;
    static final String CHANGES = TopicNames.SEGMENT_CHANGES;
    static final String PASS_APP = "bench-pass-through";
    static final String ASSIGNER_APP = "bench-assigner";

    /** Harness options; see {@link #usage()}. */
    record Options(long events, int customers, int partitions, int rate, int latencySeconds, int warmupSeconds,
                   int modelUpdates, long heapCustomers, String xmx, String brokerXmx, int k, Path workDir,
                   boolean keep, boolean jfr, boolean skipBaselines, long seed, List<String> assignerProperties,
                   int rounds, long warmupEvents) {

        static Options defaults() {
            return new Options(3_000_000, 300_000, 4, 5_000, 60, 5, 5, 1_000_000, "1g", "1g", 6, null, false, false,
                    false, 42, List.of(), 3, 1_000_000);
        }
    }

    private final Options options;
    private final Path work;
    private final Path childLogConfig;
    private final List<String> notes = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private String bootstrap;
    private InMemorySchemaRegistry registry;
    private String registryUrl;
    private BenchCluster cluster;
    private List<String> preloadedCustomers;
    private Instant lastPreloadedEvent;

    private AssignerEndToEnd(Options options, Path work, Path childLogConfig) {
        this.options = options;
        this.work = work;
        this.childLogConfig = childLogConfig;
    }

    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        // before any Kafka class logs: this JVM quiet, the children's logs in files
        Workspace work = Workspace.create(o.workDir(), "segmenta-e2e-");
        AssignerEndToEnd bench = new AssignerEndToEnd(o, work.dir(), work.childLogConfig());
        Thread hook = new Thread(bench::closeAll, "e2e-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        int exit = 0;
        try {
            bench.run();
        } catch (Exception | Error e) {
            exit = 1;
            e.printStackTrace();
            bench.printTable(); // whatever was measured
        } finally {
            bench.closeAll();
            Runtime.getRuntime().removeShutdownHook(hook);
            work.finish(o.keep());
        }
        System.exit(exit);
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        String loadBefore = HarnessSupport.loadAverage();
        log("work dir " + work + "; load average " + loadBefore);
        startInfrastructure();
        BenchModel model = preload();

        // 1. throughput: pass-through baseline and assigner over the same events, alternately for several rounds (this
        // machine is shared and noisy: one pair's ratio varies by +-0.1); the last assigner stays up for the rest
        send(MODELS, BenchModel.NAME, model.next());
        if (!options.assignerProperties().isEmpty()) {
            notes.add("Assigner run with " + options.assignerProperties() + " (the pass-through with Kafka Streams defaults plus the assigner's producer tuning).");
        }
        List<Drain> passes = new ArrayList<>();
        List<Drain> floors = new ArrayList<>();
        List<Drain> assigns = new ArrayList<>();
        List<Double> stateBytes = new ArrayList<>();
        ChildJvm assigner = null;
        URI metrics = null;
        for (int round = 1; round <= options.rounds(); round++) {
            boolean last = round == options.rounds();
            if (!options.skipBaselines()) {
                passes.add(drainBaseline(BaselineMain.PASS_THROUGH, round, 0));
            }
            String app = last ? ASSIGNER_APP : ASSIGNER_APP + "-round-" + round;
            int httpPort = HarnessSupport.freePort();
            ChildJvm jvm = startAssigner(app, "assigner" + (last ? "" : "-round-" + round), httpPort);
            URI uri = URI.create("http://127.0.0.1:" + httpPort + "/metrics");
            log("round " + round + ": assigner started (" + jvm + "), model v1 on the topic; draining the same events");
            Drain drain = awaitDrained(app, jvm, drainTimeout(), last && options.jfr());
            log("round " + round + ": assigner: " + drain);
            checkAssignerTotals(metrics(uri));
            assigns.add(drain);
            if (last) {
                assigner = jvm;
                metrics = uri;
            } else {
                jvm.close();
            }
            if (!options.skipBaselines()) {
                double mean = meanValueBytes(app + "-" + NodeNames.CUSTOMERS_STORE + "-changelog");
                stateBytes.add(mean);
                floors.add(drainBaseline(BaselineMain.STATE_FLOOR, round, (int) Math.round(mean)));
            }
        }
        double assignRate = medianOf(assigns.stream().map(Drain::rate).toList());
        String of = assigns.size() == 1 ? "" : String.format(" (median of %d rounds)", assigns.size());
        String measured = String.format(Locale.ROOT, "%,d events after %,d warm-up events", options.events()
                - options.warmupEvents(), options.warmupEvents());
        if (!passes.isEmpty()) {
            List<Double> ratios = ratios(assigns, passes);
            List<Double> floorRatios = ratios(floors, passes);
            List<Double> toFloor = ratios(assigns, floors);
            double ratio = medianOf(ratios);
            row("1", "pass-through (decode + encode, EOS v2), events/s" + of,
                    String.format("%,.0f", medianOf(passes.stream().map(Drain::rate).toList())), "baseline", "1.00", "");
            row("1", String.format(Locale.ROOT, "state floor (decode + RocksDB read and write of a %.0f-byte state "
                            + "+ changelog, no output, EOS v2), events/s%s", medianOf(stateBytes), of),
                    String.format("%,.0f", medianOf(floors.stream().map(Drain::rate).toList())), "pass-through",
                    String.format("%.2f", medianOf(floorRatios)), "bound for per-event durable state");
            row("1", "assigner (fold + score + RocksDB + changelog + outputs, EOS v2), events/s" + of,
                    String.format("%,.0f", assignRate), "pass-through", String.format("%.2f", ratio),
                    verdict(ratio >= 0.60, "target >= 0.60"));
            row("1", "  assigner / state floor", "", "state floor", String.format("%.2f", medianOf(toFloor)), "");
            notes.add("Throughput rounds, events/s pass-through / state floor / assigner: " + rounds(passes, floors,
                    assigns) + "; each ratio is the median of the rounds' ratios. The state floor writes states of "
                    + "the assigner's mean stored size in the same round (" + stateBytes.stream()
                    .map(b -> String.format(Locale.ROOT, "%.0f", b)).toList() + " bytes).");
        } else {
            row("1", "assigner events/s (baselines skipped)", String.format("%,.0f", assignRate), "-", "-", "");
        }
        notes.add(String.format(Locale.ROOT, "Throughput: %s (%,d customers), %d partitions, 1 stream thread each, "
                        + "JVMs -Xmx%s; events/s counted from the first commit past the warm-up to lag 0, so that JIT "
                        + "compilation (seconds of CPU on 2 cores) is left out for every app alike; the last assigner "
                        + "drained in %.1f s from JVM launch.", measured, preloadedCustomers.size(),
                options.partitions(), options.xmx(), assigns.getLast().sinceLaunch()));
        Heap heapSmall = heapAfterGc(assigner);
        log("heap after GC with " + String.format("%,d", preloadedCustomers.size()) + " customers: " + heapSmall);

        // 3. model propagation (before the latency run so that its re-score passes do not overlap it)
        List<Double> propagation = propagation(model, assigner, metrics);
        if (!propagation.isEmpty()) {
            double[] sorted = propagation.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = percentile(sorted, 50);
            double max = sorted[sorted.length - 1];
            row("3", "model propagation, new version -> first assignment with it (n = " + sorted.length + "), median / max ms",
                    String.format("%.0f / %.0f", median, max), "1000 ms", String.format("%.2f", max / 1000),
                    verdict(max <= 1000, "target <= 1 s"));
            notes.add("Model propagation samples (ms): " + propagation.stream()
                    .map(d -> String.format("%.0f", d)).toList() + "; each new version re-scores every known customer "
                    + "(" + String.format("%,d", preloadedCustomers.size()) + "); the harness waits for the pass to end "
                    + "before the next version.");
        }

        // 2. latency at a steady rate
        long newCustomersInLatency = latency(assigner, metrics);

        // 4. heap with many customers
        long have = preloadedCustomers.size() + newCustomersInLatency;
        long more = options.heapCustomers() - have;
        if (options.heapCustomers() > 0) {
            if (more > 0) {
                loadNewCustomers(more, assigner);
            }
            long total = Math.max(have, options.heapCustomers());
            Heap heap = heapAfterGc(assigner);
            log("heap after GC with " + String.format("%,d", total) + " customers: " + heap);
            row("4", String.format("assigner heap after full GC, %,d customers (-Xmx%s), MB", total, options.xmx()),
                    String.format("%.0f", heap.usedMb()), "512 MB", String.format("%.2f", heap.usedMb() / 512),
                    verdict(heap.usedMb() <= 512, "target <= 512 MB"));
            row("4", String.format("  same, %,d customers (after the throughput run), MB", preloadedCustomers.size()),
                    String.format("%.0f", heapSmall.usedMb()), "512 MB", String.format("%.2f", heapSmall.usedMb() / 512), "");
            notes.add(String.format(Locale.ROOT, "Heap: jcmd GC.run x2 then GC.heap_info on the assigner JVM (G1); "
                            + "committed %.0f MB; process RSS %.0f MB (RocksDB block cache and memtables are off-heap); "
                            + "assigner state dir on disk %.0f MB.", heap.committedMb(), heap.rssMb(),
                    dirSizeMb(work.resolve("assigner-state"))));
        }
        Map<String, Double> m = metrics(metrics);
        notes.add("Assigner totals: events " + fmt(m, "segmenta_assigner_events_total") + ", assignments "
                + fmt(m, "segmenta_assigner_assignments_total") + ", changes " + fmt(m, "segmenta_assigner_changes_total")
                + ", re-scored " + fmt(m, "segmenta_assigner_rescored_total") + ", dead letters "
                + fmt(m, "segmenta_assigner_dead_letters_total") + ", duplicates "
                + fmt(m, "segmenta_assigner_duplicates_total") + ".");
        notes.add(String.format(Locale.ROOT, "Machine: %d cores, load average before %s, after %s (shared machine: "
                        + "other builds ran); whole run %.1f min.", Runtime.getRuntime().availableProcessors(),
                loadBefore, HarnessSupport.loadAverage(), (System.nanoTime() - started) / 60e9));
        printTable();
    }

    // ---------------------------------------------------------------------------------------------- infrastructure

    private void startInfrastructure() throws Exception {
        int p = options.partitions();
        cluster = BenchCluster.start(work, childLogConfig, options.brokerXmx(), List.of(KafkaTopics.plain(EVENTS, p),
                KafkaTopics.plain(PASS_OUT, p), KafkaTopics.compacted(MODELS, 1), KafkaTopics.compacted(ASSIGNMENTS, p),
                KafkaTopics.plain(CHANGES, p), KafkaTopics.plain(DeadLetter.TOPIC, p)));
        closeables.add(cluster);
        bootstrap = cluster.bootstrap();
        registry = cluster.registry();
        registryUrl = cluster.registryUrl();
        log("broker up at " + bootstrap + " (" + cluster.broker() + ")");
    }

    private BenchModel preload() throws Exception {
        BenchCluster.Preload preload = cluster.preload(options.events(), options.customers(), options.k(),
                options.seed(), AssignerEndToEnd::log);
        preloadedCustomers = new ArrayList<>(preload.customers());
        lastPreloadedEvent = preload.last();
        if (preload.shortfall() != null) {
            notes.add(preload.shortfall());
        }
        return preload.model();
    }

    // ---------------------------------------------------------------------------------------------- 1. throughput

    private Drain drainBaseline(String mode, int round, int stateBytes) throws Exception {
        String app = "bench-" + mode + "-round-" + round;
        return cluster.drainBaseline(mode, app, PASS_OUT, stateBytes, streamsJvmArgs(), drainTimeout(),
                options.warmupEvents(), m -> log("round " + round + ": " + m));
    }

    private double meanValueBytes(String topic) throws Exception {
        return cluster.meanValueBytes(topic);
    }

    private static List<Double> ratios(List<Drain> numerators, List<Drain> denominators) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(numerators.size(), denominators.size()); i++) {
            ratios.add(numerators.get(i).rate() / denominators.get(i).rate());
        }
        return ratios;
    }

    private static String rounds(List<Drain> passes, List<Drain> floors, List<Drain> assigns) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < assigns.size(); i++) {
            out.append(String.format(Locale.ROOT, "%s%,.0f / %,.0f / %,.0f (%.2f, %.2f)", i == 0 ? "" : "; ",
                    passes.get(i).rate(), floors.get(i).rate(), assigns.get(i).rate(),
                    floors.get(i).rate() / passes.get(i).rate(), assigns.get(i).rate() / passes.get(i).rate()));
        }
        return out.toString();
    }

    private ChildJvm startAssigner(String app, String name, int httpPort) throws IOException {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", bootstrap, "--schema-registry",
                registryUrl, "--application-id", app, "--state-dir", work.resolve(name + "-state").toString(),
                "--http-port", Integer.toString(httpPort)));
        for (String property : options.assignerProperties()) {
            args.add("-D");
            args.add(property);
        }
        ChildJvm jvm = ChildJvm.start(name, work, streamsJvmArgs(), "io.segmenta.streams.AssignerCommand", args);
        closeables.add(jvm);
        return jvm;
    }

    /** Logs the assigner's counters; dead letters in a throughput run are worth a warning. */
    private void checkAssignerTotals(Map<String, Double> m) {
        log("assigner metrics: events " + fmt(m, "segmenta_assigner_events_total") + ", changes "
                + fmt(m, "segmenta_assigner_changes_total") + ", dead letters "
                + fmt(m, "segmenta_assigner_dead_letters_total") + ", duplicates "
                + fmt(m, "segmenta_assigner_duplicates_total") + ", model version "
                + fmt(m, "segmenta_assigner_model_version"));
        if (m.getOrDefault("segmenta_assigner_dead_letters_total", 0.0) > 0) {
            notes.add("WARNING: the assigner dead-lettered " + fmt(m, "segmenta_assigner_dead_letters_total")
                    + " events of the throughput run (see the assigner log)");
        }
    }

    private static double medianOf(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private Duration drainTimeout() {
        return Duration.ofSeconds(Math.max(180, options.events() / 2_000));
    }

    private Drain awaitDrained(String group, ChildJvm app, Duration timeout) throws Exception {
        return awaitDrained(group, app, timeout, false);
    }

    /** @param record record the measured part with JFR ({@code assigner.jfr} in the work dir) */
    private Drain awaitDrained(String group, ChildJvm app, Duration timeout, boolean record) throws Exception {
        return cluster.awaitDrained(group, app, timeout, options.warmupEvents(),
                record ? work.resolve("assigner.jfr") : null);
    }

    private long endOffsets(String topic) throws Exception {
        return cluster.endOffsets(topic);
    }

    private long committed(String group, String topic) throws InterruptedException {
        return cluster.committed(group, topic);
    }

    private List<TopicPartition> partitions(String topic) throws Exception {
        return cluster.partitions(topic);
    }

    // ---------------------------------------------------------------------------------------------- 3. propagation

    private List<Double> propagation(BenchModel model, ChildJvm assigner, URI metrics) throws Exception {
        List<Double> samples = new ArrayList<>();
        if (options.modelUpdates() <= 0) {
            return samples;
        }
        AvroDeserializer<SegmentAssignment> decode = new AvroDeserializer<>(registry, SegmentAssignment.class);
        try (KafkaConsumer<String, byte[]> consumer = readCommittedConsumer("bench-propagation")) {
            List<TopicPartition> tps = partitions(ASSIGNMENTS);
            consumer.assign(tps);
            long version = 1;
            for (int i = 0; i < options.modelUpdates(); i++) {
                awaitRescoreIdle(metrics, version, assigner, Duration.ofMinutes(3));
                consumer.seekToEnd(tps);
                tps.forEach(consumer::position);
                SegmentModel next = model.next();
                version = next.getVersion();
                long start = System.nanoTime();
                send(MODELS, BenchModel.NAME, next);
                long deadline = start + TimeUnit.SECONDS.toNanos(60);
                Double ms = null;
                while (ms == null && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                        if (decode.deserialize(ASSIGNMENTS, r.value()).getModelVersion() == version) {
                            ms = (System.nanoTime() - start) / 1e6;
                            break;
                        }
                    }
                }
                if (ms == null) {
                    throw new IllegalStateException("no assignment with model version " + version + " within 60 s");
                }
                samples.add(ms);
                log(String.format("model v%d: first assignment with it after %.0f ms", version, ms));
            }
            awaitRescoreIdle(metrics, version, assigner, Duration.ofMinutes(3));
        }
        return samples;
    }

    /** Waits until the assigner reports {@code version} active and no re-score pass running. */
    private void awaitRescoreIdle(URI metrics, long version, ChildJvm assigner, Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            assigner.requireAlive();
            Map<String, Double> m = metrics(metrics);
            if (m.getOrDefault("segmenta_assigner_model_version", 0.0) >= version
                    && m.getOrDefault("segmenta_assigner_rescore_progress", 0.0) >= 1.0) {
                long waited = (System.nanoTime() - start) / 1_000_000;
                if (waited > 500) {
                    log("re-score pass of v" + version + " done (waited " + waited + " ms)");
                }
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("re-score of model v" + version + " did not finish in " + timeout);
    }

    // ---------------------------------------------------------------------------------------------- 2. latency

    /** Returns the number of new customers it created. */
    private long latency(ChildJvm assigner, URI metrics) throws Exception {
        if (options.latencySeconds() <= 0) {
            return 0;
        }
        int rate = options.rate();
        int seconds = options.latencySeconds();
        long warmupNanos = TimeUnit.SECONDS.toNanos(options.warmupSeconds());
        Map<String, long[]> pending = new ConcurrentHashMap<>(); // customer -> {sent nanos, counted (0/1)}
        long[] latencies = new long[rate * seconds + 16];
        AtomicLong count = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> consumerFailure = new AtomicReference<>();
        KafkaConsumer<String, byte[]> consumer = readCommittedConsumer("bench-latency");
        List<TopicPartition> tps = partitions(CHANGES);
        consumer.assign(tps);
        consumer.seekToEnd(tps);
        tps.forEach(consumer::position);
        Thread reader = new Thread(() -> {
            try (consumer) {
                while (!stop.get()) {
                    var records = consumer.poll(Duration.ofMillis(50));
                    long now = System.nanoTime();
                    for (ConsumerRecord<String, byte[]> r : records) {
                        long[] sent = pending.remove(r.key());
                        if (sent != null && sent[1] == 1) {
                            int i = (int) count.getAndIncrement();
                            if (i < latencies.length) {
                                latencies[i] = now - sent[0];
                            }
                        }
                    }
                }
            } catch (Throwable t) {
                consumerFailure.set(t);
            }
        }, "latency-reader");
        reader.start();

        Random random = new Random(options.seed());
        Serializer<CustomerEvent> serializer = cluster.eventSerializer();
        long newCustomers = 0;
        long sent = 0;
        AtomicLong failed = new AtomicLong();
        log(String.format("latency: %,d events/s for %d s (first %d s = warm-up, not counted)", rate, seconds,
                options.warmupSeconds()));
        long start;
        long elapsed;
        try (KafkaProducer<String, CustomerEvent> producer = BenchCluster.producer(cluster.latencyProducerConfig(),
                serializer)) {
            start = System.nanoTime();
            long total = (long) rate * seconds;
            while (sent < total) {
                elapsed = System.nanoTime() - start;
                long due = Math.min(total, elapsed * rate / 1_000_000_000L);
                while (sent < due) {
                    CustomerEvent e;
                    String id;
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                    if (sent % 2 == 0) {
                        id = "lat-" + sent;
                        e = purchase(id, "lat-e" + sent, now, random);
                        newCustomers++;
                        long at = System.nanoTime();
                        pending.put(id, new long[]{at, at - start >= warmupNanos ? 1 : 0});
                    } else {
                        id = preloadedCustomers.get(random.nextInt(preloadedCustomers.size()));
                        e = CustomerEvent.newBuilder().setEventId("lat-e" + sent).setCustomerId(id).setEventTime(now)
                                .setType(EventType.PAGE_VIEW).setChannel("web").build();
                    }
                    producer.send(new ProducerRecord<>(EVENTS, id, e), (md, ex) -> {
                        if (ex != null) {
                            failed.incrementAndGet();
                        }
                    });
                    sent++;
                }
                Thread.sleep(1);
            }
            producer.flush();
            elapsed = System.nanoTime() - start;
        }
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pending.values().stream().anyMatch(v -> v[1] == 1) && System.nanoTime() < drainDeadline) {
            assigner.requireAlive();
            Thread.sleep(100);
        }
        stop.set(true);
        reader.join(10_000);
        if (consumerFailure.get() != null) {
            throw new IllegalStateException("latency consumer failed", consumerFailure.get());
        }
        long missing = pending.values().stream().filter(v -> v[1] == 1).count();
        int n = (int) Math.min(count.get(), latencies.length);
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            ms[i] = latencies[i] / 1e6;
        }
        Arrays.sort(ms);
        double achieved = sent / (elapsed / 1e9);
        log(String.format("latency: sent %,d events (%,.0f/s), %,d first-assignment changes measured, %d missing, "
                + "%d send errors", sent, achieved, n, missing, failed.get()));
        if (n == 0) {
            throw new IllegalStateException("no segment change measured");
        }
        double p50 = percentile(ms, 50);
        double p95 = percentile(ms, 95);
        double p99 = percentile(ms, 99);
        row("2", String.format("latency event -> segment-changes (read_committed), %,.0f events/s, p50 / p95 / p99 ms",
                achieved), String.format("%.0f / %.0f / %.0f", p50, p95, p99), "150 ms (p99)",
                String.format("%.2f", p99 / 150), verdict(p99 <= 150, "target p99 <= 150 ms"));
        notes.add(String.format(Locale.ROOT, "Latency: %d s at %,.0f events/s, half of them new customers (each makes "
                        + "a first-assignment change: %,d measured after a %d s warm-up, %d missing), half page views of "
                        + "existing customers; max %.0f ms, p99.9 %.0f ms. Measured from producer.send() "
                        + "(acks=all, linger.ms=1) to the read_committed consumer's poll; the commit interval "
                        + "(commit.interval.ms, 100 ms by default under exactly_once_v2) bounds it from below on average: a change is visible only once its "
                        + "transaction commits.", seconds, achieved, n, options.warmupSeconds(), missing,
                ms[n - 1], percentile(ms, 99.9)));
        if (failed.get() > 0) {
            notes.add("WARNING: " + failed.get() + " latency events could not be written.");
        }
        return newCustomers;
    }

    private static CustomerEvent purchase(String customer, String eventId, Instant time, Random random) {
        return CustomerEvent.newBuilder().setEventId(eventId).setCustomerId(customer).setEventTime(time)
                .setType(EventType.PURCHASE).setAmount(5 + random.nextInt(20_000) / 100.0).setQuantity(1)
                .setCurrency("EUR").setProductCategory("books").setChannel("web").build();
    }

    // ---------------------------------------------------------------------------------------------- 4. heap

    private void loadNewCustomers(long more, ChildJvm assigner) throws Exception {
        log(String.format("loading %,d more distinct customers (one purchase each)", more));
        Random random = new Random(options.seed() + 1);
        long start = System.nanoTime();
        AtomicLong failed = new AtomicLong();
        try (KafkaProducer<String, CustomerEvent> producer = BenchCluster.producer(cluster.bulkProducerConfig(),
                cluster.eventSerializer())) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            for (long i = 0; i < more; i++) {
                String id = "heap-" + i;
                producer.send(new ProducerRecord<>(EVENTS, id, purchase(id, "heap-e" + i, now, random)), (md, ex) -> {
                    if (ex != null) {
                        failed.incrementAndGet();
                    }
                });
                if ((i & 0xFFFF) == 0) {
                    assigner.requireAlive();
                }
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " events could not be written");
        }
        long produced = System.nanoTime();
        long end = endOffsets(EVENTS);
        while (committed(ASSIGNER_APP, EVENTS) < end) {
            assigner.requireAlive();
            if (System.nanoTime() - produced > TimeUnit.SECONDS.toNanos(Math.max(300, more / 1_000))) {
                throw new IllegalStateException("the assigner did not catch up with the new customers");
            }
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        log(String.format("%,d new customers assigned in %.1f s (%,.0f/s; producing took %.1f s)", more, seconds,
                more / seconds, (produced - start) / 1e9));
        notes.add(String.format(Locale.ROOT, "Heap load: %,d new customers (one purchase each, first assignment "
                        + "each) produced and assigned in %.1f s = %,.0f customers/s (producer and assigner concurrent).",
                more, seconds, more / seconds));
    }

    record Heap(double usedMb, double committedMb, double rssMb) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "used %.0f MB, committed %.0f MB, RSS %.0f MB", usedMb, committedMb, rssMb);
        }
    }

    private static final Pattern HEAP = Pattern.compile("committed (\\d+)K, used (\\d+)K");

    private static Heap heapAfterGc(ChildJvm app) throws Exception {
        app.jcmd("GC.run");
        app.jcmd("GC.run");
        String info = app.jcmd("GC.heap_info");
        Matcher m = HEAP.matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("cannot read jcmd GC.heap_info:\n" + info);
        }
        return new Heap(Long.parseLong(m.group(2)) / 1024.0, Long.parseLong(m.group(1)) / 1024.0,
                app.residentBytes() / 1048576.0);
    }

    // ---------------------------------------------------------------------------------------------- clients

    private List<String> streamsJvmArgs() {
        List<String> args = new ArrayList<>(List.of("-Xmx" + options.xmx(), "-Dlog4j2.configurationFile=" + childLogConfig,
                "--enable-native-access=ALL-UNNAMED"));
        return args;
    }

    private void send(String topic, String key, SegmentModel model) throws Exception {
        cluster.send(topic, key, model);
    }

    private KafkaConsumer<String, byte[]> readCommittedConsumer(String clientId) {
        return cluster.readCommittedConsumer(clientId);
    }

    /** The assigner's Prometheus metrics, summed over the label sets of each name. */
    private Map<String, Double> metrics(URI uri) {
        Map<String, Double> values = new HashMap<>();
        try {
            String text = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int brace = line.indexOf('{');
                int space = line.lastIndexOf(' ');
                String name = line.substring(0, brace >= 0 && brace < space ? brace : line.indexOf(' '));
                try {
                    values.merge(name, Double.parseDouble(line.substring(space + 1)), Double::sum);
                } catch (NumberFormatException ignored) {
                    // not a sample line
                }
            }
        } catch (IOException e) {
            // not up yet: empty
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return values;
    }

    // ---------------------------------------------------------------------------------------------- report

    private void row(String part, String what, String value, String against, String ratio, String verdict) {
        rows.add(new String[]{part, what, value, against, ratio, verdict});
    }

    private void printTable() {
        StringBuilder out = new StringBuilder();
        out.append("\n| # | measurement | value | baseline / target | ratio | verdict |\n|---|---|---|---|---|---|\n");
        for (String[] r : rows) {
            out.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        out.append('\n');
        for (String note : notes) {
            out.append("- ").append(note).append('\n');
        }
        System.out.println(out);
        System.out.flush();
    }

    private static String verdict(boolean met, String target) {
        return (met ? "met (" : "MISSED (") + target + ")";
    }

    private static String fmt(Map<String, Double> m, String name) {
        Double v = m.get(name);
        return v == null ? "0" : String.format("%,.0f", v);
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static void log(String message) {
        System.err.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " e2e: " + message);
    }

    // ---------------------------------------------------------------------------------------------- plumbing

    private void closeAll() {
        // the assigner before the broker (children were added in start order; infrastructure at the front)
        HarnessSupport.closeInReverse(closeables);
    }

    private static double dirSizeMb(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum() / 1048576.0;
        } catch (IOException | UncheckedIOException e) {
            return Double.NaN;
        }
    }

    // ---------------------------------------------------------------------------------------------- options

    private static String usage() {
        Options d = Options.defaults();
        return """
                AssignerEndToEnd: the assigner's end-to-end benchmark against a real broker (separate JVMs).
                  --events N            events pre-loaded for the throughput runs, warm-up included (%d)
                  --warmup-events N     first events of each throughput run not counted (JIT warm-up) (%d)
                  --customers N         customers they belong to (%d)
                  --partitions N        partitions of the events and output topics (%d)
                  --rate N              events/s of the latency run (%d)
                  --latency-seconds N   length of the latency run; 0 skips it (%d)
                  --warmup-seconds N    first seconds of the latency run not counted (%d)
                  --model-updates N     model versions published for the propagation test; 0 skips it (%d)
                  --heap-customers N    distinct customers loaded before the heap reading; 0 skips it (%d)
                  --xmx SIZE            -Xmx of the pass-through and assigner JVMs (%s)
                  --broker-xmx SIZE     -Xmx of the broker JVM (%s)
                  --k N                 segments of the model (%d)
                  --seed N              seed of the data and the fit (%d)
                  --work-dir DIR        keep broker data, state and logs there (default: a temporary folder, deleted)
                  --keep                keep the temporary folder
                  --jfr                 record the last assigner's measured drain with JFR (assigner.jfr in the work
                                        dir; started with jcmd once the warm-up is past)
                  --skip-baselines      no pass-through and state-floor runs
                  --assigner-property K=V  extra assigner setting, e.g. commit.interval.ms=50 (repeatable)
                  --rounds N            throughput rounds, pass-through and assigner alternately; medians reported (%d)
                  --quick               small run: 400k events (100k warm-up), 40k customers, 20 s latency,
                                        3 updates, 200k customers
                """.formatted(d.events(), d.warmupEvents(), d.customers(), d.partitions(), d.rate(), d.latencySeconds(),
                d.warmupSeconds(), d.modelUpdates(), d.heapCustomers(), d.xmx(), d.brokerXmx(), d.k(), d.seed(),
                d.rounds());
    }

    static Options parse(String[] args) {
        Options o = Options.defaults();
        long events = o.events();
        int customers = o.customers();
        int partitions = o.partitions();
        int rate = o.rate();
        int latency = o.latencySeconds();
        int warmup = o.warmupSeconds();
        int updates = o.modelUpdates();
        long heap = o.heapCustomers();
        String xmx = o.xmx();
        String brokerXmx = o.brokerXmx();
        int k = o.k();
        long seed = o.seed();
        Path workDir = null;
        boolean keep = false;
        boolean jfr = false;
        boolean skipBaselines = false;
        long warmupEvents = o.warmupEvents();
        List<String> assignerProperties = new ArrayList<>();
        int rounds = o.rounds();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    System.out.println(usage());
                    System.exit(0);
                }
                case "--quick" -> {
                    events = 400_000;
                    warmupEvents = 100_000;
                    customers = 40_000;
                    latency = 20;
                    warmup = 3;
                    updates = 3;
                    heap = 200_000;
                }
                case "--keep" -> keep = true;
                case "--jfr" -> jfr = true;
                case "--skip-baselines" -> skipBaselines = true;
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("missing value of " + a + "\n" + usage());
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--events" -> events = Long.parseLong(v);
                        case "--warmup-events" -> warmupEvents = Long.parseLong(v);
                        case "--customers" -> customers = Integer.parseInt(v);
                        case "--partitions" -> partitions = Integer.parseInt(v);
                        case "--rate" -> rate = Integer.parseInt(v);
                        case "--latency-seconds" -> latency = Integer.parseInt(v);
                        case "--warmup-seconds" -> warmup = Integer.parseInt(v);
                        case "--model-updates" -> updates = Integer.parseInt(v);
                        case "--heap-customers" -> heap = Long.parseLong(v);
                        case "--xmx" -> xmx = v;
                        case "--broker-xmx" -> brokerXmx = v;
                        case "--k" -> k = Integer.parseInt(v);
                        case "--seed" -> seed = Long.parseLong(v);
                        case "--work-dir" -> workDir = Path.of(v);
                        case "--assigner-property" -> assignerProperties.add(v);
                        case "--rounds" -> rounds = Integer.parseInt(v);
                        default -> throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
                    }
                }
            }
        }
        if (warmupEvents < 0 || warmupEvents >= events) {
            throw new IllegalArgumentException("--warmup-events must be 0.." + (events - 1) + ", got " + warmupEvents);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
        }
        return new Options(events, customers, partitions, rate, latency, warmup, updates, heap, xmx, brokerXmx, k,
                workDir, keep, jfr, skipBaselines, seed, List.copyOf(assignerProperties), rounds, warmupEvents);
    }
}
