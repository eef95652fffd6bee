package io.segmenta.benchmarks.replay;

import io.segmenta.app.embedded.KafkaTopics;
import io.segmenta.app.replay.ReplayRun;
import io.segmenta.avro.SegmentModel;
import io.segmenta.benchmarks.assigner.e2e.BaselineMain;
import io.segmenta.benchmarks.assigner.e2e.BenchCluster;
import io.segmenta.benchmarks.assigner.e2e.BenchModel;
import io.segmenta.benchmarks.assigner.e2e.ChildJvm;
import io.segmenta.benchmarks.assigner.e2e.Drain;
import io.segmenta.benchmarks.assigner.e2e.HarnessSupport;
import io.segmenta.benchmarks.assigner.e2e.Workspace;
import io.segmenta.schemas.TopicNames;
import io.segmenta.schemas.registry.SchemaRegistryConfig;
import io.segmenta.streams.processor.NodeNames;
import io.segmenta.trainer.config.TrainerKeys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replay throughput (issue 15 item 7): in one run, on one embedded broker and the same pre-loaded events,
 * <ol>
 *   <li>the baselines of the assigner's end-to-end benchmark ({@link BaselineMain}): the Kafka Streams
 *       pass-through (decode + encode, exactly_once_v2) and the state floor (decode + a RocksDB read and write of a
 *       state of the assigner's mean stored size, here the replay's);</li>
 *   <li>the assigner replay: {@code segment replay} ({@link ReplayRun} in {@link ReplayMain}) over every event with a
 *       model history present (the bench model, dated before the events, in the models and history topics), from
 *       start to the end offsets it saw at start;</li>
 *   <li>the trainer backfill: the Flink trainer job with {@code --backfill} ({@link FlinkJobMain}) over the same
 *       events, and a Flink pass-through with the trainer's environment and sink as its baseline.</li>
 * </ol>
 * Every measured app runs in a JVM of its own with the same -Xmx and a GC log, read for its peak heap. The Kafka
 * Streams apps' steady rates are measured as in the end-to-end benchmark (first commit past the warm-up to lag 0);
 * the Flink jobs commit their offsets at checkpoints, so their steady rate runs from the first commit past the
 * warm-up to the job's end (the backfill's last fit and publish included).
 */
public final class ReplayBenchmark {

    static final String PREFIX = "bench";
    static final String PASS_OUT = "bench-pass-through-out";
    static final String FLINK_OUT = "bench-flink-pass-through-out";
    static final String TRAINER_TOPICS = "bench-trainer.";
    private static final Pattern DEAD_LETTERS = Pattern.compile("done; ([\\d,]+) records skipped outside the range, "
            + "([\\d,]+) dead letters");
    /** A Flink task's thread name carries its attempt: {@code [profiles and partial sums (1/2)#3]} is a 3rd restart. */
    private static final Pattern ATTEMPT = Pattern.compile("\\(\\d+/\\d+\\)#(\\d+)\\]");
    private static final int MAX_RESTARTS = 3;

    private final ReplayOptions options;
    private final Path work;
    private final Path childLog;
    private final ReplayReport report = new ReplayReport();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private BenchCluster cluster;
    private long events;

