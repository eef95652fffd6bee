package io.segmenta.trainer.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetainedCheckpointsTest {

    @TempDir
    Path dir;

    @Test
    void theNewestCompleteCheckpointAcrossRunsIsTheOneWrittenLast() throws IOException {
        // a first run checkpointed up to 7; a second run (restored, new job id) wrote 9 later; 12 is cut short
        checkpoint("job-a", 6, "2026-01-01T10:00:00Z");
        checkpoint("job-a", 7, "2026-01-01T10:00:05Z");
        checkpoint("job-b", 9, "2026-01-01T10:01:00Z");
        Files.createDirectories(dir.resolve("job-b/chk-12"));
        Files.createDirectories(dir.resolve("job-b/shared"));

        RetainedCheckpoints.Checkpoint latest = RetainedCheckpoints.latest(dir.toString()).orElseThrow();

        assertThat(new org.apache.flink.core.fs.Path(latest.path()).toUri().getPath())
                .isEqualTo(dir.resolve("job-b/chk-9").toString());
        assertThat(latest.number()).isEqualTo(9);
    }

    @Test
    void aFreshRunsLowNumberedCheckpointWinsWhenItIsNewer() throws IOException {
        checkpoint("old-job", 40, "2026-01-01T10:00:00Z");
        checkpoint("new-job", 2, "2026-01-02T10:00:00Z");

        assertThat(RetainedCheckpoints.latest("file://" + dir).orElseThrow().path()).endsWith("new-job/chk-2");
    }

    @Test
    void equalTimesFallBackToTheCheckpointNumber() throws IOException {
        checkpoint("job", 3, "2026-01-01T10:00:00Z");
        checkpoint("job", 4, "2026-01-01T10:00:00Z");

        assertThat(RetainedCheckpoints.latest(dir.toString()).orElseThrow().number()).isEqualTo(4);
    }

    @Test
    void aJobFolderGivenDirectlyIsSearchedToo() throws IOException {
        checkpoint("job", 5, "2026-01-01T10:00:00Z");

        assertThat(RetainedCheckpoints.latest(dir.resolve("job").toString()).orElseThrow().number()).isEqualTo(5);
    }

    @Test
    void noCompleteCheckpointIsAClearError() throws IOException {
        Files.createDirectories(dir.resolve("job/chk-1"));

        assertThat(RetainedCheckpoints.latest(dir.toString())).isEmpty();
        assertThat(RetainedCheckpoints.latest(dir.resolve("missing").toString())).isEmpty();
        assertThatThrownBy(() -> RetainedCheckpoints.requireLatest(dir.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no complete checkpoint").hasMessageContaining(dir.toString());
    }

    private void checkpoint(String job, int number, String writtenAt) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(job).resolve("chk-" + number));
        Path metadata = Files.write(folder.resolve("_metadata"), new byte[]{1});
        Files.setLastModifiedTime(metadata, FileTime.from(Instant.parse(writtenAt)));
    }
}
