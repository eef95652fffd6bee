package io.segmenta.benchmarks.trainer.refit;

import io.segmenta.assigner.profile.CustomerProfile;
import io.segmenta.assigner.profile.ProfileCodec;
import io.segmenta.assigner.profile.ProfileFolder;
import io.segmenta.assigner.profile.ProfileSnapshot;
import io.segmenta.assigner.scoring.Assignment;
import io.segmenta.assigner.scoring.SegmentScorer;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.registry.InMemorySchemaRegistry;
import io.segmenta.schemas.registry.RestSchemaRegistryClient;
import io.segmenta.schemas.registry.SchemaRegistryConfig;
import io.segmenta.schemas.registry.SchemaRegistryHttpServer;
import io.segmenta.schemas.serde.AvroDeserializer;
import io.segmenta.trainer.config.TrainerSettings;
import io.segmenta.trainer.events.RawRecord;
import io.segmenta.trainer.job.ModelBootstrap;
import io.segmenta.trainer.job.TrainerJob;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Issue 4's refit-latency benchmark: the production dataflow ({@link TrainerJob#build}) on a local MiniCluster at
 * parallelism 2 with the heap state backend, N customers whose 1-3 events fall in one training day, then the
 * window close. Measures, per case, the workers' pass (their own "closed on worker ..., N ms" log line), the
 * reducer (from the end of the last pass to the model record reaching the sink) and the total from the watermark
 * passing the window end (start of the first pass) to the model at the sink. Cases: (a) first model, workers have
 * no model (sample-based fit, k chosen by silhouette over 3..8, the defaults); (b) refit with partial sums, workers
 * start with case (a)'s model through {@link ModelBootstrap}. Baseline in the same run: a plain single-thread loop
 * over one worker's share of the profiles as state bytes (4-byte segment + {@link ProfileCodec}, the trainer's first
 * layout, kept unchanged so that it calibrates the machine's speed across builds), decode + as-of only, and decode +
 * as-of + score + re-encode (the first layout's pass work without Flink).
 *
 * <pre>
 *   mvn -B -q -o -pl benchmarks package -DskipTests
 *   mvn -B -q -o -pl benchmarks dependency:build-classpath -Dmdep.outputFile=/tmp/bcp.txt -Dmdep.includeScope=runtime
 *   java -Xmx8g -cp benchmarks/target/classes:$(cat /tmp/bcp.txt) \
 *       io.segmenta.benchmarks.trainer.refit.RefitLatency [customers,customers,...]   # default 100000,1000000
 * </pre>
 */
public final class RefitLatency {

    private static final long TARGET_MS = 5_000;
    private static final String WINDOW = Instant.ofEpochMilli(RefitEvents.DAY_END).toString();

    private RefitLatency() {
    }

    record Run(int customers, String kind, long loadMs, long maxPassMs, long[] passMs, long reducerMs, long totalMs,
               long fromLastEventMs, long publishToSinkMs, long heapAfterGcMb, SegmentModel model, int driftReports) {
    }

    record Baseline(int profiles, long bareMs, long fullMs) {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String s : (args.length > 0 ? args[0] : "100000,1000000").split(",")) {
            sizes.add(Integer.parseInt(s.trim().replace("_", "")));
        }
        Probe.captureTrainerLogs();
        TrainerSettings settings = TrainerSettings.builder().window(Duration.ofDays(1)).build();
        System.out.printf(Locale.ROOT, "refit latency: %d cores, max heap %,d MB, load average %.2f, JDK %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, load(),
                System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "settings: %s k %d..%d, window %s, out-of-orderness %s, sample/worker %d, "
                        + "parallelism 2, heap state backend%n", settings.algorithm(), settings.kMin(), settings.kMax(),
                settings.window(), settings.outOfOrderness(), settings.samplePerSubtask());

        List<Run> runs = new ArrayList<>();
        List<Baseline> baselines = new ArrayList<>();
        List<String> loads = new ArrayList<>();
        try (SchemaRegistryHttpServer registry = SchemaRegistryHttpServer.start(new InMemorySchemaRegistry(), "127.0.0.1", 0)) {
            Map<String, String> registryConfig = Map.of(SchemaRegistryConfig.URL, registry.url().toString());
            AvroDeserializer<SegmentModel> modelReader = new AvroDeserializer<>(
                    new RestSchemaRegistryClient(SchemaRegistryConfig.of(registry.url().toString())), SegmentModel.class);
            for (int n : sizes) {
                Run first = run(n, "a) first model", settings, registryConfig, ModelBootstrap.none(), modelReader);
                runs.add(first);
                loads.add(String.format(Locale.ROOT, "%,d a): %.2f", n, load()));
                if (first.model() == null) {
                    continue;
                }
                baselines.add(baseline(n, settings, first.model()));
                SegmentModel parent = first.model();
                Run refit = run(n, "b) refit, partial sums", settings, registryConfig, s -> Optional.of(parent), modelReader);
                runs.add(refit);
                loads.add(String.format(Locale.ROOT, "%,d b): %.2f", n, load()));
            }
        }
        printTable(runs, baselines);
        System.out.println("load average (1 min) after each run: " + String.join(", ", loads));
        System.exit(0);
    }

    private static Run run(int n, String kind, TrainerSettings settings, Map<String, String> registryConfig,
                           ModelBootstrap bootstrap, AvroDeserializer<SegmentModel> modelReader) throws Exception {
        System.out.printf(Locale.ROOT, "%n== %,d customers, %s ==%n", n, kind);
        Probe.reset();
        System.gc();
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, conf);
        TypeInformation<RawRecord> type = TypeInformation.of(RawRecord.class);
        DataStream<RawRecord> events = env.fromSource(new DataGeneratorSource<>(new RefitEvents(n, registryConfig),
                        RefitEvents.count(n), type), WatermarkStrategy.noWatermarks(), "customer-events")
                .setParallelism(1);
        // a record of another lineage keeps the models input non-empty (as in TrainerJobTest)
        DataStream<RawRecord> models = env.fromData(List.of(new RawRecord("segment-models", 0, 0, 0L,
                "other-model".getBytes(StandardCharsets.UTF_8), new byte[]{1})), type);
        TrainerJob job = new TrainerJob(settings, registryConfig, bootstrap, Clock.systemUTC());
        job.build(job.checked(events, true), models)
                .sinkTo(new Probe.StampingSink()).name("stamping sink");
        JobClient client = env.executeAsync("refit latency " + n + " " + kind);
        try {
            Probe.Output modelOut = null;
            SegmentModel model = null;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
            int seen = 0;
            while (model == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
                List<Probe.Output> outputs = List.copyOf(Probe.OUTPUTS);
                for (; seen < outputs.size(); seen++) {
                    Probe.Output o = outputs.get(seen);
                    if (o.topic().equals(settings.topics().models())) {
                        SegmentModel m = modelReader.deserialize(o.topic(), o.value());
                        if (m.getTrainingWindow().getEnd().toEpochMilli() == RefitEvents.DAY_END) {
                            modelOut = o;
                            model = m;
                            break;
                        }
                        System.out.printf("  (model v%d for window %s ignored)%n", m.getVersion(), m.getTrainingWindow().getEnd());
                    }
                }
                if (seen == 0 && terminated(client)) {
                    throw new IllegalStateException("job ended before publishing");
                }
            }
            if (model == null) {
                System.out.println("  no model within 30 minutes");
                return new Run(n, kind, -1, -1, new long[0], -1, -1, -1, -1, -1, null, 0);
            }
            Thread.sleep(500); // drift report and history record
            List<Probe.Pass> passes = Probe.PASSES.stream().filter(p -> p.window().equals(WINDOW)).toList();
            long closeStart = passes.stream().mapToLong(Probe.Pass::startedNanos).min().orElseThrow();
            long passEnd = passes.stream().mapToLong(Probe.Pass::loggedNanos).max().orElseThrow();
            long maxPass = passes.stream().mapToLong(Probe.Pass::passMs).max().orElseThrow();
            long[] passMs = passes.stream().sorted(java.util.Comparator.comparingInt(Probe.Pass::worker))
                    .mapToLong(Probe.Pass::passMs).toArray();
            long publishedLogged = Probe.LINES.stream().filter(l -> l.message().contains("published")
                    && l.message().contains(WINDOW)).mapToLong(Probe.Line::nanos).min().orElse(modelOut.nanos());
            int drift = (int) Probe.OUTPUTS.stream().filter(o -> o.topic().equals(settings.topics().drift())
                    && o.nanos() >= passEnd).count();
            System.gc();
            long heap = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
            for (Probe.Pass p : passes) {
                System.out.printf(Locale.ROOT, "  worker %d: %,d customers, model v%d, pass %,d ms%n", p.worker(),
                        p.customers(), p.modelVersion(), p.passMs());
            }
            Run run = new Run(n, kind, ms(Probe.lastWindowEventEmitted - Probe.mainStarted), maxPass, passMs,
                    ms(modelOut.nanos() - passEnd), ms(modelOut.nanos() - closeStart),
                    ms(modelOut.nanos() - Probe.firstCloserEmitted), ms(modelOut.nanos() - publishedLogged), heap, model, drift);
            System.out.printf(Locale.ROOT, "  load %,d ms; last event -> first pass starts %,d ms; passes %s ms; reducer %,d ms"
                            + " (sink stamp - reducer's published log line: %,d ms); close -> model %,d ms; heap after GC %,d MB%n",
                    run.loadMs(), ms(closeStart - Probe.firstCloserEmitted), java.util.Arrays.toString(passMs),
                    run.reducerMs(), run.publishToSinkMs(), run.totalMs(), heap);
            System.out.printf(Locale.ROOT, "  model v%d k=%d: %s%n", model.getVersion(), model.getSegments().size(),
                    model.getTags().get("decision"));
            return run;
        } finally {
            try {
                client.cancel().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                // already ended
            }
            for (int i = 0; i < 600 && !terminated(client); i++) {
                Thread.sleep(100);
            }
        }
    }

    /** Whether the job has ended (a local MiniCluster shuts down with its job, and then answers nothing). */
    private static boolean terminated(JobClient client) {
        try {
            return client.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState();
        } catch (Exception e) {
            return true;
        }
    }

    /**
     * One worker's share (every other customer, N/2) of the same state bytes in a HashMap, walked in a plain loop:
     * decode + as-of (the bare pass), and decode + as-of + score + re-encode (the pass's work without Flink).
     */
    private static Baseline baseline(int n, TrainerSettings settings, SegmentModel model) {
        ProfileFolder folder = new ProfileFolder(settings.halfLifeDays(), settings.eventRules());
        Map<String, CustomerProfile> profiles = new HashMap<>();
        for (long j = 0; j < 2L * n; j++) {
            CustomerEvent e = RefitEvents.event(j, n);
            String id = e.getCustomerId();
            if ((Integer.parseInt(id, 1, id.length(), 10) & 1) == 0) {
                folder.fold(profiles.computeIfAbsent(id, k -> folder.newProfile()), e);
            }
        }
        Map<String, byte[]> state = new HashMap<>();
        profiles.forEach((id, p) -> {
            byte[] b = ProfileCodec.encode(p);
            state.put(id, ByteBuffer.allocate(4 + b.length).putInt(Integer.MIN_VALUE).put(b).array());
        });
        profiles.clear();
        SegmentScorer scorer = SegmentScorer.compile(model);
        Assignment a = scorer.newAssignment();
        long bare = Long.MAX_VALUE;
        long full = Long.MAX_VALUE;
        double sink = 0;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            for (byte[] bytes : state.values()) {
                ProfileSnapshot s = decode(bytes).asOf(RefitEvents.DAY_END);
                sink += s.numeric("frequency");
            }
            bare = Math.min(bare, System.nanoTime() - t0);
            t0 = System.nanoTime();
            for (Map.Entry<String, byte[]> entry : state.entrySet()) {
                CustomerProfile p = decode(entry.getValue());
                scorer.assign(p.asOf(RefitEvents.DAY_END), a);
                byte[] b = ProfileCodec.encode(p);
                entry.setValue(ByteBuffer.allocate(4 + b.length).putInt(a.segmentId()).put(b).array());
                sink += a.distance();
            }
            full = Math.min(full, System.nanoTime() - t0);
        }
        System.out.printf(Locale.ROOT, "%n  baseline, plain loop over %,d profiles (one worker's share): decode+asOf %,d ms,"
                + " +score+re-encode %,d ms (%s)%n", state.size(), ms(bare), ms(full), sink > 0 ? "ok" : "?");
        return new Baseline(state.size(), ms(bare), ms(full));
    }

    private static CustomerProfile decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.getInt();
        byte[] p = new byte[buffer.remaining()];
        buffer.get(p);
        return ProfileCodec.decode(p);
    }

    private static void printTable(List<Run> runs, List<Baseline> baselines) {
        System.out.println();
        System.out.println("| customers | case | per-worker pass ms (max) | reducer ms | window close -> model ms "
                + "| last event emitted -> model ms | target | met? | plain loop decode+asOf / +score, ms per worker share "
                + "| pass / bare loop |");
        System.out.println("|---:|---|---:|---:|---:|---:|---|---|---:|---:|");
        for (Run r : runs) {
            Baseline b = baselines.stream().filter(x -> Math.abs(x.profiles() * 2 - r.customers()) <= 2).findFirst().orElse(null);
            System.out.printf(Locale.ROOT, "| %,d | %s | %,d | %,d | %,d | %,d | 5 s | %s | %s | %s |%n", r.customers(), r.kind(),
                    r.maxPassMs(), r.reducerMs(), r.totalMs(), r.fromLastEventMs(), r.totalMs() < 0 ? "n/a"
                            : r.totalMs() <= TARGET_MS ? "yes" : "no",
                    b == null ? "-" : String.format(Locale.ROOT, "%,d / %,d", b.bareMs(), b.fullMs()),
                    b == null || b.bareMs() == 0 ? "-" : String.format(Locale.ROOT, "%.1f x", (double) r.maxPassMs() / b.bareMs()));
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000L;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
