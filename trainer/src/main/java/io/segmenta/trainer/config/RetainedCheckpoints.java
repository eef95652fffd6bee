package io.segmenta.trainer.config;

import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the checkpoints Flink retained under a checkpoint directory ({@code <dir>/<job id>/chk-<n>/_metadata}), on
 * any Flink file system. A checkpoint is complete once the JobManager wrote its {@code _metadata}: a {@code chk-*}
 * folder without one was cut short. Each run is a new job id, so the newest is the one whose metadata was written
 * last (checkpoint numbers restart at 1 in a run that did not restore); the number breaks ties.
 */
public final class RetainedCheckpoints {

    static final String METADATA = "_metadata";
    private static final Pattern CHECKPOINT = Pattern.compile("chk-(\\d+)");

    /** A complete retained checkpoint: its folder (what {@code execution.state-recovery.path} takes). */
    public record Checkpoint(String path, long number, long writtenAt) {
    }

    private RetainedCheckpoints() {
    }

    /** The newest complete checkpoint under {@code directory} (its job folders, or the directory itself). */
    public static Optional<Checkpoint> latest(String directory) {
        try {
            Path root = new Path(directory);
            FileSystem fs = root.getFileSystem();
            if (!fs.exists(root)) {
                return Optional.empty();
            }
            List<Checkpoint> found = new ArrayList<>(completeIn(fs, root));
            for (FileStatus child : list(fs, root)) {
                if (child.isDir() && !CHECKPOINT.matcher(child.getPath().getName()).matches()) {
                    found.addAll(completeIn(fs, child.getPath()));
                }
            }
            return found.stream().max(Comparator.comparingLong(Checkpoint::writtenAt).thenComparingLong(Checkpoint::number));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list checkpoints under " + directory + ": " + e.getMessage(), e);
        }
    }

    /** {@link #latest}, or a message that says where none was found. */
    public static Checkpoint requireLatest(String directory) {
        return latest(directory).orElseThrow(() -> new IllegalArgumentException(
                "no complete checkpoint (chk-*/" + METADATA + ") under " + directory + " to restore"));
    }

    private static List<Checkpoint> completeIn(FileSystem fs, Path folder) throws IOException {
        List<Checkpoint> complete = new ArrayList<>();
        for (FileStatus child : list(fs, folder)) {
            Matcher m = CHECKPOINT.matcher(child.getPath().getName());
            if (!child.isDir() || !m.matches()) {
                continue;
            }
            try {
                long written = fs.getFileStatus(new Path(child.getPath(), METADATA)).getModificationTime();
                complete.add(new Checkpoint(child.getPath().toString(), Long.parseLong(m.group(1)), written));
            } catch (FileNotFoundException e) {
                // not complete yet, or subsumed and deleted while we looked
            }
        }
        return complete;
    }

    private static FileStatus[] list(FileSystem fs, Path folder) throws IOException {
        FileStatus[] children = fs.listStatus(folder);
        return children == null ? new FileStatus[0] : children;
    }
}
