package io.segmenta.benchmarks.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.segmenta.app.demo.DemoFeed;
import io.segmenta.app.demo.SettingOverrides;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The segment-quality benchmark (issue 14 item 7): runs the whole pipeline in this process on a data set, then prints
 * per model and per run how well and how stably it segments (see {@link MarkdownReport} for the columns and the
 * README, "Segment quality", for their definitions). Run through {@code benchmarks/bench quality}.
 */
@Command(name = "quality", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the pipeline on a data set and measure segment quality and stability per model and per run.")
public final class SegmentQualityBenchmark implements Callable<Integer> {

    @Option(names = "--data", defaultValue = "synthetic",
            description = "synthetic (the demo's generator), or a transactions file or folder (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--mapping", description = "Column mapping of a transactions file: online-retail, cdnow or a file (default: detect).")
    String mapping;

    @Option(names = "--truth", description = "Truth timeline CSV (customer_id,from,behaviour). Default: truth.csv next "
            + "to --data when there is one; the demo's own truth for synthetic data.")
    Path truth;

    @Option(names = "--speed", defaultValue = "0",
            description = "0 = as fast as possible; otherwise event-time seconds per second, e.g. 28800 (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--window", defaultValue = "P7D", description = "Training window, event time (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--k", description = "Segments, a number or a range such as 3..8 (default: the truth's number of "
            + "behaviours, 3..8 without truth).")
    String k;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic data and the batch fit (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--customers", defaultValue = "1000", description = "Synthetic customers (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--days", defaultValue = "90", description = "Synthetic days (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--warmup", defaultValue = "2",
            description = "Models left out of the after-warm-up statistics (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--settle", defaultValue = "PT20S",
            description = "Quiet time of the outputs that ends a run once the data is sent (default: ${DEFAULT-VALUE}).")
    String settle;

    @Option(names = "--max-duration", defaultValue = "PT3H", description = "Stop a run after this long (default: ${DEFAULT-VALUE}).")
    String maxDuration;

    @Option(names = "--out", description = "Also write the Markdown report here (and JSON next to it, .json).")
    Path out;

    @Option(names = "--json", description = "Write the JSON report here (default: --out with .json).")
    Path json;

    @Option(names = "--title", description = "Title of the report (default: from the data).")
    String title;

    @Mixin
    SettingOverrides overrides = new SettingOverrides();

    public static void main(String[] args) {
        int code = new CommandLine(new SegmentQualityBenchmark()).execute(args);
        // Flink's MiniCluster and Kafka leave non-daemon threads behind: end the JVM explicitly
        System.exit(code);
    }

    @Override
    public Integer call() throws Exception {
        PrintStream log = System.err;
        QualityOptions options = new QualityOptions(data, mapping, truthPath(), speed, duration(window), k, seed,
                customers, days, warmup, duration(settle), duration(maxDuration), out, jsonPath(), overrides.trainer(),
                overrides.assigner());
        DemoFeed feed;
        Truth truthTimeline;
        try {
            feed = Feeds.of(options);
            truthTimeline = options.truth() != null ? TruthFiles.read(options.truth())
                    : feed.truth().isEmpty() ? Truth.none() : Truth.stationary(feed.truth());
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("quality: " + e.getMessage());
            return 2;
        }
        boolean hasTruth = !truthTimeline.customers().isEmpty();
        String chosenK = k != null ? k : defaultK(truthTimeline);

        List<String> header = new ArrayList<>();
        header.add("data: " + feed.description() + (options.truth() != null ? ", truth " + options.truth()
                : hasTruth ? ", truth: the demo generator's segments (stationary)" : ", no truth"));
        header.add(String.format(Locale.ROOT, "speed %s, window %s, k %s, seed %d, warm-up %d models",
                speed == 0 ? "0 (fast)" : Double.toString(speed), options.window(), chosenK, seed, warmup));
        header.add("trainer settings over the demo's: " + (options.trainerSettings().isEmpty() ? "none (defaults)"
                : new java.util.TreeMap<>(options.trainerSettings()).toString())
                + "; assigner settings over the demo's: " + (options.assignerSettings().isEmpty() ? "none (defaults)"
                : new java.util.TreeMap<>(options.assignerSettings()).toString()));
        header.add("machine: " + loadAverage() + ", " + Runtime.getRuntime().availableProcessors() + " cores, JDK "
                + Runtime.version() + "; started " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        header.forEach(line -> log.println("quality: " + line));

        RunData run = new PipelineRun(options, log).run(feed, chosenK);
        log.printf(Locale.ROOT, "quality: run done in %.0f s: %d models, %,d changes, %,d assignment records; "
                        + "re-scoring the windows ...%n", run.seconds(), run.models().size(), run.changes().size(),
                run.assignments().size());
        WindowEvaluator evaluator = new WindowEvaluator(run.events(), truthTimeline, seed);
        List<WindowScores> windows = evaluator.evaluate(run.models());
        Analysis.Result result = Analysis.of(run, windows, truthTimeline, options, evaluator);
        header.add("finished " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", load average now " + loadAverage());

        String name = title != null ? title : "Segment quality: " + (options.synthetic() ? "demo synthetic" : data)
                + (speed == 0 ? ", fast" : ", speed " + (long) speed);
        String markdown = MarkdownReport.render(name, header, result, hasTruth);
        System.out.println(markdown);
        if (options.out() != null) {
            Files.createDirectories(options.out().toAbsolutePath().getParent());
            Files.writeString(options.out(), markdown);
            log.println("quality: report written to " + options.out());
        }
        if (options.json() != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("title", name);
            doc.put("header", header);
            doc.put("options", options.toString());
            doc.put("models", result.rows());
            doc.put("run", result.summary());
            doc.put("derived", derived(result));
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).findAndRegisterModules()
                    .writeValue(options.json().toFile(), doc);
            log.println("quality: JSON written to " + options.json());
        }
        return 0;
    }

    /** Figures that are methods, not components, of the records (JSON writes components only). */
    private static Map<String, Object> derived(Analysis.Result result) {
        Map<String, Object> d = new LinkedHashMap<>();
        Map<Long, Double> moved = new LinkedHashMap<>();
        result.rows().forEach(r -> moved.put(r.version(), r.moved().share()));
        d.put("movedShareByVersion", moved);
        ChangeRates c = result.summary().changeRates();
        d.put("changesPerCustomerPer30Days", Map.of("event", c.eventRate(), "modelUpdate", c.modelUpdateRate(),
                "total", c.totalRate()));
        DriftLags lags = result.summary().driftLags();
        if (lags != null) {
            d.put("driftLag", Map.of("p50Days", lags.percentileDays(0.5), "p90Days", lags.percentileDays(0.9),
                    "p50Windows", lags.percentileWindows(0.5), "p90Windows", lags.percentileWindows(0.9)));
        }
        return d;
    }

    /** As the demo: the generator's number of behaviours when there is a truth, else let the trainer choose. */
    static String defaultK(Truth truth) {
        long behaviours = truth.customers().stream()
                .flatMap(c -> java.util.stream.Stream.of(truth.behaviourAt(c, Instant.MIN.plusSeconds(1)),
                        truth.behaviourAt(c, Instant.MAX.minusSeconds(1))))
                .filter(java.util.Objects::nonNull).distinct().count();
        return behaviours >= 2 ? Long.toString(behaviours) : "3..8";
    }

    private Path truthPath() {
        if (truth != null || "synthetic".equals(data)) {
            return truth;
        }
        Path dataPath = Path.of(data).toAbsolutePath();
        Path folder = Files.isDirectory(dataPath) ? dataPath : dataPath.getParent();
        Path candidate = folder.resolve("truth.csv");
        return Files.isRegularFile(candidate) ? candidate : null;
    }

    private Path jsonPath() {
        if (json != null || out == null) {
            return json;
        }
        String name = out.getFileName().toString();
        return out.resolveSibling((name.endsWith(".md") ? name.substring(0, name.length() - 3) : name) + ".json");
    }

    private static Duration duration(String text) {
        return Duration.parse(text.toUpperCase(Locale.ROOT).startsWith("P") ? text.toUpperCase(Locale.ROOT)
                : "PT" + text.toUpperCase(Locale.ROOT));
    }

    /** The 1, 5 and 15 minute load averages ({@code /proc/loadavg}), or the JVM's 1 minute figure elsewhere. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return "load average " + f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "load average %.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
