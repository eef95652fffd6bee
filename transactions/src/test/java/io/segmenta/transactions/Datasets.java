package io.segmenta.transactions;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared real data sets (never copied into the repository): the system property {@code segmenta.datasets},
 * else the first {@code shared/datasets} found walking up from the working directory. A test that needs one and
 * cannot find it is skipped with a message saying where it looked.
 */
public final class Datasets {

    private Datasets() {
    }

    public static Path root() {
        String property = System.getProperty("segmenta.datasets");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("datasets");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return Path.of("").toAbsolutePath().resolve("../shared/datasets").normalize();
    }

    /** The data set's path, or the test is skipped: "skipped: dataset X not found at ...". */
    public static Path require(String name) {
        Path p = root().resolve(name);
        Assumptions.assumeTrue(Files.exists(p), () -> "skipped: dataset " + name + " not found at " + p
                + " (set -Dsegmenta.datasets=<dir> or place it at ../shared/datasets)");
        return p;
    }
}
