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
import java.time.Instant;
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
        assertThat(body.get("previousSegmentId").asInt()).isEqualTo(1);
        assertThat(body.get("segmentSince").asText()).isEqualTo("2026-01-10T08:00:00Z");
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
    void atAsksForTheSegmentHeldThenAndAnInstantOrADateIsAccepted() throws Exception {
        queries.customers = (id, forwarded) -> new CustomerLookup.Found(new Views.HeldAtView(id,
                "2026-01-10T00:00:00Z", 4, "Loyal", 3, "2026-01-08T12:00:00Z", "EVENT"));

        HttpResponse<String> instant = get("/customers/alice?at=2026-01-10T00:00:00Z");
        HttpResponse<String> date = get("/customers/alice?at=2026-01-10");

        assertThat(instant.statusCode()).isEqualTo(200);
        assertThat(json.readTree(instant.body()).get("segmentId").asInt()).isEqualTo(4);
        assertThat(json.readTree(instant.body()).get("since").asText()).isEqualTo("2026-01-08T12:00:00Z");
        assertThat(date.statusCode()).isEqualTo(200);
        Instant tenth = Instant.parse("2026-01-10T00:00:00Z");
        assertThat(queries.queries).containsExactly(new CustomerQuery.At(tenth), new CustomerQuery.At(tenth));
    }

    @Test
    void aTimeThatCannotBeReadIs400AndNotAsked() throws Exception {
        HttpResponse<String> response = get("/customers/alice?at=yesterday");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("message").asText()).contains("yesterday");
        assertThat(queries.asked).isEmpty();
    }

    @Test
    void aQuestionWithoutAnAnswerIs404WithItsReason() throws Exception {
        queries.customers = (id, forwarded) -> new CustomerLookup.NoAnswer("not_kept", "before her oldest kept transition");

        HttpResponse<String> response = get("/customers/alice?at=2020-01-01");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json.readTree(response.body()).get("error").asText()).isEqualTo("not_kept");
    }

    @Test
    void historyListsTheTransitionsAndAnIdMayEndInHistoryWhenEncoded() throws Exception {
        queries.customers = (id, forwarded) -> new CustomerLookup.Found(new Views.HistoryView(id, 64, false, List.of(
                new Views.TransitionView("2026-01-08T12:00:00Z", 2, 4, "Loyal", 3, "EVENT"),
                new Views.TransitionView("2026-01-01T00:00:00Z", null, 2, "New", 1, "MODEL_UPDATE"))));

        HttpResponse<String> history = get("/customers/alice/history");
        HttpResponse<String> oddId = get("/customers/x%2Fhistory");

        JsonNode body = json.readTree(history.body());
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(body.get("transitions").get(0).get("segmentId").asInt()).isEqualTo(4);
        assertThat(body.get("transitions").get(1).get("fromSegmentId").isNull()).isTrue();
        assertThat(queries.asked).containsExactly("alice", "x/history");
        assertThat(queries.queries.get(0)).isInstanceOf(CustomerQuery.History.class);
        assertThat(queries.queries.get(1)).isInstanceOf(CustomerQuery.Current.class);
    }

    @Test
    void aPointInTimeQuestionIsForwardedWithItsTime() throws Exception {
        // given: the other instance holds carol
        FakeQueries owner = new FakeQueries();
        owner.customers = (id, forwarded) -> new CustomerLookup.Found(new Views.HistoryView(id, 64, true, List.of()));
        other = AssignerHttpServer.bind("127.0.0.1", 0);
        other.start(owner, () -> "");
        URI ownerUrl = other.url();
        queries.customers = (id, forwarded) -> new CustomerLookup.Elsewhere(ownerUrl);
        // when
        HttpResponse<String> at = get("/customers/carol%20x?at=2026-01-10");
        HttpResponse<String> history = get("/customers/carol%20x/history");
        // then: the owner was asked the same questions, once each
        assertThat(at.statusCode()).isEqualTo(200);
        assertThat(json.readTree(history.body()).get("truncated").asBoolean()).isTrue();
        assertThat(owner.asked).containsExactly("carol x (forwarded)", "carol x (forwarded)");
        assertThat(owner.queries).containsExactly(new CustomerQuery.At(Instant.parse("2026-01-10T00:00:00Z")),
                new CustomerQuery.History());
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
