package io.segmenta.trainer.job;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Clock;
import java.time.Duration;

/**
 * Puts the trainer on a Flink environment: a MiniCluster when run locally ({@code ./segment trainer}, the demo),
 * the cluster's when the jar is submitted in application mode. Checkpoints drive the exactly-once sink; failures
 * restart from the last checkpoint with a fixed delay.
 */
public final class TrainerRunner {

    private TrainerRunner() {
    }

    public static StreamExecutionEnvironment environment(TrainerConfig config) {
        Configuration flink = new Configuration();
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(2));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(config.parallelism());
        env.enableCheckpointing(config.kafka().checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        return env;
    }

    /** Builds the Kafka-wired job on {@code env}. */
    public static void attach(StreamExecutionEnvironment env, TrainerConfig config) {
        TrainerSettings settings = config.settings();
        TrainerKafkaSettings kafka = config.kafka();
        KafkaWiring.createTopics(settings, kafka);
        new TrainerJob(settings, kafka.registryConfig(), new LatestModelReader(kafka), Clock.systemUTC())
                .attach(env, KafkaWiring.eventSource(settings, kafka), KafkaWiring.modelSource(settings, kafka),
                        KafkaWiring.sink(kafka));
    }

    /** Starts the job without waiting for it (the demo runs it beside the assigner). */
    public static JobClient start(TrainerConfig config) throws Exception {
        StreamExecutionEnvironment env = environment(config);
        attach(env, config);
        return env.executeAsync("segmenta-trainer " + config.settings().modelName());
    }
}
