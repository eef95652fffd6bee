package io.segmenta.it.support;

import io.segmenta.schemas.registry.Compatibility;
import io.segmenta.schemas.registry.RestSchemaRegistryClient;
import io.segmenta.schemas.registry.SchemaRegistryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.ConfluentKafkaContainer;

import java.net.URI;

/**
 * The real schema registry every integration test shares (one per test JVM, stopped at exit):
 * Confluent's {@code cp-schema-registry} container (with a Kafka container for its storage) where a Docker
 * engine is available, otherwise an Apicurio Registry process. The choice is logged; tests see only
 * {@link #url()}, so the same test bodies run on either.
 */
public final class SchemaRegistryFixture {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryFixture.class);
    static final String CONFLUENT_VERSION = "7.9.1";

    private static URI url;
    private static String kind;

    private SchemaRegistryFixture() {
    }

    /** Base URL of the shared registry, started on first use. Global compatibility is BACKWARD. */
    public static synchronized URI url() {
        if (url == null) {
            start();
            // Apicurio's default is NONE; make both servers behave like a default Confluent one
            new RestSchemaRegistryClient(SchemaRegistryConfig.of(url.toString()))
                    .setCompatibility(null, Compatibility.BACKWARD);
        }
        return url;
    }

    /** "confluent-container" or "apicurio-process". */
    public static synchronized String kind() {
        url();
        return kind;
    }

    private static void start() {
        try {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                startContainers();
            } else {
                LOG.info("No Docker engine: using an Apicurio Registry process as the real schema registry");
                ApicurioRegistryProcess process = ApicurioRegistryProcess.start();
                Runtime.getRuntime().addShutdownHook(new Thread(process::close));
                url = process.url();
                kind = "apicurio-process";
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start a schema registry for the integration tests", e);
        }
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper with the JVM
    private static void startContainers() {
        LOG.info("Docker available: using confluentinc/cp-schema-registry:{} as the real schema registry", CONFLUENT_VERSION);
        Network network = Network.newNetwork();
        ConfluentKafkaContainer kafka = new ConfluentKafkaContainer("confluentinc/cp-kafka:" + CONFLUENT_VERSION)
                .withNetwork(network).withListener("kafka:19092");
        kafka.start();
        GenericContainer<?> registry = new GenericContainer<>("confluentinc/cp-schema-registry:" + CONFLUENT_VERSION)
                .withNetwork(network)
                .withExposedPorts(8081)
                .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
                .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));
        registry.start();
        url = URI.create("http://" + registry.getHost() + ":" + registry.getMappedPort(8081));
        kind = "confluent-container";
    }
}
