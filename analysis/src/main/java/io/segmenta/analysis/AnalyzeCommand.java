package io.segmenta.analysis;

import io.segmenta.avro.Scaling;
import io.segmenta.avro.SegmentModel;
import io.segmenta.analysis.prepare.ImputationMethod;
import io.segmenta.analysis.prepare.PrepareOptions;
import io.segmenta.analysis.publish.ModelPublisher;
import io.segmenta.analysis.publish.PublishOptions;
import io.segmenta.analysis.publish.ServableModelBuilder;
import io.segmenta.analysis.report.AssignmentsCsv;
import io.segmenta.analysis.report.HtmlReport;
import io.segmenta.analysis.report.SummaryJson;
import io.segmenta.schemas.files.ModelFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code segment analyze}: the classic offline segmentation workflow on any customer table, or on a transactions
 * file via a column mapping, ending in an HTML report, {@code assignments.csv}, {@code summary.json} and optionally
 * a published model. Exit codes: 0 done, 2 a user error (one line on stderr), 1 an internal failure.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Segments the customers of a table (CSV/TSV, delimiter detected) or of a transactions file/directory "
                    + "(RFM and behaviour features derived per customer through a column mapping).",
            "Profiles and prepares the columns, compares K-Means, hierarchical (Ward/average/complete), GMM, DBSCAN "
                    + "and affinity propagation, picks the best by a stated rule and writes report.html, "
                    + "assignments.csv and summary.json."},
        footer = {"",
            "--publish sends the chosen model to the segment-models topic so the streaming assigner can serve it. "
                    + "The assigner scores the standard profile features (recency_days, frequency, monetary, ...), so "
                    + "only a model built on a transactions file's derived features can be published; for a customer "
                    + "table --publish is refused unless every column is a standard profile feature name. A "
                    + "hierarchical, DBSCAN or affinity-propagation winner is published as its segment means with "
                    + "algorithm KMEANS.",
            "Examples:",
            "  segment analyze mall-customers.csv --columns \"Annual Income (k$),Spending Score (1-100)\" --k 5",
            "  segment analyze online-retail-by-day/ --out retail-report",
            "  segment analyze cdnow-master.txt --mapping cdnow --publish --bootstrap-servers localhost:9092 "
                    + "--schema-registry http://localhost:8081"})
public class AnalyzeCommand implements Callable<Integer> {

    public static final int EXIT_USER_ERROR = 2;
    public static final int EXIT_FAILURE = 1;

    @Parameters(index = "0", paramLabel = "<file>",
            description = "Customer table (CSV/TSV) or transactions file or directory.")
    Path input;

    @Option(names = "--id-column", paramLabel = "C",
            description = "Column holding the customer id (default: the first column unique on every row).")
    String idColumn;

    @Option(names = "--columns", split = ",", paramLabel = "C",
            description = "Columns to cluster on, comma separated (default: chosen by feature selection).")
    List<String> columns;

    @Option(names = "--k", paramLabel = "K", defaultValue = "2..10",
            description = "Segments to try: a range such as 2..10 (default) or one number.")
    String k;

    @Option(names = "--min-segment-share", defaultValue = "0.05", paramLabel = "S",
            description = "The chosen solution has no segment under this share of the customers (default: "
                    + "${DEFAULT-VALUE}; 0 allows any size).")
    double minSegmentShare;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory (default: <file name>-analysis in the current directory).")
    Path out;

    @Option(names = "--mapping", paramLabel = "M",
            description = "Transactions mapping: online-retail, cdnow or a mapping .properties file "
                    + "(default: detected from the header; a table when nothing matches).")
    String mapping;

    @Option(names = "--impute", defaultValue = "median", paramLabel = "median|knn",
            description = "Numeric gaps: median (recorded in the model) or knn (5 nearest rows; analysis only, the "
                    + "model still records the median).")
    String impute;

    @Option(names = "--scaling", defaultValue = "standard", paramLabel = "standard|robust",
            description = "Numeric scaling: standard (mean/sd) or robust (median/IQR).")
    String scaling;

    @Option(names = "--no-log", description = "Do not log1p-transform skewed non-negative columns (skewness > 1).")
    boolean noLog;

    @Option(names = "--max-correlation", defaultValue = "0.9", paramLabel = "R",
            description = "Drop the later of two numeric columns correlated beyond |r| > R (default 0.9).")
    double maxCorrelation;

