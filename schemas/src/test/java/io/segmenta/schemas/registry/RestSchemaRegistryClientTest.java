package io.segmenta.schemas.registry;

import com.sun.net.httpserver.HttpServer;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.SampleRecords;
import io.segmenta.schemas.serde.AvroDeserializer;
import io.segmenta.schemas.serde.AvroSerializer;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The REST client against a real HTTP server speaking the Confluent API (our in-process one). */
class RestSchemaRegistryClientTest {

    private SchemaRegistryHttpServer server;
    private RestSchemaRegistryClient client;
    private final Schema event = CustomerEvent.getClassSchema();

    @BeforeEach
    void startServer() throws IOException {
        server = SchemaRegistryHttpServer.start(new InMemorySchemaRegistry(), "127.0.0.1", 0);
        client = new RestSchemaRegistryClient(SchemaRegistryConfig.of(server.url().toString()));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void registersAndReadsBackById() {
        int id = client.register("customer-events-value", event);

        RestSchemaRegistryClient fresh = new RestSchemaRegistryClient(SchemaRegistryConfig.of(server.url().toString()));
        assertThat(fresh.schemaById(id)).isEqualTo(event);
        assertThat(server.registry().schemaById(id)).isEqualTo(event);
    }

    @Test
    void latestAndCompatibilityFollowTheServer() {
        client.register("s-value", event);
        Schema evolved = InMemorySchemaRegistryTest.withOptionalField(event, "storeId");
        Schema breaking = SegmentModel.getClassSchema();

        assertThat(client.isCompatible("s-value", evolved)).isTrue();
        assertThat(client.isCompatible("s-value", breaking)).isFalse();
        assertThat(client.isCompatible("no-such-subject", breaking)).isTrue();
        int id2 = client.register("s-value", evolved);
        assertThat(client.latest("s-value")).isEqualTo(new RegisteredSchema("s-value", 2, id2, evolved));
        assertThatThrownBy(() -> client.register("s-value", breaking))
                .isInstanceOf(IncompatibleSchemaException.class).hasMessageContaining("409");
    }

    @Test
    void compatibilityLevelsCanBeReadAndSet() {
        client.setCompatibility(null, Compatibility.FULL);
        client.setCompatibility("s-value", Compatibility.NONE);

        assertThat(client.compatibility(null)).isEqualTo(Compatibility.FULL);
        assertThat(client.compatibility("s-value")).isEqualTo(Compatibility.NONE);
        assertThat(server.registry().compatibility("other")).isEqualTo(Compatibility.FULL);
    }

    @Test
    void notFoundAnswersBecomeTypedExceptions() {
        assertThatThrownBy(() -> client.schemaById(777)).isInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining("40403");
        assertThatThrownBy(() -> client.latest("ghost-value")).isInstanceOf(SchemaNotFoundException.class);
    }

    @Test
    void serdesConfiguredByUrlRoundTripThroughTheServer() {
        Map<String, Object> config = Map.of("schema.registry.url", server.url().toString(),
                AvroDeserializer.VALUE_CLASS, CustomerEvent.class.getName());
        try (var serializer = new AvroSerializer<CustomerEvent>(); var deserializer = new AvroDeserializer<CustomerEvent>()) {
            serializer.configure(config, false);
            deserializer.configure(config, false);
            CustomerEvent event = SampleRecords.purchase("c-42", 12.0);

            assertThat(deserializer.deserialize("customer-events", serializer.serialize("customer-events", event)))
                    .isEqualTo(event);
            assertThat(server.registry().subjects()).containsExactly("customer-events-value");
        }
    }

    @Test
    void retriesServerErrorsWithBackoffThenSucceeds() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        HttpServer flaky = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        flaky.createContext("/", exchange -> {
            boolean fail = calls.incrementAndGet() <= 2;
            byte[] body = (fail ? "{\"error_code\":50001,\"message\":\"busy\"}" : "{\"id\":42}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        flaky.start();
        try {
            RestSchemaRegistryClient c = RestSchemaRegistryClient.fromProperties(Map.of(
                    "schema.registry.url", "http://127.0.0.1:" + flaky.getAddress().getPort(),
                    "schema.registry.retry.backoff.ms", "10"));

            assertThat(c.register("x-value", event)).isEqualTo(42);
            assertThat(calls).hasValue(3);
        } finally {
            flaky.stop(0);
        }
    }

    @Test
    void givesUpAfterTheRetriesWithAnUnavailableError() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        RestSchemaRegistryClient c = RestSchemaRegistryClient.fromProperties(Map.of(
                "schema.registry.url", "http://127.0.0.1:" + closedPort,
                "schema.registry.max.retries", "2", "schema.registry.retry.backoff.ms", "5"));

        assertThatThrownBy(() -> c.schemaById(1)).isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageContaining(String.valueOf(closedPort));
    }

    @Test
    void failsOverToTheNextUrl() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        int id = server.registry().register("x-value", event);
        RestSchemaRegistryClient c = RestSchemaRegistryClient.fromProperties(Map.of(
                "schema.registry.url", "http://127.0.0.1:" + closedPort + "," + server.url(),
                "schema.registry.retry.backoff.ms", "5"));

        assertThat(c.schemaById(id)).isEqualTo(event);
    }

    @Test
    void sendsBasicAuthCredentials() throws IOException {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer capture = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        capture.createContext("/", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"schema\":\"\\\"string\\\"\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        capture.start();
        try {
            RestSchemaRegistryClient c = RestSchemaRegistryClient.fromProperties(Map.of(
                    "schema.registry.url", "http://127.0.0.1:" + capture.getAddress().getPort(),
                    "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "alice:s3cret"));

            assertThat(c.schemaById(5)).isEqualTo(Schema.create(Schema.Type.STRING));
            assertThat(authorizations).containsExactly("Basic YWxpY2U6czNjcmV0");
        } finally {
            capture.stop(0);
        }
    }

    @Test
    void invalidSettingsAreRefusedClearly() {
        assertThatThrownBy(() -> SchemaRegistryConfig.fromProperties(Map.of()))
                .hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> SchemaRegistryConfig.of("ftp://host"))
                .hasMessageContaining("http or https");
        assertThatThrownBy(() -> SchemaRegistryConfig.fromProperties(Map.of("schema.registry.url", "http://h",
                "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "nocolon")))
                .hasMessageContaining("user:password");
    }
}
