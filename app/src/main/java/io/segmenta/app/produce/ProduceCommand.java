package io.segmenta.app.produce;

import io.segmenta.app.demo.data.SyntheticEventStream;
import io.segmenta.app.demo.data.SyntheticOptions;
import io.segmenta.app.demo.data.SyntheticPopulation;
import io.segmenta.app.embedded.KafkaTopics;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.schemas.registry.RestSchemaRegistryClient;
import io.segmenta.schemas.registry.SchemaRegistry;
import io.segmenta.schemas.registry.SchemaRegistryConfig;
import io.segmenta.schemas.registry.SchemaRegistryException;
import io.segmenta.transactions.MappingException;
import io.segmenta.transactions.ReadSummary;
import io.segmenta.transactions.TransactionMapping;
import io.segmenta.transactions.TransactionMappings;
import io.segmenta.transactions.TransactionReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code ./segment produce}: writes customer events to Kafka, from the synthetic population generator or from
 * transaction files through a column mapping. Key = customer id, value = Avro {@link CustomerEvent} registered in
 * the schema registry; idempotent producer, acks=all. Creates the topic when it is missing (and waits for its
 * partition leaders before writing). Progress goes to stderr, the final summary to stdout. Exit code 0 on success,
 * 1 with a one-line message when the source, the mapping, the broker or the registry cannot be used.
 */
@Command(name = "produce", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write customer events to Kafka: synthetic ones with known segments, or a transactions file.",
                "",
                "Examples:",
                "  produce synthetic --customers 5000 --days 180 --rate 2000",
                "  produce data/online-retail.csv --mapping online-retail",
                "  produce synthetic -X security.protocol=SASL_SSL -X sasl.mechanism=PLAIN ..."})
public final class ProduceCommand implements Callable<Integer> {

    static final String SYNTHETIC = "synthetic";

