package io.segmenta.streams;

import io.segmenta.schemas.registry.SchemaRegistryConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code assigner}: runs the Kafka Streams assigner until Ctrl-C. Settings come from {@code --config}, then the
 * flags, then {@code -D key=value} (each overriding the one before). Registered as a sub-command of
 * {@code ./segment}; {@link #main} runs it standalone.
 */
@Command(name = "assigner", mixinStandardHelpOptions = true,
        description = "Run the Kafka Streams assigner: keeps every customer's segment up to date from the event "
                + "stream and the latest model, with an HTTP API.")
public class AssignerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file: segmenta.* settings, "
            + "schema.registry.* and any Kafka Streams / client property.")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--schema-registry", paramLabel = "URL[,...]", description = "Schema registry URL(s).")
    String schemaRegistry;

    @Option(names = "--application-id", paramLabel = "ID",
            description = "Kafka Streams application id (default: " + AssignerSettings.DEFAULT_APPLICATION_ID + ").")
    String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Directory of the local state stores.")
    Path stateDir;

    @Option(names = "--http-port", paramLabel = "PORT", description = "Port of the HTTP API (default 7070; 0 = any).")
    Integer httpPort;

    @Option(names = "--http-host", paramLabel = "HOST", description = "Address of the HTTP API (default 127.0.0.1).")
    String httpHost;

    @Option(names = "-D", paramLabel = "KEY=VALUE", description = "Any setting; overrides the file and the flags.")
    Map<String, String> properties = new LinkedHashMap<>();

    public AssignerCommand() {
    }

    /** The settings these arguments describe. */
    public AssignerSettings settings() {
        Map<String, String> overrides = new LinkedHashMap<>();
        put(overrides, StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        put(overrides, SchemaRegistryConfig.URL, schemaRegistry);
        put(overrides, StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        put(overrides, StreamsConfig.STATE_DIR_CONFIG, stateDir == null ? null : stateDir.toString());
        put(overrides, AssignerKeys.HTTP_PORT.key(), httpPort == null ? null : httpPort.toString());
        put(overrides, AssignerKeys.HTTP_HOST.key(), httpHost);
        overrides.putAll(properties);
        return AssignerSettings.load(config, overrides);
    }

    @Override
    public Integer call() throws Exception {
        AssignerSettings settings;
        try {
            settings = settings();
            // the service also accepts a registry instance from code; from the command line only a URL can give one
            if (!settings.registryProperties().containsKey(SchemaRegistryConfig.URL)) {
                throw new IllegalArgumentException(SchemaRegistryConfig.URL + " is required (--schema-registry or in "
                        + "the config file)");
            }
        } catch (IllegalArgumentException e) {
            // a configuration error is a usage error: exit code 2, the message names the key
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try (AssignerService assigner = new AssignerService(settings)) {
            Thread hook = new Thread(assigner::close, "assigner-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            assigner.start();
            spec.commandLine().getOut().println("Assigner running; HTTP API at " + assigner.httpUrl()
                    + " (GET /customers/{id}, /segments, /models, /ready, /metrics). Ctrl-C to stop.");
            spec.commandLine().getOut().flush();
            KafkaStreams.State end = assigner.awaitTermination();
            removeHook(hook);
            return end == KafkaStreams.State.ERROR ? 1 : 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            spec.commandLine().getErr().println("assigner: " + e.getMessage());
            return 1;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing to undo
        }
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    public static void main(String[] args) {
        // standalone only: the ./segment launcher brings its own logging configuration
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-assigner.xml");
        }
        System.exit(new CommandLine(new AssignerCommand()).execute(args));
    }
}
