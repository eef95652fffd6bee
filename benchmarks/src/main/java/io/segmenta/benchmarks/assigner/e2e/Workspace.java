package io.segmenta.benchmarks.assigner.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A harness's work folder (broker data, state, the children's logs): the one given, or a temporary one deleted at the
 * end unless kept. Creating it also quiets this JVM's logging and writes the children's log configuration, so it must
 * come before any Kafka class logs.
 *
 * @param childLogConfig the log4j2 configuration of the child JVMs (our classes at INFO, Kafka's at WARN)
 * @param temporary      made here (deleted by {@link #finish} unless kept), not given by the user
 */
public record Workspace(Path dir, Path childLogConfig, boolean temporary) {

    public static Workspace create(Path given, String tempPrefix) throws IOException {
        Path dir = given != null ? Files.createDirectories(given) : Files.createTempDirectory(tempPrefix);
        Path harnessLog = HarnessSupport.writeLogConfig(dir.resolve("log4j2-harness.xml"), "WARN", "ERROR");
        Path childLog = HarnessSupport.writeLogConfig(dir.resolve("log4j2-child.xml"), "INFO", "WARN");
        System.setProperty("log4j2.configurationFile", harnessLog.toString());
        return new Workspace(dir, childLog, given == null);
    }

    /** Deletes a temporary folder unless {@code keep}; otherwise says where the logs are. */
    public void finish(boolean keep) {
        if (temporary && !keep) {
            HarnessSupport.deleteTree(dir);
        } else {
            System.err.println("work dir (logs, data) kept: " + dir);
        }
    }
}
