package io.segmenta.streams.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AssignerHttpServerTest {

    final HttpClient client = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    final FakeQueries queries = new FakeQueries();
    AssignerHttpServer server;
    AssignerHttpServer other;

    @BeforeEach
    void start() throws IOException {
        server = AssignerHttpServer.bind("127.0.0.1", 0);
        server.start(queries, () -> "# TYPE segmenta_assigner_events_total counter\nsegmenta_assigner_events_total 42.0\n");
    }

    @AfterEach
    void stop() {
        server.close();
        if (other != null) {
            other.close();
        }
    }

    HttpResponse<String> get(URI base, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return get(server.url(), path);
    }

    @Test
    void healthIsUpWhileTheProcessRuns() throws Exception {
        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("state").asText()).isEqualTo("UP");
    }

    @Test
    void readyIs503WithTheStateUntilStreamsRuns() throws Exception {
        HttpResponse<String> notYet = get("/ready");
        queries.state = "RUNNING";
        HttpResponse<String> ready = get("/ready");

        assertThat(notYet.statusCode()).isEqualTo(503);
        assertThat(json.readTree(notYet.body()).get("state").asText()).isEqualTo("REBALANCING");
        assertThat(ready.statusCode()).isEqualTo(200);
    }

    @Test
    void aKnownCustomerIsAnsweredAsJson() throws Exception {
        queries.customers = (id, forwarded) -> FakeQueries.found(id, 2);

        HttpResponse<String> response = get("/customers/alice");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("customerId").asText()).isEqualTo("alice");
        assertThat(body.get("segmentId").asInt()).isEqualTo(2);
        assertThat(body.get("explanation").get(0).get("feature").asText()).isEqualTo("monetary");
        assertThat(body.get("features").get("age").isNull()).isTrue();
    }

    @Test
    void anUnknownCustomerIs404WithAJsonError() throws Exception {
        HttpResponse<String> response = get("/customers/nobody");

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo("not_found");
        assertThat(body.get("message").asText()).contains("nobody");
    }

    @Test
    void customerIdsAreUrlDecoded() throws Exception {
        queries.customers = (id, forwarded) -> FakeQueries.found(id, 1);

        HttpResponse<String> response = get("/customers/a%2Fb%20c");

        assertThat(json.readTree(response.body()).get("customerId").asText()).isEqualTo("a/b c");
    }

    @Test
    void aCustomerHeldByAnotherInstanceIsAnsweredThroughIt() throws Exception {
        // given: the other instance holds carol
        FakeQueries owner = new FakeQueries();
        owner.customers = (id, forwarded) -> FakeQueries.found(id, 7);
        other = AssignerHttpServer.bind("127.0.0.1", 0);
        other.start(owner, () -> "");
        URI ownerUrl = other.url();
        queries.customers = (id, forwarded) -> new CustomerLookup.Elsewhere(ownerUrl);
        // when
        HttpResponse<String> response = get("/customers/carol%20x");
        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("segmentId").asInt()).isEqualTo(7);
        assertThat(owner.asked).containsExactly("carol x (forwarded)");
        assertThat(queries.asked).containsExactly("carol x");
    }

    @Test
    void anUnreachableOwnerIs502() throws Exception {
        queries.customers = (id, forwarded) -> new CustomerLookup.Elsewhere(URI.create("http://127.0.0.1:1"));

        HttpResponse<String> response = get("/customers/carol");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json.readTree(response.body()).get("error").asText()).isEqualTo("owner_unreachable");
    }

    @Test
    void anUnavailableStoreIs503() throws Exception {
        queries.customers = (id, forwarded) -> new CustomerLookup.Unavailable("rebalancing");

        HttpResponse<String> response = get("/customers/carol");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json.readTree(response.body()).get("message").asText()).isEqualTo("rebalancing");
    }

    @Test
    void segmentsAre404BeforeAModelAndListedAfter() throws Exception {
        assertThat(get("/segments").statusCode()).isEqualTo(404);

        queries.segments = Optional.of(new Views.SegmentsView("default", 3, "KMEANS", 1, "2026-01-14T10:00:00Z",
                List.of(new Views.SegmentView(1, "Small spenders", 600, 1.0, java.util.Map.of("monetary", 10.0), null, 12, 1.0)),
                null));
        JsonNode body = json.readTree(get("/segments").body());

        assertThat(body.get("modelVersion").asLong()).isEqualTo(3);
        assertThat(body.get("segments").get(0).get("liveCount").asLong()).isEqualTo(12);
    }

    @Test
    void modelsListVersionsAndReScoreProgress() throws Exception {
        queries.models = new Views.ModelsView("default", 2L,
                List.of(new Views.ModelEntry(3, "REFUSED", "half-life", "2026-01-15T10:00:00Z", null),
                        new Views.ModelEntry(2, "ACTIVE", null, "2026-01-15T09:00:00Z", "2026-01-14T00:00:00Z")),
                new Views.RescoreView(true, 2L, 500, 2000, 0.25));

        JsonNode body = json.readTree(get("/models").body());

        assertThat(body.get("activeVersion").asLong()).isEqualTo(2);
        assertThat(body.get("versions").get(0).get("status").asText()).isEqualTo("REFUSED");
        assertThat(body.get("versions").get(1).get("validFrom").asText()).isEqualTo("2026-01-14T00:00:00Z");
        assertThat(body.get("rescore").get("progress").asDouble()).isEqualTo(0.25);
    }

    @Test
    void metricsArePrometheusText() throws Exception {
        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(response.body()).contains("segmenta_assigner_events_total 42.0");
    }

    @Test
    void unknownRoutesAndMethodsAreJsonErrors() throws Exception {
        HttpResponse<String> unknown = get("/nope");
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(server.url().resolve("/health"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).get("error").asText()).isEqualTo("not_found");
        assertThat(post.statusCode()).isEqualTo(405);
    }
}