    private ReplayBenchmark(ReplayOptions options, Path work, Path childLog) {
        this.options = options;
        this.work = work;
        this.childLog = childLog;
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(ReplayOptions.usage());
            return;
        }
        ReplayOptions o;
        try {
            o = ReplayOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("replay: " + e.getMessage() + "\n" + ReplayOptions.usage());
            System.exit(2);
            return;
        }
        // before any Kafka class logs: this JVM quiet, the children's logs in files
        Workspace work = Workspace.create(o.workDir(), "segmenta-replay-bench-");
        ReplayBenchmark bench = new ReplayBenchmark(o, work.dir(), work.childLogConfig());
        bench.report.title(("Replay throughput: `benchmarks/bench replay " + String.join(" ", args)).trim() + "`");
        Thread hook = new Thread(bench::closeAll, "replay-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        int exit = 0;
        try {
            bench.run();
        } catch (Exception | Error e) {
            exit = 1;
            e.printStackTrace();
            bench.report.note("FAILED: " + e); // whatever was measured
        } finally {
            bench.print();
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
        int p = options.partitions();
        cluster = BenchCluster.start(work, childLog, options.brokerXmx(), List.of(
                KafkaTopics.plain(BenchCluster.EVENTS, p), KafkaTopics.plain(PASS_OUT, p),
                KafkaTopics.plain(FLINK_OUT, p), KafkaTopics.compacted(TopicNames.SEGMENT_MODELS, 1),
                KafkaTopics.plain(TopicNames.SEGMENT_MODEL_HISTORY, 1).configs(Map.of("retention.ms", "-1")),
                KafkaTopics.compacted(TopicNames.SEGMENT_ASSIGNMENTS, p)));
        closeables.add(cluster);
        log("broker up at " + cluster.bootstrap());
        BenchCluster.Preload preload = cluster.preload(options.events(), options.customers(), options.k(),
                options.seed(), ReplayBenchmark::log);
        events = cluster.endOffsets(BenchCluster.EVENTS);
        // the model history as a replay finds it: v1, valid from the first event, in the history and the models topic
        SegmentModel v1 = preload.model().next();
        cluster.send(TopicNames.SEGMENT_MODEL_HISTORY, BenchModel.NAME, v1);
        cluster.send(TopicNames.SEGMENT_MODELS, BenchModel.NAME, v1);
        report.condition(String.format(Locale.ROOT, "Load average at start %s (%d cores, shared machine); JVM %s %s; "
                        + "every measured app in its own JVM with -Xmx%s, the broker -Xmx%s.", loadBefore,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), options.xmx(), options.brokerXmx()));
        report.condition(String.format(Locale.ROOT, "%,d events of %,d customers (%d days of synthetic history, "
                        + "%s .. %s), %d partitions; steady rates count the events after the first %,d.%s", events,
                preload.customers().size(), preload.days(), preload.first(), preload.last(), p,
                options.warmupEvents(), options.quick() ? " (--quick)" : ""));
        if (preload.shortfall() != null) {
            report.note(preload.shortfall());
        }

        Drain pass = cluster.drainBaseline(BaselineMain.PASS_THROUGH, "bench-pass-through", PASS_OUT, 0,
                jvmArgs("bench-pass-through"), options.runTimeout(), options.warmupEvents(), ReplayBenchmark::log);
        Rate passRate = rate(pass);
        ReplayResult replay = replay();
        Drain floor = cluster.drainBaseline(BaselineMain.STATE_FLOOR, "bench-state-floor", PASS_OUT,
                (int) Math.round(replay.stateBytes()), jvmArgs("bench-state-floor"), options.runTimeout(),
                options.warmupEvents(), ReplayBenchmark::log);
        Rate floorRate = rate(floor);
        report.row(new ReplayReport.Row("Kafka Streams pass-through (decode + encode, EOS v2)", passRate,
                "Kafka Streams", passRate, floorRate, false, heap("bench-pass-through")));
        report.row(new ReplayReport.Row(String.format(Locale.ROOT, "state floor (decode + RocksDB read and write of a "
                        + "%.0f-byte state + changelog, no output, EOS v2)", replay.stateBytes()), floorRate,
                "Kafka Streams", passRate, floorRate, false, heap("bench-state-floor")));
        if (!options.replayProperties().isEmpty()) {
            report.note("Replay run with " + options.replayProperties() + " (the baselines with Kafka Streams defaults "
                    + "plus the assigner's producer tuning).");
        }
        report.row(new ReplayReport.Row("**assigner replay** (`segment replay`, all events, model history)",
                replay.rate(), "Kafka Streams", passRate, floorRate, true, heap("replay")));
        report.note(String.format(Locale.ROOT, "Assigner replay: %s; launch to the end offsets %.1f s, to the end of "
                        + "its clean-up and comparison %.1f s; %s dead letters.", replay.drain(), replay.toEndSeconds(),
                replay.totalSeconds(), replay.deadLetters()));

        if (options.trainer()) {
            Rate flinkPass = null;
            if (options.flinkPassThrough()) {
                FlinkRun run = flink(FlinkJobMain.PASS_THROUGH, "bench-flink-pass-through");
                flinkPass = run.rate();
                report.row(new ReplayReport.Row("Flink pass-through (bounded source, decode + encode, EOS sink)",
                        flinkPass, "Kafka Streams", passRate, floorRate, false, heap("bench-flink-pass-through")));
                long written = cluster.scan(FLINK_OUT, Long.MAX_VALUE).records();
                report.note("Flink pass-through: " + run + String.format(Locale.ROOT, "; %,d records written%s.",
                        written, written == events ? "" : " (WARNING: not the " + events + " events read)"));
            } else {
                report.note("Flink pass-through not run (--no-flink-pass-through): the trainer is compared with the "
                        + "Kafka Streams pass-through.");
            }
            FlinkRun backfill = flink(FlinkJobMain.TRAINER, "bench-trainer-backfill");
            report.row(new ReplayReport.Row("**trainer backfill** (`trainer --backfill`, window " + options.trainerWindow()
                    + ", k " + options.k() + ")", backfill.rate(), flinkPass != null ? "Flink" : "Kafka Streams",
                    flinkPass != null ? flinkPass : passRate, floorRate, true, heap("bench-trainer-backfill")));
            long versions = cluster.scan(TRAINER_TOPICS + TopicNames.SEGMENT_MODEL_HISTORY, Long.MAX_VALUE).records();
            report.note("Trainer backfill: " + backfill + String.format(Locale.ROOT, "; %d model versions published "
                    + "(one per window closed, the last one at the end of the input).", versions));
            report.note(String.format(Locale.ROOT, "The Flink jobs run on a local MiniCluster (parallelism %d, "
                            + "checkpoints every %s to a directory, which is also when their source commits offsets); "
                            + "their steady "
                            + "rate runs from the first commit past the warm-up to the job's end, '-' when the "
                            + "checkpoints were too far apart to see one; a ratio marked (whole run) compares "
                            + "launch-to-end rates because one side has no steady rate.", options.parallelism(),
                    options.checkpointInterval()));
        } else {
            report.note("Trainer backfill not run (--no-trainer).");
        }
        report.note("Whole run = all events over the time from the JVM's launch to the end (lag 0 for Kafka Streams, "
                + "the job's end for Flink): start-up, rebalance and JIT included. Heap = the largest heap occupancy "
                + "right after a GC pause over the run (from -Xlog:gc): an upper bound of what the run kept alive, "
                + "since old-generation garbage counts until a mixed or full collection; bounded by -Xmx.");
        report.note(String.format(Locale.ROOT, "Load average after %s; whole benchmark %.1f min.",
                HarnessSupport.loadAverage(), (System.nanoTime() - started) / 60e9));
    }