    @Option(names = "--half-life-days", defaultValue = "30", paramLabel = "D",
            description = "Decay half-life of the profile features derived from transactions (default 30).")
    double halfLifeDays;

    @Option(names = "--tsne-rows", defaultValue = "1500", paramLabel = "N",
            description = "t-SNE (exact, O(n^2) per iteration) on a sample of at most N rows; 0 skips it "
                    + "(default 1500).")
    int tsneRows;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of every random choice (default 42).")
    long seed;

    @Option(names = "--quiet", description = "No progress lines on stderr.")
    boolean quiet;

    @Option(names = "--debug", description = "Print the stack trace of an internal failure.")
    boolean debug;

    @Option(names = "--publish", description = "Publish the chosen model (see below).")
    boolean publish;

    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", description = "Kafka bootstrap servers (--publish).")
    String bootstrapServers;

    @Option(names = "--schema-registry", paramLabel = "URL", description = "Schema registry URL (--publish).")
    String schemaRegistry;

    @Option(names = "--model-name", defaultValue = PublishOptions.DEFAULT_MODEL_NAME, paramLabel = "NAME",
            description = "Model name, the record key (default: default).")
    String modelName;

    @Option(names = "--topic", defaultValue = PublishOptions.DEFAULT_TOPIC, paramLabel = "TOPIC",
            description = "Models topic (default: segment-models).")
    String topic;

    @Option(names = "--history-topic", defaultValue = PublishOptions.DEFAULT_HISTORY_TOPIC, paramLabel = "TOPIC",
            description = "Model history topic, where every version is kept for event-time scoring and replays "
                    + "(default: segment-model-history; 'none' to skip).")
    String historyTopic;

    /** The model of the analysis beside its report, when the assigner can serve it. */
    static final String MODEL_FILE = "model.avro";

    private PrintStream err = System.err;
    private PrintStream stdout = System.out;

    public AnalyzeCommand() {
    }

    /** A command line with the one-line handling of user errors; what {@link #main} runs. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new AnalyzeCommand());
        cmd.setExecutionExceptionHandler((e, line, parse) -> {
            line.getErr().println(e instanceof UserError ? "analyze: " + e.getMessage()
                    : "analyze: internal failure: " + e + " (run with --debug for the stack trace)");
            line.getErr().flush();
            return e instanceof UserError ? EXIT_USER_ERROR : EXIT_FAILURE;
        });
        return cmd;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Redirects the command's output (tests). */
    AnalyzeCommand withStreams(PrintStream out, PrintStream error) {
        this.stdout = out;
        this.err = error;
        return this;
    }

    @Override
    public Integer call() {
        try {
            return run();
        } catch (UserError e) {
            err.println("analyze: " + e.getMessage());
            return EXIT_USER_ERROR;
        } catch (RuntimeException e) {
            err.println("analyze: internal failure: " + e + (debug ? "" : " (run with --debug for the stack trace)"));
            if (debug) {
                e.printStackTrace(err);
            }
            return EXIT_FAILURE;
        }
    }

    private int run() {
        PublishOptions publishOptions = publish ? new PublishOptions(bootstrapServers, schemaRegistry, modelName, topic,
                "none".equals(historyTopic) ? null : historyTopic, PublishOptions.DEFAULT_TIMEOUT) : null;
        AnalysisOptions options = options();
        Progress progress = quiet ? Progress.silent() : new Progress(err, Analyzer.STAGES + 1 + (publish ? 1 : 0));
        Analysis analysis = new Analyzer(options).run(progress);
        if (publishOptions != null) {
            ServableModelBuilder.requireServable(analysis); // refuse before writing anything that suggests success
        }
        progress.start("writing the report");
        Path dir = out != null ? out : Path.of(defaultOutName(input));
        Path html = dir.resolve("report.html");
        String modelFile;
        try {
            Files.createDirectories(dir);
            Files.writeString(html, HtmlReport.render(analysis), StandardCharsets.UTF_8);
            AssignmentsCsv.write(analysis, dir.resolve("assignments.csv"));
            SummaryJson.write(analysis, dir.resolve("summary.json"));
            modelFile = writeModelFile(analysis, dir.resolve(MODEL_FILE));
        } catch (IOException e) {
            throw new UserError("cannot write the report to " + dir + ": " + e.getMessage());
        }
        progress.finishCurrent();
        stdout.printf(Locale.ROOT, "best: %s with %d segments (silhouette %.3f)%n", analysis.best().name(),
                analysis.best().k(), analysis.best().scores().silhouette() == null ? Double.NaN
                        : analysis.best().scores().silhouette());
        for (SegmentSummary s : analysis.segments()) {
            stdout.printf(Locale.ROOT, "  %d  %-50s %6d (%4.1f%%)%n", s.id(), s.label(), s.size(), 100 * s.share());
        }
        stdout.println("report: " + html.toAbsolutePath());
        stdout.println("assignments: " + dir.resolve("assignments.csv").toAbsolutePath());
        stdout.println("summary: " + dir.resolve("summary.json").toAbsolutePath());
        stdout.println("model: " + modelFile);
        if (publishOptions != null) {
            progress.start("publishing to " + publishOptions.topic());
            publish(analysis, publishOptions);
            progress.finishCurrent();
        }
        return 0;
    }

