package io.segmenta.streams.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The assigner's HTTP API on the JDK's own {@link HttpServer} (no web framework to keep up to date; the API is six
 * handful of read-only routes) with Jackson for JSON:
 * <ul>
 *   <li>{@code GET /customers/{id}}: the customer's segment, explanation and profile;
 *       {@code GET /customers/{id}?at=<instant>}: the segment she held then (event time);
 *       {@code GET /customers/{id}/history}: her latest transitions. Answered by the instance that owns the customer
 *       (a request to another instance is forwarded to it once)</li>
 *   <li>{@code GET /segments}, {@code GET /models}: the active model's segments with live counts; versions seen</li>
 *   <li>{@code GET /health} (200 while the process is up), {@code GET /ready} (200 when Streams is RUNNING, else 503)</li>
 *   <li>{@code GET /metrics}: Prometheus text format</li>
 * </ul>
 * Errors are JSON {@code {"error": ..., "message": ...}}. Bound in {@link #bind} before Kafka Streams is created,
 * so that the actual port (port 0 = any free one) can be advertised as {@code application.server}.
 */
public final class AssignerHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AssignerHttpServer.class);
    private static final String JSON = "application/json; charset=utf-8";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(5);
    private static final String CUSTOMERS = "/customers/";
    private static final String HISTORY = "/history";

    private final HttpServer server;
    private final ExecutorService executor;
    private final ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private AssignerQueries queries;
    private Supplier<String> metrics;

    private AssignerHttpServer(HttpServer server) {
        this.server = server;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "assigner-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
    }

    /** Binds the address (port 0: any free port) without serving yet. */
    public static AssignerHttpServer bind(String host, int port) throws IOException {
        return new AssignerHttpServer(HttpServer.create(new InetSocketAddress(host, port), 0));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI url() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getHostString();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort());
    }

    /** Starts serving. */
    public void start(AssignerQueries queries, Supplier<String> prometheusText) {
        this.queries = Objects.requireNonNull(queries, "queries");
        this.metrics = Objects.requireNonNull(prometheusText, "prometheusText");
        server.createContext("/", this::handle);
        server.start();
        LOG.info("Assigner HTTP API at {}", url());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "GET");
                sendJson(exchange, 405, new Views.ErrorView("method_not_allowed", "only GET is supported"));
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            switch (path) {
                case "/health" -> sendJson(exchange, 200, new Views.StateView("UP"));
                case "/ready" -> sendJson(exchange, queries.ready() ? 200 : 503, new Views.StateView(queries.streamsState()));
                case "/metrics" -> send(exchange, 200, PROMETHEUS_TEXT, metrics.get().getBytes(StandardCharsets.UTF_8));
                case "/models" -> sendJson(exchange, 200, queries.models());
                case "/segments" -> {
                    var segments = queries.segments();
                    if (segments.isPresent()) {
                        sendJson(exchange, 200, segments.get());
                    } else {
                        sendJson(exchange, 404, new Views.ErrorView("no_model", "no model is active yet"));
                    }
                }
                default -> {
                    if (path.startsWith(CUSTOMERS) && path.length() > CUSTOMERS.length()) {
                        customer(exchange, path.substring(CUSTOMERS.length()));
                    } else {
                        sendJson(exchange, 404, new Views.ErrorView("not_found", "no route " + path));
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("HTTP {} failed", exchange.getRequestURI(), e);
            sendJson(exchange, 500, new Views.ErrorView("internal_error", String.valueOf(e.getMessage())));
        }
    }

    /** @param rawRest the path after {@code /customers/}: the encoded id, then {@code /history} or nothing */
    private void customer(HttpExchange exchange, String rawRest) throws IOException {
        boolean history = rawRest.endsWith(HISTORY) && rawRest.length() > HISTORY.length();
        String rawId = history ? rawRest.substring(0, rawRest.length() - HISTORY.length()) : rawRest;
        if (rawId.contains("/")) {
            sendJson(exchange, 404, new Views.ErrorView("not_found", "no route " + CUSTOMERS + rawRest
                    + " (a '/' in a customer id is written %2F)"));
            return;
        }
        String id = URLDecoder.decode(rawId, StandardCharsets.UTF_8);
        Map<String, String> params = queryParameters(exchange.getRequestURI());
        CustomerQuery query;
        if (history) {
            query = new CustomerQuery.History();
        } else if (params.containsKey("at")) {
            Optional<Instant> at = parseInstant(params.get("at"));
            if (at.isEmpty()) {
                sendJson(exchange, 400, new Views.ErrorView("bad_request", "at must be an ISO-8601 instant "
                        + "(2026-01-15T10:00:00Z) or date (2026-01-15, its start in UTC), got '" + params.get("at") + "'"));
                return;
            }
            query = new CustomerQuery.At(at.get());
        } else {
            query = new CustomerQuery.Current();
        }
        CustomerLookup answer = queries.customer(id, query, "true".equals(params.get("forwarded")));
        switch (answer) {
            case CustomerLookup.Found found -> sendJson(exchange, 200, found.view());
            case CustomerLookup.NotFound ignored ->
                    sendJson(exchange, 404, new Views.ErrorView("not_found", "no customer '" + id + "'"));
            case CustomerLookup.NoAnswer none -> sendJson(exchange, 404, new Views.ErrorView(none.error(), none.message()));
            case CustomerLookup.Unavailable u -> sendJson(exchange, 503, new Views.ErrorView("unavailable", u.reason()));
            case CustomerLookup.Elsewhere elsewhere -> forward(exchange, id, elsewhere.owner());
        }
    }

    /** Asks the owning instance the same question and relays its answer, status included. */
    private void forward(HttpExchange exchange, String id, URI owner) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        URI target = owner.resolve(exchange.getRequestURI().getRawPath()
                + "?" + (query == null || query.isEmpty() ? "" : query + "&") + "forwarded=true");
        try {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(target).timeout(FORWARD_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            String type = response.headers().firstValue("Content-Type").orElse(JSON);
            exchange.getResponseHeaders().add("X-Served-By", owner.toString());
            send(exchange, response.statusCode(), type, response.body());
        } catch (IOException e) {
            sendJson(exchange, 502, new Views.ErrorView("owner_unreachable",
                    "customer '" + id + "' is held by " + owner + ", which did not answer: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sendJson(exchange, 503, new Views.ErrorView("interrupted", "shutting down"));
        }
    }

    /** An instant, or a date read as its start in UTC. */
    static Optional<Instant> parseInstant(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.trim()));
        } catch (DateTimeParseException notAnInstant) {
            try {
                return Optional.of(LocalDate.parse(text.trim()).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static Map<String, String> queryParameters(URI uri) {
        Map<String, String> params = new HashMap<>();
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                params.putIfAbsent(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, JSON, json.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
