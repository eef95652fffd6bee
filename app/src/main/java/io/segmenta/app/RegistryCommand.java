package io.segmenta.app;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.DriftReport;
import io.segmenta.avro.SegmentAssignment;
import io.segmenta.avro.SegmentChange;
import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.registry.InMemorySchemaRegistry;
import io.segmenta.schemas.registry.SchemaRegistry;
import io.segmenta.schemas.registry.SchemaRegistryHttpServer;
import org.apache.avro.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./segment registry}: an in-process, Confluent-API schema registry with the project's contracts
 * registered under their topics' subjects, for local development (in-memory, one node, no auth).
 */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Run an in-memory Confluent-API schema registry with the Segmenta contracts registered.")
final class RegistryCommand implements Callable<Integer> {

    /** Topic of each contract, as the services use them. */
    static final Map<String, Schema> CONTRACTS = contracts();

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8081", description = "Port (0 = any free one; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--duration", description = "Stop after this long (e.g. PT30S); default: until Ctrl-C.")
    Duration duration;

    @Override
    public Integer call() throws Exception {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        registerContracts(registry);
        CountDownLatch stop = new CountDownLatch(1);
        try (SchemaRegistryHttpServer server = SchemaRegistryHttpServer.start(registry, host, port)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            System.out.println("Schema registry (Confluent API, in memory) at " + server.url());
            CONTRACTS.forEach((topic, schema) -> System.out.printf("  %-26s %s (id %d)%n",
                    SchemaRegistry.subjectFor(topic, false), schema.getFullName(),
                    registry.latest(SchemaRegistry.subjectFor(topic, false)).id()));
            System.out.println("Use it with: schema.registry.url=" + server.url());
            if (duration != null) {
                stop.await(duration.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } else {
                stop.await();
            }
        }
        return 0;
    }

    static void registerContracts(SchemaRegistry registry) {
        CONTRACTS.forEach((topic, schema) -> registry.register(SchemaRegistry.subjectFor(topic, false), schema));
    }

    private static Map<String, Schema> contracts() {
        Map<String, Schema> contracts = new LinkedHashMap<>();
        contracts.put("customer-events", CustomerEvent.getClassSchema());
        contracts.put("segment-models", SegmentModel.getClassSchema());
        contracts.put("segment-model-history", SegmentModel.getClassSchema());
        contracts.put("segment-assignments", SegmentAssignment.getClassSchema());
        contracts.put("segment-changes", SegmentChange.getClassSchema());
        contracts.put("segment-drift", DriftReport.getClassSchema());
        return java.util.Collections.unmodifiableMap(contracts);
    }
}