    // ---------------------------------------------------------------------------------------------- assigner replay

    /** The replay's drain, its state size (for the state floor), its whole-run times and its dead letters. */
    record ReplayResult(Drain drain, Rate rate, double stateBytes, double toEndSeconds, double totalSeconds,
                        String deadLetters) {
    }

    private ReplayResult replay() throws Exception {
        String group = ReplayRun.applicationId(PREFIX);
        Path hold = work.resolve("replay-hold");
        long launchMs = System.currentTimeMillis();
        List<String> args = new ArrayList<>(List.of(cluster.bootstrap(), cluster.registryUrl(), PREFIX,
                hold.toString()));
        args.addAll(options.replayProperties());
        ChildJvm jvm = ChildJvm.start("replay", work, jvmArgs("replay"), ReplayMain.class.getName(), args);
        closeables.add(jvm);
        log("replay started (" + jvm + ")");
        Drain drain = cluster.awaitDrained(group, jvm, options.runTimeout(), options.warmupEvents(), null);
        log("replay: " + drain);
        long atEnd = Long.parseLong(jvm.awaitLog("REPLAY AT END (\\d+)", Duration.ofMinutes(3)));
        // read while the replay holds at its end offsets: it deletes its changelog as it ends
        double stateBytes = cluster.meanValueBytes(group + "-" + NodeNames.CUSTOMERS_STORE + "-changelog");
        log(String.format(Locale.ROOT, "replay: mean stored customer state %.0f bytes", stateBytes));
        Files.createFile(hold);
        long endMs = Long.parseLong(jvm.awaitLog("REPLAY END (\\d+)", Duration.ofMinutes(3)));
        String deadLetters = "?";
        Matcher m = DEAD_LETTERS.matcher(jvm.tail(200));
        if (m.find()) {
            deadLetters = m.group(2);
        }
        awaitExit(jvm, Duration.ofMinutes(1));
        return new ReplayResult(drain, rate(drain), stateBytes, (atEnd - launchMs) / 1e3, (endMs - launchMs) / 1e3,
                deadLetters);
    }

