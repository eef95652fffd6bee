package io.segmenta.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves an {@link InMemorySchemaRegistry} over the Confluent REST API (the subset clients use: register,
 * look up, schema by id, versions, compatibility check, config), so that consumers in other processes
 * (kafka-avro-console-consumer, Flink's Confluent format, another service) can read what the embedded demo
 * writes. Binds to the given address only (127.0.0.1 by default). Not a production registry: no
 * persistence, no auth, one node.
 */
public final class SchemaRegistryHttpServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemorySchemaRegistry registry;
    private final HttpServer server;
    private final ExecutorService executor;

    private SchemaRegistryHttpServer(InMemorySchemaRegistry registry, HttpServer server, ExecutorService executor) {
        this.registry = registry;
        this.server = server;
        this.executor = executor;
    }

    /** Starts serving {@code registry} on {@code host:port} (port 0 picks a free one). */
    public static SchemaRegistryHttpServer start(InMemorySchemaRegistry registry, String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "schema-registry-http");
            t.setDaemon(true);
            return t;
        });
        SchemaRegistryHttpServer result = new SchemaRegistryHttpServer(registry, server, executor);
        server.createContext("/", result::handle);
        server.setExecutor(executor);
        server.start();
        return result;
    }

    /** Base URL for {@code schema.registry.url}. */
    public URI url() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort());
    }

    public InMemorySchemaRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            List<String> parts = segments(exchange.getRequestURI().getRawPath());
            try {
                JsonNode body = "POST".equals(method) || "PUT".equals(method)
                        ? readBody(exchange) : JSON.nullNode();
                respond(exchange, 200, route(method, parts, body));
            } catch (SchemaNotFoundException e) {
                respond(exchange, 404, error(e.errorCode(), e.getMessage()));
            } catch (IncompatibleSchemaException e) {
                respond(exchange, 409, error(409, e.getMessage()));
            } catch (SchemaParseException | IllegalArgumentException | InvalidSchemaException e) {
                respond(exchange, 422, error(42201, "Invalid schema or request: " + e.getMessage()));
            } catch (UnsupportedOperationException e) {
                respond(exchange, 404, error(404, e.getMessage()));
            } catch (RuntimeException e) {
                respond(exchange, 500, error(50001, e.toString()));
            }
        }
    }

    private JsonNode route(String method, List<String> p, JsonNode body) {
        String route = method + " " + (p.isEmpty() ? "" : p.get(0)) + "/" + p.size();
        return switch (route) {
            case "GET subjects/1" -> array(registry.subjects());
            case "POST subjects/3" -> { // POST /subjects/{s}/versions
                requireLiteral(p, 2, "versions");
                yield JSON.createObjectNode().put("id", registry.register(p.get(1), schemaOf(body)));
            }
            case "POST subjects/2" -> lookup(p.get(1), schemaOf(body));
            case "GET subjects/3" -> {
                requireLiteral(p, 2, "versions");
                ArrayNode versions = JSON.createArrayNode();
                registry.versions(p.get(1)).forEach(v -> versions.add(v.version()));
                yield versions;
            }
            case "GET subjects/4" -> versionJson(version(p.get(1), p.get(3)));
            case "GET subjects/5" -> { // .../versions/{v}/schema
                requireLiteral(p, 4, "schema");
                yield JSON.getNodeFactory().rawValueNode(
                        new com.fasterxml.jackson.databind.util.RawValue(version(p.get(1), p.get(3)).schema().toString()));
            }
            case "GET schemas/3" -> JSON.createObjectNode().put("schema", registry.schemaById(id(p.get(2))).toString());
            case "GET schemas/4" -> JSON.getNodeFactory().rawValueNode(
                    new com.fasterxml.jackson.databind.util.RawValue(registry.schemaById(id(p.get(2))).toString()));
            case "POST compatibility/5" -> {
                Schema candidate = schemaOf(body);
                String subject = p.get(2);
                boolean ok;
                try {
                    ok = registry.isCompatible(subject, candidate);
                } catch (SchemaNotFoundException e) {
                    ok = true;
                }
                yield JSON.createObjectNode().put("is_compatible", ok);
            }
            case "GET config/1" -> JSON.createObjectNode().put("compatibilityLevel", registry.compatibility(null).name());
            case "GET config/2" -> JSON.createObjectNode().put("compatibilityLevel", registry.compatibility(p.get(1)).name());
            case "PUT config/1", "PUT config/2" -> {
                Compatibility level = Compatibility.valueOf(body.path("compatibility").asText());
                registry.setCompatibility(p.size() == 1 ? null : p.get(1), level);
                yield JSON.createObjectNode().put("compatibility", level.name());
            }
            default -> throw new UnsupportedOperationException("No endpoint " + method + " /" + String.join("/", p));
        };
    }

    private JsonNode lookup(String subject, Schema schema) {
        for (RegisteredSchema v : registry.versions(subject)) {
            if (v.schema().toString().equals(schema.toString())) {
                return versionJson(v);
            }
        }
        throw new SchemaNotFoundException("Schema not found under subject " + subject, 40403);
    }

    private RegisteredSchema version(String subject, String version) {
        List<RegisteredSchema> versions = registry.versions(subject);
        if ("latest".equals(version) || "-1".equals(version)) {
            return versions.get(versions.size() - 1);
        }
        int v = Integer.parseInt(version);
        if (v < 1 || v > versions.size()) {
            throw new SchemaNotFoundException("Version " + version + " not found.", 40402);
        }
        return versions.get(v - 1);
    }

    private static ObjectNode versionJson(RegisteredSchema v) {
        return JSON.createObjectNode().put("subject", v.subject()).put("version", v.version())
                .put("id", v.id()).put("schema", v.schema().toString());
    }

    private static Schema schemaOf(JsonNode body) {
        String type = body.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new IllegalArgumentException("only AVRO schemas are supported, got " + type);
        }
        if (!body.path("schema").isTextual()) {
            throw new IllegalArgumentException("body must be {\"schema\": \"...\"}");
        }
        return new Schema.Parser().parse(body.path("schema").asText());
    }

    private static void requireLiteral(List<String> parts, int index, String literal) {
        if (!literal.equals(parts.get(index))) {
            throw new UnsupportedOperationException("No endpoint /" + String.join("/", parts));
        }
    }

    private static int id(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new SchemaNotFoundException("Schema " + text + " not found", 40403);
        }
    }

    private static ArrayNode array(List<String> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static ObjectNode error(int code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message);
    }

    private static List<String> segments(String rawPath) {
        return java.util.Arrays.stream(rawPath.split("/")).filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
    }

    private static JsonNode readBody(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        if (bytes.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("request body is not JSON: " + e.getMessage());
        }
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
