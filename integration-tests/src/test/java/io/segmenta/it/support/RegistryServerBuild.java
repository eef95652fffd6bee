package io.segmenta.it.support;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the Apicurio Registry test server (a Confluent-API registry assembled from Maven Central by
 * {@code integration-tests/registry-server/pom.xml}) the first time it is needed, and caches the jar under
 * {@code ~/.cache/segmenta/}, keyed by a hash of that pom: later runs start in seconds.
 */
final class RegistryServerBuild {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryServerBuild.class);

    private RegistryServerBuild() {
    }

    static Path jar() {
        Path pom = Path.of(System.getProperty("segmenta.registry.server.pom", "registry-server/pom.xml")).toAbsolutePath();
        if (!Files.isRegularFile(pom)) {
            throw new IllegalStateException("Registry server pom not found at " + pom);
        }
        Path cacheDir = Path.of(System.getProperty("user.home"), ".cache", "segmenta");
        try {
            Files.createDirectories(cacheDir);
            Path cached = cacheDir.resolve("apicurio-registry-" + hash(pom) + "-runner.jar");
            if (Files.isRegularFile(cached)) {
                return cached;
            }
            // one build at a time, even across test JVMs
            try (FileChannel lockFile = FileChannel.open(cacheDir.resolve("registry-build.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                if (!Files.isRegularFile(cached)) {
                    build(pom, cached);
                }
            }
            return cached;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot build the registry test server", e);
        }
    }

    private static void build(Path pom, Path target) throws IOException {
        Path work = Files.createTempDirectory("segmenta-registry-build");
        Files.copy(pom, work.resolve("pom.xml"));
        Path resources = pom.getParent().resolve("src");
        try (var files = Files.walk(resources)) {
            for (Path source : files.toList()) {
                Path dest = work.resolve(pom.getParent().relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest);
                }
            }
        }
        List<String> command = List.of(mavenExecutable(), "-B", "-q", "package", "-DskipTests");
        LOG.info("Building the Apicurio registry test server once (cached at {}): {} in {}", target, command, work);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(work.resolve("build.log").toFile()).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("Building the registry test server failed; see "
                        + work.resolve("build.log") + ":\n" + tail(work.resolve("build.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the registry test server", e);
        }
        Path built = work.resolve("target/apicurio-registry-runner-1.0-runner.jar");
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        Files.copy(built, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("Registry test server built in {} s", (System.nanoTime() - start) / 1_000_000_000);
    }

    private static String mavenExecutable() {
        String home = System.getProperty("maven.home");
        if (home != null && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
            return Path.of(home, "bin", "mvn").toString();
        }
        return "mvn";
    }

    private static String hash(Path pom) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Files.readAllBytes(pom));
            try (var files = Files.walk(pom.getParent().resolve("src"))) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    sha.update(Files.readAllBytes(f));
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
