package io.segmenta.it.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The trainer as users run it: {@code TrainerCommand} as its own JVM (a MiniCluster inside), on a
 * {@link PipelineUnderTest}'s topics, with 1 s checkpoints. SIGKILL on it is a real crash; its exit code is real.
 */
public final class TrainerProcess {

    private TrainerProcess() {
    }

    /** Starts the trainer with the pipeline's wiring plus {@code arguments}; its output goes to {@code log}. */
    public static Process start(PipelineUnderTest pipeline, Path log, String... arguments) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx768m", "-cp", System.getProperty("java.class.path"),
                "io.segmenta.trainer.TrainerCommand",
                "--bootstrap-servers", pipeline.bootstrap, "--schema-registry", pipeline.registryUrl,
                "--parallelism", "2"));
        pipeline.trainerWiring("1s").forEach((key, value) -> command.addAll(List.of("-D", key + "=" + value)));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
