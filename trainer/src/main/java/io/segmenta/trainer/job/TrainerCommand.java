package io.segmenta.trainer.job;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code ./segment trainer}: the Flink trainer on a local MiniCluster, or, as the main class of the job jar, in
 * application mode on a Flink cluster. Settings come from a properties file; flags and {@code -D} override it.
 */
@Command(name = "trainer", mixinStandardHelpOptions = true,
        description = "Run the Flink trainer: profiles from customer-events, refits per window, models to segment-models.")
public class TrainerCommand implements Callable<Integer> {

    @Option(names = "--config", description = "Properties file (see TrainerConfig for the keys).")
    Path config;

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--schema-registry", description = "Schema registry URL.")
    String schemaRegistry;

    @Option(names = "--model-name", description = "Model lineage name (default: default).")
    String modelName;

    @Option(names = "--algorithm", description = "kmeans, gmm-diagonal or gmm-full.")
    String algorithm;

    @Option(names = "--k", description = "Number of segments, or a range such as 3..8.")
    String k;

    @Option(names = "--window", description = "Training window, ISO-8601 (e.g. PT1H).")
    String window;

    @Option(names = "--parallelism", description = "Workers (default 2).")
    Integer parallelism;

    @Option(names = "--start", description = "committed, earliest, latest or an ISO instant.")
    String start;

    @Option(names = "--backfill", description = "Bounded: read the history up to the offsets at start, train, stop.")
    boolean backfill;

    @Option(names = "-D", description = "Any setting, key=value (repeatable; wins over everything).")
    Map<String, String> overrides = Map.of();

    @Override
    public Integer call() throws Exception {
        TrainerConfig trainerConfig;
        try {
            trainerConfig = TrainerConfig.fromProperties(properties());
        } catch (IllegalArgumentException e) {
            System.err.println("trainer: " + e.getMessage());
            return 2;
        }
        var env = TrainerRunner.environment(trainerConfig);
        TrainerRunner.attach(env, trainerConfig);
        env.execute("segmenta-trainer " + trainerConfig.settings().modelName());
        return 0;
    }

    Properties properties() throws IOException {
        Properties p = new Properties();
        if (config != null) {
            try (InputStream in = Files.newInputStream(config)) {
                p.load(in);
            }
        }
        put(p, "bootstrap.servers", bootstrapServers);
        put(p, "schema.registry.url", schemaRegistry);
        put(p, "segmenta.model.name", modelName);
        put(p, "segmenta.algorithm", algorithm);
        put(p, "segmenta.k", k);
        put(p, "segmenta.window", window);
        put(p, "segmenta.parallelism", parallelism == null ? null : parallelism.toString());
        put(p, "segmenta.start", start);
        if (backfill) {
            p.setProperty("segmenta.backfill", "true");
        }
        p.putAll(overrides);
        return p;
    }

    private static void put(Properties p, String key, String value) {
        if (value != null) {
            p.setProperty(key, value);
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainerCommand()).execute(args));
    }
}
