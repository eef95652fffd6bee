package io.segmenta.trainer;

import io.segmenta.trainer.config.CheckpointSettings;
import io.segmenta.trainer.config.TrainerConfig;
import io.segmenta.trainer.config.TrainerKafkaSettings;
import io.segmenta.trainer.config.TrainerSettings;
import io.segmenta.trainer.job.TrainerJob;
import io.segmenta.trainer.kafka.KafkaWiring;
import io.segmenta.trainer.kafka.LatestModelReader;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Puts the trainer on a Flink environment: a MiniCluster when run locally ({@code ./segment trainer}, the demo),
 * the cluster's when the jar is submitted in application mode. Checkpoints drive the exactly-once sink; failures
 * restart from the last checkpoint with a fixed delay. With a checkpoint directory the checkpoints outlive the
 * process (retained on cancellation and failure), so a new run can restore one.
 */
public final class TrainerRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TrainerRunner.class);

    private TrainerRunner() {
    }

    public static StreamExecutionEnvironment environment(TrainerConfig config) {
        Configuration flink = new Configuration();
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(2));
        flink.addAll(checkpointing(config.checkpoints()));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        if (env instanceof LocalStreamEnvironment && config.checkpoints().directory() == null) {
            // a MiniCluster without a directory keeps checkpoints on the JobManager's heap, capped at 5 MB of state:
            // past some 40 k customers every checkpoint fails and the job restarts for ever (the replay benchmark
            // found it). Local runs get a temporary directory instead, removed when the process ends. A cluster's
            // environment keeps the cluster's configuration.
            flink.addAll(temporaryCheckpoints());
            env = StreamExecutionEnvironment.createLocalEnvironment(flink);
        }
        env.setParallelism(config.parallelism());
        env.enableCheckpointing(config.kafka().checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        return env;
    }

    /**
     * Flink options for durable checkpoints and the restore path ({@code latest} resolved to the newest complete
     * checkpoint now). Options left out keep the cluster's configuration.
     */
    static Configuration checkpointing(CheckpointSettings checkpoints) {
        Configuration flink = new Configuration();
        if (checkpoints.directory() != null) {
            flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.directory());
            flink.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        }
        String restore = checkpoints.restorePath();
        if (restore != null) {
            LOG.info("Restoring the trainer from {}", restore);
            flink.set(StateRecoveryOptions.SAVEPOINT_PATH, restore);
        }
        return flink;
    }

    /** File-system checkpoints in a fresh temporary directory, deleted when the JVM exits. */
    static Configuration temporaryCheckpoints() {
        Path dir;
        try {
            dir = Files.createTempDirectory("segmenta-trainer-checkpoints-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary checkpoint directory", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir), "delete-" + dir.getFileName()));
        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.toUri().toString());
        LOG.info("Checkpoints of this local run go to {} (temporary; --checkpoint-dir keeps them)", dir);
        return flink;
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort at exit: a temporary directory
        }
    }

    /** Builds the Kafka-wired job on {@code env}. */
    public static void attach(StreamExecutionEnvironment env, TrainerConfig config) {
        TrainerSettings settings = config.settings();
        TrainerKafkaSettings kafka = config.kafka();
        KafkaWiring.createTopics(settings, kafka);
        TrainerJob job = new TrainerJob(settings, kafka.registryConfig(), new LatestModelReader(kafka), Clock.systemUTC());
        job.attach(env, KafkaWiring.eventSource(settings, kafka, job.checker()), KafkaWiring.modelSource(settings, kafka),
                KafkaWiring.sink(kafka), kafka.backfill());
    }

    /** Starts the job without waiting for it (the demo runs it beside the assigner). */
    public static JobClient start(TrainerConfig config) throws Exception {
        StreamExecutionEnvironment env = environment(config);
        attach(env, config);
        return env.executeAsync("segmenta-trainer " + config.settings().modelName());
    }
}
