package io.segmenta.it.support;

import io.segmenta.app.embedded.BrokerMain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The embedded KRaft broker ({@link BrokerMain}) in a child JVM on a fixed port and data folder (the broker keeps its
 * controller port in that folder), so that killing the process is a broker crash and starting it again is the same
 * node with the same data.
 */
final class KafkaBrokerProcess implements RestartableKafka {

    private static final Duration READY = Duration.ofMinutes(2);

    private final int port;
    private final Path dataDir;
    private Process process;
    private int starts;

    private KafkaBrokerProcess(int port, Path dataDir) {
        this.port = port;
        this.dataDir = dataDir;
    }

    static KafkaBrokerProcess start(int port) throws Exception {
        KafkaBrokerProcess broker = new KafkaBrokerProcess(port, Files.createTempDirectory("segmenta-restart-kafka"));
        broker.launch();
        return broker;
    }

    @Override
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    @Override
    public String kind() {
        return "kraft-child-jvm";
    }

    @Override
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void startAgain() throws Exception {
        launch();
    }

    private void launch() throws IOException, InterruptedException {
        Path log = dataDir.resolve("broker-" + ++starts + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        process = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                BrokerMain.class.getName(), Integer.toString(port), dataDir.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + READY.toNanos();
        while (!Files.readString(log).contains("BROKER READY")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("the broker process did not start; its log:\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
        RestartableKafka.awaitAnswering(bootstrapServers(), READY);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
