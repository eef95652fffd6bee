package io.segmenta.app.embedded;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded broker in a JVM of its own: {@code BrokerMain <port> <data dir>}. Prints
 * {@code BROKER READY localhost:<port>} and runs until SIGTERM (a clean shutdown) or SIGKILL (a crash). Started again
 * with the same port and folder it is the same node with the same data. The end-to-end benchmark uses it so that the
 * broker's CPU and heap are not charged to the measured app; the broker-restart integration test, to stop and restart
 * it.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(port, dir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        System.out.println("BROKER READY " + broker.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
