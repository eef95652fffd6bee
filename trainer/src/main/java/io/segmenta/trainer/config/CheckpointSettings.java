package io.segmenta.trainer.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the trainer's checkpoints outlive the process, and what a run restores.
 *
 * @param directory durable checkpoint directory (a path or any Flink file-system URI); checkpoints there are
 *                  retained when the job is cancelled or fails. {@code null}: Flink's own setting (the cluster's
 *                  configuration; in memory, lost with the process, on a local MiniCluster)
 * @param restore   {@code null} for a fresh start, {@code latest} for the newest complete checkpoint under
 *                  {@code directory} (an error when there is none), {@code latest-if-any} for the same or a fresh
 *                  start when there is none (a service that restarts itself: the first start has no checkpoint), or
 *                  the path of a checkpoint or savepoint
 */
public record CheckpointSettings(String directory, String restore) {

    public static final String LATEST = "latest";
    public static final String LATEST_IF_ANY = "latest-if-any";

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointSettings.class);

    public CheckpointSettings {
        directory = blankToNull(directory);
        restore = blankToNull(restore);
        if ((LATEST.equals(restore) || LATEST_IF_ANY.equals(restore)) && directory == null) {
            throw new IllegalArgumentException(TrainerKeys.RESTORE.key() + "=" + restore + " needs a checkpoint "
                    + "directory (" + TrainerKeys.CHECKPOINT_DIR.key() + ", --checkpoint-dir)");
        }
    }

    public static CheckpointSettings none() {
        return new CheckpointSettings(null, null);
    }

    /** The checkpoint or savepoint to start from, {@code latest} resolved now; {@code null} for a fresh start. */
    public String restorePath() {
        if (restore == null) {
            return null;
        }
        return switch (restore) {
            case LATEST -> RetainedCheckpoints.requireLatest(directory).path();
            case LATEST_IF_ANY -> RetainedCheckpoints.latest(directory).map(RetainedCheckpoints.Checkpoint::path)
                    .orElseGet(() -> {
                        LOG.info("No complete checkpoint under {} yet: starting fresh", directory);
                        return null;
                    });
            default -> restore;
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
