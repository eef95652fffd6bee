package io.segmenta.trainer;

import io.segmenta.schemas.config.Setting;
import io.segmenta.trainer.config.TrainerConfig;
import io.segmenta.trainer.config.TrainerKeys;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code ./segment trainer}: the Flink trainer on a local MiniCluster, or, as the main class of the job jar, in
 * application mode on a Flink cluster. Settings come from a properties file; flags and {@code -D} override it.
 * In application mode the JobManager runs {@link #main} itself, so main ends the JVM only after a local run.
 */
@Command(name = "trainer", mixinStandardHelpOptions = true,
        description = "Run the Flink trainer: profiles from customer-events, refits per window, models to segment-models.")
public class TrainerCommand implements Callable<Integer> {

    @Option(names = "--config", description = "Properties file (keys: the README's trainer settings table).")
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

    @Option(names = "--window", description = "Training window, e.g. 1h, 7d or PT1H.")
    String window;

    @Option(names = "--parallelism", description = "Workers (default 2).")
    Integer parallelism;

    @Option(names = "--start", description = "committed, earliest, latest or an ISO instant.")
    String start;

    @Option(names = "--backfill", description = "Bounded: read the history (from --start, default earliest) up to the "
            + "offsets at start, train, publish, stop.")
    boolean backfill;

    @Option(names = "--checkpoint-dir", description = "Durable checkpoint directory (path or file-system URI); "
            + "checkpoints there are retained when the job is cancelled or fails.")
    String checkpointDir;

    @Option(names = "--restore", paramLabel = "<path|latest|latest-if-any>", description = "Start from this checkpoint "
            + "or savepoint, or from the newest complete checkpoint under --checkpoint-dir (latest; latest-if-any starts "
            + "fresh when there is none yet).")
    String restore;

    @Option(names = "-D", description = "Any setting, key=value (repeatable; wins over everything).")
    Map<String, String> overrides = Map.of();

    /** False once the job was handed to a cluster's environment (application mode, {@code flink run}). */
    private boolean local = true;

    @Override
    public Integer call() throws Exception {
        TrainerConfig trainerConfig;
        StreamExecutionEnvironment env;
        try {
            trainerConfig = TrainerConfig.fromProperties(properties());
            env = TrainerRunner.environment(trainerConfig);
        } catch (IllegalArgumentException e) {
            // a configuration error (unknown key, bad value, unreadable file): exit 2, the message names the key
            System.err.println(e.getMessage().startsWith("trainer: ") ? e.getMessage() : "trainer: " + e.getMessage());
            return 2;
        }
        local = env instanceof LocalStreamEnvironment;
        env.getConfiguration().getOptional(StateRecoveryOptions.SAVEPOINT_PATH)
                .ifPresent(path -> System.err.println("trainer: restoring from " + path));
        TrainerRunner.attach(env, trainerConfig);
        env.execute("segmenta-trainer " + trainerConfig.settings().modelName());
        return 0;
    }

    /**
     * The file, then the flags, then {@code -D}.
     *
     * @throws IllegalArgumentException when the file cannot be read (a usage error like a bad value)
     */
    Properties properties() {
        Properties p = new Properties();
        if (config != null) {
            try (InputStream in = Files.newInputStream(config)) {
                p.load(in);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("config file " + config + " does not exist");
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot read config file " + config + ": " + e.getMessage(), e);
            }
        }
        put(p, "bootstrap.servers", bootstrapServers);
        put(p, "schema.registry.url", schemaRegistry);
        put(p, TrainerKeys.MODEL_NAME, modelName);
        put(p, TrainerKeys.ALGORITHM, algorithm);
        put(p, TrainerKeys.K, k);
        put(p, TrainerKeys.WINDOW, window);
        put(p, TrainerKeys.PARALLELISM, parallelism == null ? null : parallelism.toString());
        put(p, TrainerKeys.START, start);
        if (backfill) {
            put(p, TrainerKeys.BACKFILL, "true");
        }
        put(p, TrainerKeys.CHECKPOINT_DIR, checkpointDir);
        put(p, TrainerKeys.RESTORE, restore);
        p.putAll(overrides);
        return p;
    }

    private static void put(Properties p, Setting<?> setting, String value) {
        put(p, setting.key(), value);
    }

    private static void put(Properties p, String key, String value) {
        if (value != null) {
            p.setProperty(key, value);
        }
    }

    public static void main(String[] args) {
        TrainerCommand command = new TrainerCommand();
        int code = new CommandLine(command).execute(args);
        if (command.local) {
            // the MiniCluster's and Kafka clients' threads must not keep a finished local run alive
            System.exit(code);
        }
        // inside a cluster (application mode) this JVM is the JobManager: fail the application, never exit the JVM
        if (code != 0) {
            throw new IllegalStateException("segmenta trainer ended with exit code " + code);
        }
    }
}
