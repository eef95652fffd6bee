package io.segmenta.benchmarks.assigner.e2e;

import io.segmenta.app.embedded.EmbeddedKafkaBroker;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The end-to-end benchmark's broker in a JVM of its own, so that the broker's CPU and heap are not charged to the
 * measured streams app: {@code BrokerMain <port> <data dir>}. Prints {@code BROKER READY localhost:<port>} and
 * runs until SIGTERM.
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
