package io.segmenta.trainer;

import io.segmenta.trainer.config.CheckpointSettings;
import io.segmenta.trainer.config.TestProperties;
import io.segmenta.trainer.config.TrainerConfig;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runner's Flink checkpoint configuration and the command line's keys and exit codes. */
class TrainerRunnerTest {

    @TempDir
    Path dir;
    @Test
    void withoutThemTheRunStartsFreshOnFlinksOwnStorage() {
        TrainerConfig config = TrainerConfig.fromProperties(props());

        assertThat(config.checkpoints()).isEqualTo(CheckpointSettings.none());
        assertThat(TrainerRunner.checkpointing(config.checkpoints()).toMap()).isEmpty();
    }

    @Test
    void aLocalRunWithoutADirectoryCheckpointsToATemporaryOneNotToTheJobManagersHeap() {
        // the heap storage caps state at 5 MB: a local trainer with more customers would fail every checkpoint
        TrainerConfig config = TrainerConfig.fromProperties(props());

        var env = TrainerRunner.environment(config);

        String directory = env.getConfiguration().get(CheckpointingOptions.CHECKPOINTS_DIRECTORY);
        assertThat(env.getConfiguration().get(CheckpointingOptions.CHECKPOINT_STORAGE)).isEqualTo("filesystem");
        assertThat(directory).contains("segmenta-trainer-checkpoints-");
        assertThat(Path.of(java.net.URI.create(directory))).isDirectory();
        assertThat(env.getParallelism()).isEqualTo(config.parallelism());
    }

    @Test
    void aCheckpointDirectoryMakesDurableRetainedCheckpoints() {
        Configuration flink = TrainerRunner.checkpointing(new CheckpointSettings(dir.toUri().toString(), null));

        assertThat(flink.get(CheckpointingOptions.CHECKPOINT_STORAGE)).isEqualTo("filesystem");
        assertThat(flink.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo(dir.toUri().toString());
        assertThat(flink.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(flink.getOptional(StateRecoveryOptions.SAVEPOINT_PATH)).isEmpty();
    }

    @Test
    void restoreLatestResolvesToTheNewestCompleteCheckpointOrSaysThereIsNone() throws Exception {
        CheckpointSettings latest = new CheckpointSettings(dir.toString(), "latest");
        assertThatThrownBy(() -> TrainerRunner.checkpointing(latest))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no complete checkpoint");

        Files.write(Files.createDirectories(dir.resolve("job/chk-3")).resolve("_metadata"), new byte[]{1});
        assertThat(TrainerRunner.checkpointing(latest).get(StateRecoveryOptions.SAVEPOINT_PATH)).endsWith("job/chk-3");
        assertThat(TrainerRunner.checkpointing(new CheckpointSettings(null, "s3://bucket/savepoint-1"))
                .get(StateRecoveryOptions.SAVEPOINT_PATH)).isEqualTo("s3://bucket/savepoint-1");
    }

    @Test
    void restoreLatestIfAnyStartsFreshWithoutACheckpointAndRestoresOnceThereIsOne() throws Exception {
        CheckpointSettings ifAny = new CheckpointSettings(dir.toString(), CheckpointSettings.LATEST_IF_ANY);
        assertThat(TrainerRunner.checkpointing(ifAny).getOptional(StateRecoveryOptions.SAVEPOINT_PATH)).isEmpty();

        Files.write(Files.createDirectories(dir.resolve("job/chk-7")).resolve("_metadata"), new byte[]{1});
        assertThat(TrainerRunner.checkpointing(ifAny).get(StateRecoveryOptions.SAVEPOINT_PATH)).endsWith("job/chk-7");
        assertThatThrownBy(() -> TrainerConfig.fromProperties(props("segmenta.restore", "latest-if-any")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("segmenta.checkpoint.dir");
    }

    @Test
    void commandLineFlagsBecomeTheKeys() throws Exception {
        TrainerCommand command = new TrainerCommand();
        new CommandLine(command).parseArgs("--bootstrap-servers", "b:9092", "--schema-registry", "http://r",
                "--checkpoint-dir", "/data/ckpt", "--restore", "latest", "--backfill");

        TrainerConfig config = TrainerConfig.fromProperties(command.properties());

        assertThat(config.checkpoints()).isEqualTo(new CheckpointSettings("/data/ckpt", "latest"));
        assertThat(config.kafka().backfill()).isTrue();
        assertThat(config.kafka().startFrom()).isEqualTo("earliest");
    }

    @Test
    void theCommandRejectsRestoringLatestFromAnEmptyDirectoryWithExitCode2() {
        int code = new CommandLine(new TrainerCommand()).execute("--bootstrap-servers", "localhost:1",
                "--schema-registry", "http://localhost:1", "--checkpoint-dir", dir.toString(), "--restore", "latest");

        assertThat(code).isEqualTo(2);
    }

    @Test
    void theCommandExitsWith2OnAnUnknownKeyOrAMissingConfigFile() {
        int unknown = new CommandLine(new TrainerCommand()).execute("--bootstrap-servers", "localhost:1",
                "--schema-registry", "http://localhost:1", "-D", "segmenta.topics.event=x");
        int missing = new CommandLine(new TrainerCommand()).execute("--schema-registry", "http://localhost:1",
                "--config", dir.resolve("missing.properties").toString());

        assertThat(unknown).isEqualTo(2);
        assertThat(missing).isEqualTo(2);
    }

    private static Properties props(String... keyValues) {
        return TestProperties.of(keyValues);
    }
}
