package io.segmenta.trainer.job;

/**
 * Where the trainer's checkpoints outlive the process, and what a run restores.
 *
 * @param directory durable checkpoint directory (a path or any Flink file-system URI); checkpoints there are
 *                  retained when the job is cancelled or fails. {@code null}: Flink's own setting (the cluster's
 *                  configuration; in memory, lost with the process, on a local MiniCluster)
 * @param restore   {@code null} for a fresh start, {@code latest} for the newest complete checkpoint under
 *                  {@code directory}, or the path of a checkpoint or savepoint
 */
public record CheckpointSettings(String directory, String restore) {

    public static final String LATEST = "latest";

    public CheckpointSettings {
        directory = blankToNull(directory);
        restore = blankToNull(restore);
        if (LATEST.equals(restore) && directory == null) {
            throw new IllegalArgumentException("restore=latest needs a checkpoint directory (segmenta.checkpoint.dir, "
                    + "--checkpoint-dir)");
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
        return LATEST.equals(restore) ? RetainedCheckpoints.requireLatest(directory).path() : restore;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