    /**
     * Writes the model as the assigner would serve it (version 1 of --model-name, no parent) for a replay to try
     * before anything is published ({@code segment replay --model-file}); says why not when it could not serve it.
     */
    private String writeModelFile(Analysis analysis, Path file) throws IOException {
        try {
            ServableModelBuilder.requireServable(analysis);
        } catch (UserError notServable) {
            Files.deleteIfExists(file); // never leave an earlier run's model beside this run's report
            return "none (" + notServable.getMessage().replaceFirst("^--publish refused: ", "") + ")";
        }
        ModelFile.write(new ServableModelBuilder().build(analysis, modelName, null), file);
        return file.toAbsolutePath() + " (try it with: segment replay --prefix NAME --model-file " + file + ")";
    }

    private void publish(Analysis analysis, PublishOptions o) {
        try (ModelPublisher publisher = ModelPublisher.connect(o)) {
            SegmentModel parent = publisher.latest(o.modelName()).orElse(null);
            SegmentModel model = new ServableModelBuilder().build(analysis, o.modelName(), parent);
            publisher.send(model);
            stdout.println("published: " + o.modelName() + " v" + model.getVersion() + " (" + model.getAlgorithm()
                    + ", " + model.getSegments().size() + " segments) to " + o.topic());
        } catch (IllegalStateException | org.apache.kafka.common.KafkaException e) {
            throw new UserError("publishing failed: " + e.getMessage());
        }
    }

    AnalysisOptions options() {
        ImputationMethod imputation = switch (impute.toLowerCase(Locale.ROOT)) {
            case "median" -> ImputationMethod.MEDIAN;
            case "knn" -> ImputationMethod.KNN;
            default -> throw new UserError("--impute must be median or knn, got '" + impute + "'");
        };
        Scaling scale = switch (scaling.toLowerCase(Locale.ROOT)) {
            case "standard" -> Scaling.STANDARD;
            case "robust" -> Scaling.ROBUST;
            default -> throw new UserError("--scaling must be standard or robust, got '" + scaling + "'");
        };
        if (!(maxCorrelation > 0 && maxCorrelation <= 1)) {
            throw new UserError("--max-correlation must be in (0, 1], got " + maxCorrelation);
        }
        if (!(halfLifeDays > 0) || Double.isInfinite(halfLifeDays)) {
            throw new UserError("--half-life-days must be a positive number, got " + halfLifeDays);
        }
        if (!(minSegmentShare >= 0 && minSegmentShare < 0.5)) {
            throw new UserError("--min-segment-share must be in [0, 0.5), got " + minSegmentShare);
        }
        if (tsneRows < 0) {
            throw new UserError("--tsne-rows must be >= 0, got " + tsneRows);
        }
        PrepareOptions prepare = PrepareOptions.DEFAULTS.withImputation(imputation).withScaling(scale)
                .withLogSkewed(!noLog).withHalfLifeDays(halfLifeDays);
        List<String> cols = columns == null ? null : columns.stream().map(String::strip).filter(s -> !s.isEmpty())
                .toList();
        return AnalysisOptions.defaults(input).withIdColumn(idColumn).withColumns(cols).withKs(KRange.parse(k))
                .withMapping(mapping).withPrepare(prepare)
                .withSelection(io.segmenta.analysis.prepare.SelectionRules.DEFAULTS
                        .withMaxAbsCorrelation(maxCorrelation))
                .withTsneRows(tsneRows).withMinSegmentShare(minSegmentShare);
    }

    static String defaultOutName(Path input) {
        Path name = input.toAbsolutePath().normalize().getFileName();
        String base = name == null ? "input" : name.toString().replaceFirst("\\.[^.]*$", "");
        return base + "-analysis";
    }
}
