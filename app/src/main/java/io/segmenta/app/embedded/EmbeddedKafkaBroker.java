package io.segmenta.app.embedded;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) in this JVM, from the kafka_2.13
 * jars: the demo's broker and the integration tests' broker where no Docker engine runs. Data lives in a
 * folder the caller names (kept across restarts of the same folder) or a temporary one. The controller's port is
 * kept in that folder too ({@value #CONTROLLER_PORT_FILE}), so a restart on the same folder and broker port is the
 * same node at the same addresses.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    static final String CONTROLLER_PORT_FILE = "controller.port";

    private final KafkaRaftServer server;
    private final int port;
    private final Path dataDir;

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port, Path dataDir) {
        this.server = server;
        this.port = port;
        this.dataDir = dataDir;
    }

    /** Starts a broker on {@code port} (0 = a free one) with data in {@code dataDir} (null = a temporary folder). */
    public static EmbeddedKafkaBroker start(int port, Path dataDir) {
        return start(port, 0, dataDir);
    }

    /**
     * As {@link #start(int, Path)} with the controller on {@code controllerPort}; 0 = the one this folder used
     * before, else a free one (then remembered in the folder).
     */
    public static EmbeddedKafkaBroker start(int port, int controllerPort, Path dataDir) {
        try {
            Path dir = dataDir != null ? Files.createDirectories(dataDir) : Files.createTempDirectory("segmenta-kafka");
            int brokerPort = port != 0 ? port : freePort();
            Properties props = brokerProperties(brokerPort, controllerPort(controllerPort, dir), dir.resolve("logs"));
            formatIfNeeded(props, dir);
            long start = System.nanoTime();
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            LOG.info("Kafka broker up at localhost:{} in {} ms (data in {})", brokerPort,
                    (System.nanoTime() - start) / 1_000_000, dir);
            return new EmbeddedKafkaBroker(server, brokerPort, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded Kafka broker", e);
        }
    }

    /**
     * The given port, else the one remembered in {@code dir} while it is free, else a free one (a single node with a
     * static voter may change it); remembered for the next start.
     */
    static int controllerPort(int requested, Path dir) throws IOException {
        Path file = dir.resolve(CONTROLLER_PORT_FILE);
        int port = requested;
        if (port == 0 && Files.isRegularFile(file)) {
            int remembered = Integer.parseInt(Files.readString(file, StandardCharsets.US_ASCII).trim());
            if (isFree(remembered)) {
                port = remembered;
            } else {
                LOG.warn("Controller port {} of {} is taken: using another", remembered, dir);
            }
        }
        if (port == 0) {
            port = freePort();
        }
        Files.writeString(file, Integer.toString(port), StandardCharsets.US_ASCII);
        return port;
    }

    /** Broker settings for one node; replication 1 everywhere, transactions enabled for exactly-once. */
    static Properties brokerProperties(int port, int controllerPort, Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "2");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("log.cleaner.backoff.ms", "1000");
        return p;
    }

    private static void formatIfNeeded(Properties props, Path dir) throws IOException {
        Path logs = Path.of(props.getProperty("log.dirs"));
        if (Files.exists(logs.resolve("meta.properties"))) {
            return; // restarting on existing data
        }
        Path config = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "segmenta embedded broker");
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        // transactions v1: under load, v2 (KIP-890) made Kafka Streams' exactly-once producer fail with
        // OutOfOrderSequenceException on its changelog ("expected sequence 0 ... with no existing state") here
        int exit = StorageTool.execute(new String[]{"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(),
                        "--feature", "transaction.version=" + System.getProperty("segmenta.kafka.transaction.version", "1")},
                new PrintStream(captured, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("Formatting the Kafka log dir failed: " + captured.toString(StandardCharsets.UTF_8));
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress("localhost", port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Kafka broker at localhost:{} stopped", port);
    }
}
