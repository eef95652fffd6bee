package io.segmenta.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client of the Confluent Schema Registry REST API over {@code java.net.http}, with caching of ids in both
 * directions (ids are immutable, so cached forever), retries with exponential back-off on 5xx, time-outs and
 * refused connections, fail-over across several URLs, basic auth and TLS.
 *
 * <p>Tolerates the known differences of compatible servers (Apicurio's ccompat API): 409 with error code 0,
 * 40402 for an unknown subject, a compatibility answer without {@code messages}, no
 * {@code /schemas/ids/{id}/schema} endpoint (we use {@code /schemas/ids/{id}}).
 */
public final class RestSchemaRegistryClient implements SchemaRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistryConfig config;
    private final HttpClient http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

    public RestSchemaRegistryClient(SchemaRegistryConfig config) {
        this.config = config;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(config.requestTimeout());
        config.sslContext().ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    public SchemaRegistryConfig config() {
        return config;
    }

    @Override
    public int register(String subject, Schema schema) {
        Map<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = ids.get(schema);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        int id = answer.path("id").asInt(-1);
        if (id < 0) {
            throw new InvalidSchemaException("Registry answered a registration without an id: " + answer, 200, 0);
        }
        ids.put(schema, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("GET", "/schemas/ids/" + id, null);
        Schema schema = parse(answer.path("schema").asText());
        schemasById.putIfAbsent(id, schema);
        return schemasById.get(id);
    }

    @Override
    public RegisteredSchema latest(String subject) {
        JsonNode answer = call("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        Schema schema = parse(answer.path("schema").asText());
        int id = answer.path("id").asInt();
        schemasById.putIfAbsent(id, schema);
        return new RegisteredSchema(answer.path("subject").asText(subject), answer.path("version").asInt(), id, schema);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode answer = call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                    schemaBody(schema));
            return answer.path("is_compatible").asBoolean(false);
        } catch (SchemaNotFoundException noSubjectYet) {
            return true;
        }
    }

    @Override
    public Compatibility compatibility(String subject) {
        String path = subject == null ? "/config" : "/config/" + encode(subject);
        JsonNode answer;
        try {
            answer = call("GET", path, null);
        } catch (SchemaNotFoundException noSubjectLevel) {
            return compatibility(null);
        }
        // Confluent answers compatibilityLevel; some servers and versions answer compatibility
        String level = answer.path("compatibilityLevel").asText(answer.path("compatibility").asText("NONE"));
        return Compatibility.valueOf(level);
    }

    @Override
    public void setCompatibility(String subject, Compatibility level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level.name());
        call("PUT", subject == null ? "/config" : "/config/" + encode(subject), body.toString());
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).put("schemaType", "AVRO").toString();
    }

    private static Schema parse(String text) {
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            throw new InvalidSchemaException("Registry returned a schema that does not parse: " + e.getMessage(), 200, 0);
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }

    /** One call with retries over every configured URL; maps error answers to typed exceptions. */
    private JsonNode call(String method, String path, String body) {
        long backoff = config.initialBackoff().toMillis();
        SchemaRegistryUnavailableException last = null;
        for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
            URI base = config.urls().get(attempt % config.urls().size());
            try {
                HttpResponse<String> response = http.send(request(method, URI.create(base + path), body),
                        HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
                }
                if (status >= 500 || status == 408 || status == 429) {
                    last = new SchemaRegistryUnavailableException(describe(method, base, path) + " answered "
                            + status + ": " + response.body(), status, null);
                } else {
                    throw clientError(method, base, path, status, response.body());
                }
            } catch (IOException e) {
                last = new SchemaRegistryUnavailableException(describe(method, base, path) + " failed: " + e, 0, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryUnavailableException(describe(method, base, path) + " interrupted", 0, e);
            }
            if (attempt < config.maxRetries()) {
                LOG.warn("Schema registry call failed ({}); retry {} of {} in {} ms",
                        last.getMessage(), attempt + 1, config.maxRetries(), backoff);
                sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
        throw last;
    }

    private HttpRequest request(String method, URI uri, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("Accept", CONTENT_TYPE + ", application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            builder.header("Content-Type", CONTENT_TYPE);
        }
        config.userInfo().ifPresent(userInfo -> builder.header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8))));
        return builder.build();
    }

    private static SchemaRegistryException clientError(String method, URI base, String path, int status, String body) {
        int code = 0;
        String message = body;
        try {
            JsonNode error = JSON.readTree(body);
            code = error.path("error_code").asInt(0);
            message = error.path("message").asText(body);
        } catch (IOException | RuntimeException notJson) {
            // keep the raw body as the message
        }
        String text = describe(method, base, path) + " answered " + status
                + (code != 0 ? " (error " + code + ")" : "") + ": " + message;
        return switch (status) {
            case 404 -> new SchemaNotFoundException(text, code);
            case 409 -> new IncompatibleSchemaException(text, code);
            case 401, 403 -> new SchemaRegistryException(text + " (check basic.auth.user.info)", status, code);
            default -> new InvalidSchemaException(text, status, code);
        };
    }

    private static String describe(String method, URI base, String path) {
        return "Schema registry " + method + " " + base + path;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryUnavailableException("interrupted while backing off", 0, e);
        }
    }

    /** A client for the URLs in Confluent-style properties. */
    public static RestSchemaRegistryClient fromProperties(Map<String, ?> props) {
        return new RestSchemaRegistryClient(SchemaRegistryConfig.fromProperties(props));
    }
}
