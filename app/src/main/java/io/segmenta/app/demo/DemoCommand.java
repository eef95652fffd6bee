package io.segmenta.app.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.segmenta.transactions.TransactionMapping;
import io.segmenta.transactions.TransactionMappings;
import io.segmenta.transactions.TransactionReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./segment demo}: the whole pipeline in one process on an embedded broker, fed with synthetic customers of
 * known segments or a real transactions file, with a live view and a summary.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run broker, registry, trainer and assigner in this process and replay demo data through them.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--data", defaultValue = "synthetic",
            description = "synthetic, or a transactions file or folder (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--mapping", description = "Column mapping of a transactions file: online-retail, cdnow or a file (default: detect).")
    String mapping;

    @Option(names = "--speed", defaultValue = "0",
            description = "0 = as fast as possible; otherwise event-time seconds replayed per second (e.g. 86400 = a day per second).")
    double speed;

    @Option(names = "--duration", description = "Stop after this long, e.g. 2m, 90s, PT2M (default: when the data is done and outputs settle).")
    String duration;

    @Option(names = "--customers", defaultValue = "1000", description = "Synthetic customers (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--days", defaultValue = "90", description = "Synthetic days of history (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--schema-registry", description = "Use this registry instead of the in-process one.")
    String schemaRegistry;

    @Option(names = "--kafka-port", defaultValue = "0", description = "Broker port (default: a free one).")
    int kafkaPort;

    @Option(names = "--data-dir", description = "Folder for the broker's data and the assigner's state (default: a temporary one).")
    Path dataDir;

    @Option(names = "--http-port", defaultValue = "7070", description = "Assigner HTTP API port (0 = any; default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--window", defaultValue = "P7D", description = "Training window in event time (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--k", description = "Segments: a number or a range such as 3..8 (default: the generator's number of "
            + "segments for synthetic data, 3..8 otherwise).")
    String k;

    @Option(names = "--summary", description = "Write the final summary as JSON to this file.")
    Path summary;

    @Mixin
    SettingOverrides overrides = new SettingOverrides();

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        DemoOptions options = new DemoOptions(data, mapping, speed, parseDuration(duration), customers, days, seed,
                schemaRegistry, kafkaPort, dataDir, httpPort, Duration.parse(window.toUpperCase(Locale.ROOT)), k, summary,
                overrides.trainer(), overrides.assigner());
        DemoFeed feed;
        try {
            feed = feed(options);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage());
            return 2;
        }
        if (k == null) {
            // the generator knows how many segments it made; real data lets the trainer choose by silhouette
            long segments = feed.truth().values().stream().distinct().count();
            options = options.withK(segments >= 2 ? Long.toString(segments) : "3..8");
        }
        out.println("Starting the Segmenta demo with " + feed.description() + " ...");
        long started = System.nanoTime();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                done.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try (DemoRuntime runtime = new DemoRuntime(options, out).start()) {
            runtime.printEndpoints();
            LiveView view = new LiveView(out, runtime.monitor(), feed.done(), feed.total());
            runtime.onModel(view::model);
            Thread feeder = new Thread(() -> {
                try {
                    runtime.feed(feed);
                    out.println("  all " + runtime.produced() + " events sent");
                } catch (Exception e) {
                    out.println("  feeding failed: " + e);
                }
            }, "demo-feeder");
            feeder.start();
            awaitEnd(options, runtime, view, stop, started);
            feeder.interrupt();
            feeder.join(10_000);
            DemoSummary result = runtime.summary(feed, (System.nanoTime() - started) / 1e9);
            print(out, result);
            if (options.summaryFile() != null) {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(options.summaryFile().toFile(), result);
                out.println("Summary written to " + options.summaryFile());
            }
            out.println("Shutting down ...");
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is already running and waits for us
            }
        }
        return 0;
    }

    /** Until --duration, Ctrl-C, or (without --duration) the data is sent and the outputs stop changing. */
    private static void awaitEnd(DemoOptions options, DemoRuntime runtime, LiveView view, CountDownLatch stop,
                                 long started) throws InterruptedException {
        long deadline = options.duration() == null ? Long.MAX_VALUE : started + options.duration().toNanos();
        long lastActivity = System.nanoTime();
        long lastSeen = -1;
        while (!stop.await(2, TimeUnit.SECONDS)) {
            view.tick();
            DemoMonitor m = runtime.monitor();
            long activity = m.events.get() + m.assignmentRecords.get() + m.models.size() + m.changes.get();
            if (activity != lastSeen) {
                lastSeen = activity;
                lastActivity = System.nanoTime();
            }
            if (System.nanoTime() >= deadline) {
                return;
            }
            boolean settled = !runtime.feeding() && runtime.produced() > 0
                    && System.nanoTime() - lastActivity > Duration.ofSeconds(15).toNanos();
            if (options.duration() == null && settled) {
                return;
            }
        }
    }

    static DemoFeed feed(DemoOptions options) throws IOException {
        if (options.data().equals("synthetic")) {
            return SyntheticFeeds.of(options.customers(), options.days(), options.seed());
        }
        Path path = Path.of(options.data());
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no such file or folder: " + path);
        }
        TransactionMapping mapping = options.mapping() != null ? TransactionMappings.resolve(options.mapping())
                : TransactionMappings.detect(path).orElseThrow(() -> new IllegalArgumentException(
                "cannot tell the column mapping of " + path + ": pass --mapping (built in: " + TransactionMappings.BUILT_IN + ")"));
        TransactionReader reader = new TransactionReader(mapping);
        int files = TransactionReader.files(path).size();
        AtomicLong filesRead = new AtomicLong();
        return new DemoFeed(path.getFileName() + " (" + mapping.name() + " mapping, " + files + " file(s))",
                sink -> System.out.println("  " + reader.read(path, sink::accept, f -> filesRead.incrementAndGet()).describe()),
                filesRead::get, files, Map.of());
    }

    static Duration parseDuration(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        }
        long n = Long.parseLong(t.replaceAll("[a-z]+$", ""));
        return switch (t.replaceAll("^[0-9]+", "")) {
            case "ms" -> Duration.ofMillis(n);
            case "s", "" -> Duration.ofSeconds(n);
            case "m", "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException("duration must look like 90s, 2m, 1h or PT2M, got " + text);
        };
    }

    private static void print(PrintStream out, DemoSummary s) {
        out.println();
        out.println("Summary");
        out.printf(Locale.ROOT, "  events produced / consumed : %,d / %,d%n", s.eventsProduced(), s.eventsIn());
        out.printf(Locale.ROOT, "  models published           : %d (latest v%d, k=%d)%n", s.modelsPublished(),
                s.latestModelVersion(), s.latestModelK());
        out.printf(Locale.ROOT, "  customers assigned         : %,d (%,d assignment records)%n", s.customersAssigned(),
                s.assignmentRecords());
        out.printf(Locale.ROOT, "  segment changes            : %,d%n", s.segmentChanges());
        out.printf(Locale.ROOT, "  dead letters               : %,d%n", s.deadLetters());
        out.printf(Locale.ROOT, "  drift reports              : %,d%n", s.driftReports());
        if (s.adjustedRandIndex() != null) {
            out.printf(Locale.ROOT, "  adjusted Rand index        : %.3f (assigned segments vs the generator's truth)%n",
                    s.adjustedRandIndex());
        }
        StabilityFigures st = s.stability();
        out.printf(Locale.ROOT, "  customers moved per refit  : median %.2f %%, max %.2f %% (MODEL_UPDATE changes / "
                + "customers)%n", 100 * st.movedPerRefitMedian(), 100 * st.movedPerRefitMax());
        out.printf(Locale.ROOT, "  segment ids, lineage       : %d distinct ids; after the first model %d born, %d died, "
                + "%d splits, %d merges; %d label changes%n", st.distinctSegmentIds(), st.births(), st.deaths(),
                st.splits(), st.merges(), st.labelChanges());
        out.printf(Locale.ROOT, "  changes per customer       : %.3f per 30 days of event time%n",
                st.changesPerCustomerPer30Days());
        s.segmentSizes().forEach((label, n) -> out.printf(Locale.ROOT, "    %-50s %,d%n", label, n));
    }
}
