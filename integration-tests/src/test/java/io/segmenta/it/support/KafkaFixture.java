package io.segmenta.it.support;

import io.segmenta.app.embedded.EmbeddedKafkaBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The real Kafka broker the integration tests share (one per test JVM): Testcontainers' {@code KafkaContainer}
 * where a Docker engine exists, otherwise the same in-process KRaft broker the demo embeds. The choice is logged;
 * tests see only {@link #bootstrapServers()}, so the same bodies run on either.
 */
public final class KafkaFixture {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaFixture.class);
    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";

    private static String bootstrapServers;
    private static String kind;

    private KafkaFixture() {
    }

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                LOG.info("Docker available: using a {} container as the broker", KAFKA_IMAGE);
                @SuppressWarnings("resource") // stopped by Testcontainers' reaper with the JVM
                KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
                kafka.start();
                bootstrapServers = kafka.getBootstrapServers();
                kind = "kafka-container";
            } else {
                LOG.info("No Docker engine: using an in-process KRaft broker from the kafka_2.13 jars");
                EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, null);
                Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
                bootstrapServers = broker.bootstrapServers();
                kind = "embedded-kraft";
            }
        }
        return bootstrapServers;
    }

    public static synchronized String kind() {
        bootstrapServers();
        return kind;
    }
}
