package io.segmenta.it.support;

import com.github.dockerjava.api.DockerClient;
import org.testcontainers.kafka.KafkaContainer;

import java.time.Duration;
import java.util.List;

/**
 * A {@code KafkaContainer} bound to a fixed host port, killed and started again as the same container (its
 * writable layer keeps the data, its start script the advertised address), so the restarted broker is at the same
 * address with the same data.
 */
final class RestartableKafkaContainer implements RestartableKafka {

    private final KafkaContainer kafka;
    private final String bootstrap;

    private RestartableKafkaContainer(KafkaContainer kafka) {
        this.kafka = kafka;
        this.bootstrap = kafka.getBootstrapServers();
    }

    static RestartableKafkaContainer start(int hostPort) {
        KafkaContainer kafka = new KafkaContainer(KafkaFixture.KAFKA_IMAGE);
        kafka.setPortBindings(List.of(hostPort + ":9092"));
        kafka.start();
        return new RestartableKafkaContainer(kafka);
    }

    @Override
    public String bootstrapServers() {
        return bootstrap;
    }

    @Override
    public String kind() {
        return "kafka-container";
    }

    @Override
    public void kill() {
        docker().killContainerCmd(kafka.getContainerId()).exec();
    }

    @Override
    public void startAgain() throws InterruptedException {
        docker().startContainerCmd(kafka.getContainerId()).exec();
        RestartableKafka.awaitAnswering(bootstrap, Duration.ofMinutes(2));
    }

    private DockerClient docker() {
        return kafka.getDockerClient();
    }

    @Override
    public void close() {
        kafka.stop();
    }
}
