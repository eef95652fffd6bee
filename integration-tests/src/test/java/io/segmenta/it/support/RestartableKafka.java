package io.segmenta.it.support;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker of one test's own, which the test crashes and starts again at the same address with the same
 * data (the shared {@link KafkaFixture} must stay up for the other tests): a Testcontainers {@code KafkaContainer}
 * on a fixed host port where a Docker engine exists, otherwise the embedded KRaft broker in a child JVM.
 */
public interface RestartableKafka extends AutoCloseable {

    static RestartableKafka start() throws Exception {
        return DockerClientFactory.instance().isDockerAvailable()
                ? RestartableKafkaContainer.start(freePort())
                : KafkaBrokerProcess.start(freePort());
    }

    String bootstrapServers();

    /** "kafka-container" or "kraft-child-jvm". */
    String kind();

    /** Kills the broker without a clean shutdown (SIGKILL), as a crash would. */
    void kill() throws Exception;

    /** Starts the killed broker again on the same port and data, and waits until it answers. */
    void startAgain() throws Exception;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits until a broker at {@code bootstrap} describes its cluster. */
    static void awaitAnswering(String bootstrap, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000))) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the broker at " + bootstrap + " did not answer within " + timeout,
                                notYet);
                    }
                    Thread.sleep(200);
                }
            }
        }
    }
}
