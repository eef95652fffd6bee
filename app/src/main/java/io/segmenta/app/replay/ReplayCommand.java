package io.segmenta.app.replay;

import io.segmenta.schemas.TopicNames;
import io.segmenta.schemas.registry.SchemaRegistryConfig;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code ./segment replay}: re-segments the events topic (or a range of it) as an assigner application of its own,
 * with the model history as it was: each event is scored with the model of its time, exactly as live processing
 * would have had every model in time. Writes to its own topics under a prefix, ends by itself, cleans up its
 * application state, and compares its assignments with the live ones (printed, and written as Markdown).
 * Exit code 0 on success, 1 when the run fails, 2 for a usage error or a prefix already in use.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Re-segment the history of the events topic into topics of its own and compare with the live "
                + "assignments.",
                "",
                "Examples:",
                "  replay --prefix march --from 2026-03-01T00:00:00Z --to 2026-04-01T00:00:00Z",
                "  replay --prefix vip --customers c001,c002,c003 --overwrite",
                "  replay --prefix trial --model-file retail-analysis/model.avro",
                "  replay --prefix trial --model-file retail-analysis/model.avro --overwrite --promote"})
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--prefix", required = true, paramLabel = "NAME",
            description = "Prefix of the replay's topics (NAME.segment-changes, NAME.segment-assignments, "
                    + "NAME.segment-dlq) and of its application id (segmenta-replay-NAME).")
    String prefix;

    @Option(names = "--from", paramLabel = "INSTANT", description = "Earliest event time replayed (ISO-8601, inclusive).")
    String from;

    @Option(names = "--to", paramLabel = "INSTANT", description = "Event time where the replay stops (exclusive).")
    String to;

    @Option(names = "--customers", paramLabel = "ID[,ID...]|@FILE",
            description = "Only these customers: a comma-separated list, or @FILE with one id per line.")
    String customers;

    @Option(names = "--model-version", paramLabel = "N",
            description = "Score every event with this one version (e.g. one just published by analyze --publish), "
                    + "whatever its time; default: each event with the model of its time.")
    long modelVersion;

    @Option(names = "--model-file", paramLabel = "FILE",
            description = "Score every event with the model in this Avro file (the model.avro that analyze leaves "
                    + "beside its report), published to the replay's own NAME.segment-models topics only.")
    Path modelFile;

    @Option(names = "--promote",
            description = "After the comparison, publish the pinned model (--model-file or --model-version) as the "
                    + "live lineage's next version: segment ids and lineage from the member overlap with the live "
                    + "assignments, valid from the latest event time in the events topic.")
    boolean promote;

    @Option(names = "--overwrite", description = "Replace the output of an earlier replay with the same prefix.")
    boolean overwrite;

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--schema-registry", defaultValue = "http://localhost:8081", paramLabel = "URL",
            description = "Schema registry URL(s) (default: ${DEFAULT-VALUE}).")
    String schemaRegistry;

    @Option(names = "--live-assignments", defaultValue = TopicNames.SEGMENT_ASSIGNMENTS, paramLabel = "TOPIC",
            description = "The live assignments to compare with (default: ${DEFAULT-VALUE}).")
    String liveAssignments;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Where to write the comparison (default: replay-<prefix>.md in the working directory).")
    Path report;

    @Option(names = "--timeout", defaultValue = "PT60S", paramLabel = "DURATION",
            description = "How long to wait for the cluster when reading topics (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "-D", paramLabel = "KEY=VALUE",
            description = "An assigner setting (segmenta.*, e.g. the input topics, or a Kafka client property); the "
                    + "output topics and the application id are the replay's own.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        ReplayRun.Request request;
        try {
            request = request();
        } catch (IllegalArgumentException | DateTimeParseException | IOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        java.io.PrintWriter out = spec.commandLine().getOut();
        try {
            ReplayRun.Result result = new ReplayRun(request, System.err).run();
            String pinned = modelFile != null ? " (" + modelFile.getFileName() + " for every event)"
                    : modelVersion > 0 ? " (v" + modelVersion + " for every event)" : "";
            String markdown = result.comparison().markdown("Replay '" + prefix + "'" + pinned + " against "
                    + liveAssignments);
            if (result.promoted() != null) {
                markdown += PromotionReport.markdown(result.promoted());
            }
            Path file = report != null ? report : Path.of("replay-" + prefix + ".md");
            Files.writeString(file, markdown);
            out.print(markdown);
            out.println("\nWritten to " + file.toAbsolutePath());
            out.flush();
            return 0;
        } catch (ReplayRun.Refused e) {
            spec.commandLine().getErr().println("replay: " + e.getMessage());
            return 2;
        } catch (IllegalStateException | java.util.concurrent.ExecutionException e) {
            spec.commandLine().getErr().println("replay: " + e.getMessage());
            return 1;
        }
    }

    ReplayRun.Request request() throws IOException {
        if (prefix.isBlank() || !prefix.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("--prefix must be letters, digits, '.', '_' or '-', was '" + prefix + "'");
        }
        Map<String, String> settings = new LinkedHashMap<>(properties);
        settings.putIfAbsent(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.putIfAbsent(SchemaRegistryConfig.URL, schemaRegistry);
        ReplayRun.EventScopeRequest scope = new ReplayRun.EventScopeRequest(
                from == null ? null : Instant.parse(from), to == null ? null : Instant.parse(to), customerIds(),
                modelVersion);
        if (modelVersion < 0) {
            throw new IllegalArgumentException("--model-version must be positive, was " + modelVersion);
        }
        if (modelFile != null && modelVersion > 0) {
            throw new IllegalArgumentException("--model-file and --model-version both pin a model: give one");
        }
        if (promote && modelFile == null && modelVersion == 0) {
            throw new IllegalArgumentException("--promote needs the model to promote: --model-file FILE or "
                    + "--model-version N");
        }
        if (scope.from() != null && scope.to() != null && !scope.from().isBefore(scope.to())) {
            throw new IllegalArgumentException("--from " + from + " must be before --to " + to);
        }
        return new ReplayRun.Request(prefix, scope, overwrite, liveAssignments, settings, timeout, Duration.ofSeconds(2),
                modelFile, promote);
    }

    private Set<String> customerIds() throws IOException {
        if (customers == null || customers.isBlank()) {
            return Set.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        if (customers.startsWith("@")) {
            Files.readAllLines(Path.of(customers.substring(1))).stream().map(String::strip).filter(s -> !s.isEmpty())
                    .forEach(ids::add);
        } else {
            Arrays.stream(customers.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(ids::add);
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("--customers names no customer");
        }
        return ids;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReplayCommand()).execute(args));
    }
}