    @Parameters(index = "0", paramLabel = "SOURCE",
            description = "'synthetic', or a transactions file or a directory of them (read in name order).")
    String source;

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--schema-registry", defaultValue = "http://localhost:8081", paramLabel = "URL",
            description = "Schema registry URL(s), comma separated (default: ${DEFAULT-VALUE}).")
    String schemaRegistry;

    @Option(names = "--topic", defaultValue = EventProducer.DEFAULT_TOPIC,
            description = "Topic to write (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--partitions", defaultValue = "4",
            description = "Partitions when the topic has to be created (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--customers", defaultValue = "" + SyntheticOptions.DEFAULT_CUSTOMERS,
            description = "synthetic: number of customers (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--days", defaultValue = "" + SyntheticOptions.DEFAULT_DAYS,
            description = "synthetic: days of history, ending 10 minutes ago (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", defaultValue = "" + SyntheticOptions.DEFAULT_SEED,
            description = "synthetic: random seed; the same seed gives the same customers (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-drift", description = "synthetic: no scheduled drift (no segment shifts, is born or dies).")
    boolean noDrift;

    @Option(names = "--out-of-order", defaultValue = "" + SyntheticOptions.DEFAULT_OUT_OF_ORDER_FRACTION,
            paramLabel = "FRACTION",
            description = "synthetic: share of events sent up to 5 minutes late (default: ${DEFAULT-VALUE}).")
    double outOfOrder;

    @Option(names = "--mapping", paramLabel = "NAME|FILE",
            description = "files: column mapping, built-in (online-retail, cdnow) or a mapping file; "
                    + "default: detected from the first line.")
    String mapping;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "EVENTS_PER_SECOND",
            description = "Events per second; 0 = as fast as possible (default).")
    double rate;

    @Option(names = "--limit", paramLabel = "N", description = "Send at most N events.")
    Long limit;

    @Option(names = "--timeout", defaultValue = "PT30S", paramLabel = "DURATION",
            description = "How long to wait for the broker and the registry (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "-X", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Kafka client property (producer and admin), e.g. -X security.protocol=SSL; "
                    + "schema.registry.* and basic.auth.* go to the registry client. Repeatable.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Spec
    CommandSpec spec;

    public ProduceCommand() {
    }

    /** A problem the user can fix: printed as one line, exit code 1. */
    static final class UserError extends RuntimeException {
        UserError(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        try {
            validate();
            Source events = openSource();
            Map<String, String> kafkaProps = kafkaProperties();
            ensureTopic(kafkaProps);
            SchemaRegistry registry = registry();
            Map<String, Object> producerProps = new HashMap<>(kafkaProps);
            producerProps.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeout.toMillis()));
            try (EventProducer producer = EventProducer.create(bootstrapServers, registry, topic, producerProps)) {
                CountDownLatch done = new CountDownLatch(1);
                Thread hook = new Thread(() -> {
                    producer.stop();
                    try {
                        done.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "produce-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    err.println("produce: " + events.describe() + " -> topic " + topic + " at " + bootstrapServers
                            + (rate > 0 ? " at " + rate + " events/s" : ""));
                    err.flush();
                    ProgressListener progress = p -> {
                        err.println("produce: " + p.describe()
                                + (p.lastEventTime() == null ? "" : ", event time " + p.lastEventTime()));
                        err.flush();
                    };
                    Result result = events.send(producer, RateLimit.perSecond(rate), progress,
                            limit == null ? Long.MAX_VALUE : limit);
                    out.println("produce: " + result.summary().describe() + " to topic " + topic);
                    result.notes().forEach(n -> out.println("produce: " + n));
                    out.flush();
                } finally {
                    done.countDown();
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        // the hook is running: let it finish
                    }
                }
            }
            return 0;
        } catch (UserError | MappingException | SendFailedException e) {
            err.println("produce: error: " + e.getMessage());
            err.flush();
            return 1;
        } catch (org.apache.kafka.common.KafkaException | SchemaRegistryException e) {
            err.println("produce: error: " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
            err.flush();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("produce: interrupted");
            return 1;
        }
    }

    private void validate() {
        if (partitions < 1) {
            throw new UserError("--partitions must be at least 1, was " + partitions);
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new UserError("--rate must be 0 (unlimited) or a positive number of events per second, was " + rate);
        }
        if (limit != null && limit < 0) {
            throw new UserError("--limit must not be negative, was " + limit);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new UserError("--timeout must be positive, was " + timeout);
        }
    }

    // ---------------------------------------------------------------- sources

    private record Result(SendSummary summary, List<String> notes) {
    }

    private interface Source {
        String describe();

        Result send(EventProducer producer, RateLimit rate, ProgressListener progress, long limit)
                throws InterruptedException;
    }

    private Source openSource() {
        if (SYNTHETIC.equals(source)) {
            SyntheticPopulation population;
            try {
                population = SyntheticPopulation.generate(SyntheticOptions.defaults().withCustomers(customers)
                        .withDays(days).withSeed(seed).withDrift(!noDrift)
                        .withOutOfOrder(outOfOrder, SyntheticOptions.DEFAULT_MAX_LATENESS));
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            return new Source() {
                @Override
                public String describe() {
                    return "synthetic events of " + customers + " customers over " + days + " days ("
                            + population.start() + " to " + population.end() + ", seed " + seed
                            + (noDrift ? ", no drift" : ", drift at " + population.driftTime()) + ")";
                }

                @Override
                public Result send(EventProducer producer, RateLimit rate, ProgressListener progress, long limit) {
                    SyntheticEventStream events = population.events();
                    SendSummary summary = producer.send(events, rate, progress, limit);
                    return new Result(summary, List.of(String.format(Locale.ROOT,
                            "%d of them late (out of order); true segments: %s", events.late(),
                            population.truthCounts())));
                }
            };
        }
        Path path = Path.of(source);
        if (!Files.exists(path)) {
            throw new UserError("cannot read " + source + ": no such file or directory (SOURCE is '" + SYNTHETIC
                    + "' or a transactions file or directory)");
        }
        if (!Files.isReadable(path)) {
            throw new UserError("cannot read " + source + ": permission denied");
        }
        TransactionMapping resolved;
        List<Path> files;
        try {
            files = TransactionReader.files(path);
            if (files.isEmpty()) {
                throw new UserError("directory " + source + " has no files to read");
            }
            if (mapping != null) {
                resolved = TransactionMappings.resolve(mapping);
            } else {
                resolved = TransactionMappings.detect(path).orElseThrow(() -> new UserError(
                        "cannot tell the layout of " + files.get(0).getFileName() + " from its first line; pass --mapping "
                                + String.join("|", TransactionMappings.BUILT_IN) + "|FILE"));
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + source + ": " + e.getMessage());
        }
        TransactionReader reader = new TransactionReader(resolved);
        return new Source() {
            @Override
            public String describe() {
                return files.size() + (files.size() == 1 ? " file" : " files") + " in " + source + " with mapping "
                        + resolved.name();
            }

            @Override
            public Result send(EventProducer producer, RateLimit rate, ProgressListener progress, long limit) {
                EventProducer.Batch batch = producer.begin(rate, progress);
                long[] overLimit = {0};
                ReadSummary read;
                try {
                    read = reader.read(path, event -> {
                        if (batch.sent() >= limit) {
                            overLimit[0]++;
                        } else {
                            batch.accept(event);
                        }
                    });
                } catch (IOException e) {
                    throw new UserError("cannot read " + source + ": " + e.getMessage());
                }
                SendSummary summary = batch.finish();
                NumberFormat f = NumberFormat.getIntegerInstance(Locale.ROOT);
                List<String> notes = new java.util.ArrayList<>();
                notes.add("read " + read.describe());
                notes.add("rows skipped: " + f.format(read.rowsWithoutCustomerId()) + " without a customer id, "
                        + f.format(read.unparseableRows()) + " unparseable"
                        + (read.problems().isEmpty() ? "" : " (first: " + read.problems().get(0) + ")"));
                if (overLimit[0] > 0) {
                    notes.add(f.format(overLimit[0]) + " events not sent (--limit " + limit + ")");
                }
                return new Result(summary, notes);
            }
        };
    }

    // ---------------------------------------------------------------- Kafka and registry

    private Map<String, String> kafkaProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            if (!isRegistryProperty(k)) {
                props.put(k, v);
            }
        });
        return props;
    }

    private static boolean isRegistryProperty(String key) {
        return key.startsWith("schema.registry.") || key.startsWith("basic.auth.");
    }

    /** Checks the broker answers, creates the topic if missing and waits for its leaders. */
    private void ensureTopic(Map<String, String> kafkaProps) throws InterruptedException {
        Map<String, Object> adminProps = new HashMap<>(kafkaProps);
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        adminProps.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMs));
        adminProps.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.min(timeoutMs, 30_000)));
        adminProps.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "segmenta-produce-admin");
        try (Admin admin = Admin.create(adminProps)) {
            try {
                admin.listTopics(new ListTopicsOptions().timeoutMs(timeoutMs)).names()
                        .get(timeoutMs + 5_000L, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                throw new UserError("cannot reach Kafka at " + bootstrapServers + " within " + timeout.toSeconds()
                        + " s (" + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + firstLine(cause.getMessage())) + ")");
            }
            try {
                KafkaTopics.createAndAwait(admin, List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())),
                        timeout);
            } catch (IllegalStateException e) {
                throw new UserError(firstLine(e.getMessage()));
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new UserError("cannot connect to Kafka at " + bootstrapServers + ": " + firstLine(e.getMessage()));
        }
    }

    /** A registry client with the CustomerEvent schema registered under the topic's subject (fails fast). */
    private SchemaRegistry registry() {
        Map<String, String> props = new HashMap<>();
        properties.forEach((k, v) -> {
            if (isRegistryProperty(k)) {
                props.put(k, v);
            }
        });
        props.put(SchemaRegistryConfig.URL, schemaRegistry);
        props.putIfAbsent(SchemaRegistryConfig.REQUEST_TIMEOUT_MS, String.valueOf(Math.min(timeout.toMillis(), 10_000)));
        try {
            RestSchemaRegistryClient client = RestSchemaRegistryClient.fromProperties(props);
            client.register(SchemaRegistry.subjectFor(topic, false), CustomerEvent.getClassSchema());
            return client;
        } catch (SchemaRegistryException | IllegalArgumentException e) {
            throw new UserError("schema registry at " + schemaRegistry + ": " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
