package io.segmenta.it.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The trainer as users run it: {@code TrainerCommand} as its own JVM (a MiniCluster inside), on a
 * {@link PipelineUnderTest}'s topics, with 1 s checkpoints. SIGKILL on it is a real crash; its exit code is real.
 */
public final class TrainerProcess {

    private static final Map<String, String> TOPICS = Map.of("events", "customer-events", "models", "segment-models",
            "model-history", "segment-model-history", "drift", "segment-drift", "dlq", "segment-dlq");

    private TrainerProcess() {
    }

    /** Starts the trainer with the pipeline's wiring plus {@code arguments}; its output goes to {@code log}. */
    public static Process start(PipelineUnderTest pipeline, Path log, String... arguments) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx768m", "-cp", System.getProperty("java.class.path"),
                "io.segmenta.trainer.job.TrainerCommand",
                "--bootstrap-servers", pipeline.bootstrap, "--schema-registry", pipeline.registryUrl,
                "--parallelism", "2",
                "-D", "segmenta.checkpoint.interval=PT1S",
                "-D", "segmenta.group.id=" + pipeline.prefix + "-trainer",
                "-D", "segmenta.transactional.id.prefix=" + pipeline.prefix + "-trainer"));
        TOPICS.forEach((key, topic) -> command.addAll(List.of("-D", "segmenta.topics." + key + "=" + pipeline.topic(topic))));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