    // ---------------------------------------------------------------------------------------------- Flink jobs

    /** A bounded Flink job's run: its rates and what it took. */
    record FlinkRun(Rate rate, double seconds, double steadySeconds, long steadyEvents) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,.1f s from launch to the job's end%s", seconds, rate.hasSteady()
                    ? String.format(Locale.ROOT, ", %,d events in the last %.1f s after the warm-up", steadyEvents,
                    steadySeconds) : ", no commit seen past the warm-up before the end");
        }
    }

    private FlinkRun flink(String mode, String group) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap.servers", cluster.bootstrap());
        settings.put(SchemaRegistryConfig.URL, cluster.registryUrl());
        settings.put(TrainerKeys.BACKFILL.key(), "true");
        settings.put(TrainerKeys.K.key(), Integer.toString(options.k()));
        settings.put(TrainerKeys.WINDOW.key(), options.trainerWindow());
        settings.put(TrainerKeys.PARALLELISM.key(), Integer.toString(options.parallelism()));
        settings.put(TrainerKeys.CHECKPOINT_INTERVAL.key(), options.checkpointInterval().toString());
        settings.put(TrainerKeys.GROUP_ID.key(), group);
        settings.put(TrainerKeys.TRANSACTIONAL_ID_PREFIX.key(), group);
        // durable checkpoints, as deployed: without a directory Flink keeps them in the JobManager's memory, which
        // refuses a state handle over 5 MB (tens of thousands of customers) and the job restarts for ever
        settings.put(TrainerKeys.CHECKPOINT_DIR.key(), work.resolve(group + "-checkpoints").toUri().toString());
        // outputs of their own: the replay's model history stays as it was
        for (var topic : List.of(TrainerKeys.TOPIC_MODELS, TrainerKeys.TOPIC_MODEL_HISTORY, TrainerKeys.TOPIC_DRIFT,
                TrainerKeys.TOPIC_DEAD_LETTERS)) {
            settings.put(topic.key(), TRAINER_TOPICS + topic.defaultValue());
        }
        settings.put(FlinkJobMain.OUTPUT, FLINK_OUT);
        List<String> args = new ArrayList<>(List.of(mode));
        settings.forEach((k, v) -> args.add(k + "=" + v));

        long launchMs = System.currentTimeMillis();
        ChildJvm jvm = ChildJvm.start(group, work, jvmArgs(group), FlinkJobMain.class.getName(), args);
        closeables.add(jvm);
        log(mode + " started (" + jvm + ")");
        long deadline = launchMs + options.runTimeout().toMillis();
        long fromMs = -1;
        long fromCommitted = 0;
        long lastCheck = launchMs;
        while (jvm.exitCode() == null) {
            long committed = cluster.committed(group, BenchCluster.EVENTS);
            long now = System.currentTimeMillis();
            if (fromMs < 0 && committed > 0 && committed >= Math.min(options.warmupEvents(), events - 1)) {
                fromMs = now;
                fromCommitted = committed;
            }
            if (now > deadline) {
                throw new IllegalStateException(group + " did not end within " + options.runTimeout()
                        + "; log tail:\n" + jvm.tail(40));
            }
            if (now - lastCheck > 5_000) {
                lastCheck = now;
                requireNoRestartLoop(jvm);
            }
            Thread.sleep(100);
        }
        if (jvm.exitCode() != 0) {
            throw new IllegalStateException(group + " exited with " + jvm.exitCode() + "; log tail:\n" + jvm.tail(40));
        }
        long finished = Long.parseLong(jvm.awaitLog("FLINK JOB FINISHED (\\d+)", Duration.ofSeconds(5)));
        double seconds = (finished - launchMs) / 1e3;
        long steadyEvents = events - fromCommitted;
        double steadySeconds = (finished - fromMs) / 1e3;
        boolean steady = fromMs > 0 && steadyEvents >= (events - options.warmupEvents()) / 2 && steadySeconds > 0;
        FlinkRun run = new FlinkRun(new Rate(steady ? steadyEvents / steadySeconds : Double.NaN, events / seconds),
                seconds, steadySeconds, steadyEvents);
        log(mode + ": " + run);
        return run;
    }

    /** Flink restarts a failing job for ever (fixed delay): fail the run instead of waiting for the time-out. */
    private static void requireNoRestartLoop(ChildJvm jvm) {
        String tail = jvm.tail(200);
        Matcher m = ATTEMPT.matcher(tail);
        while (m.find()) {
            if (Integer.parseInt(m.group(1)) >= MAX_RESTARTS) {
                throw new IllegalStateException(jvm + ": a task restarted " + m.group(1) + " times, a failure loop; "
                        + "log tail:\n" + jvm.tail(60));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- plumbing

    private Rate rate(Drain drain) {
        return new Rate(drain.rate(), events / drain.sinceLaunch());
    }

    private List<String> jvmArgs(String name) {
        return List.of("-Xmx" + options.xmx(), "-Dlog4j2.configurationFile=" + childLog,
                "--enable-native-access=ALL-UNNAMED", GcLog.option(work.resolve(name + "-gc.log")));
    }

    private String heap(String name) {
        try {
            return GcLog.read(work.resolve(name + "-gc.log")).describe(options.xmx());
        } catch (java.io.IOException e) {
            return "unreadable GC log: " + e.getMessage();
        }
    }

    private static void awaitExit(ChildJvm jvm, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (jvm.exitCode() == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (!Integer.valueOf(0).equals(jvm.exitCode())) {
            throw new IllegalStateException(jvm + " did not end with exit code 0 (" + jvm.exitCode() + "); log tail:\n"
                    + jvm.tail(40));
        }
    }

    private void print() {
        String markdown = report.markdown();
        System.out.println();
        System.out.println(markdown);
        System.out.flush();
        if (options.out() != null) {
            try {
                Path parent = options.out().toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Files.writeString(options.out(), markdown);
                System.err.println("written to " + options.out().toAbsolutePath());
            } catch (java.io.IOException e) {
                System.err.println("cannot write " + options.out() + ": " + e);
            }
        }
    }

    private void closeAll() {
        // the apps before the broker (added in start order, the cluster first)
        HarnessSupport.closeInReverse(closeables);
    }

    private static void log(String message) {
        System.err.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " replay-bench: " + message);
    }
}
