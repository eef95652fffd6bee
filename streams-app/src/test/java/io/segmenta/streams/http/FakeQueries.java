package io.segmenta.streams.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/** A test double of the query side: answers what the test told it to, records what it was asked. */
final class FakeQueries implements AssignerQueries {

    BiFunction<String, Boolean, CustomerLookup> customers = (id, forwarded) -> new CustomerLookup.NotFound();
    /** The questions asked, in order. */
    final List<CustomerQuery> queries = new ArrayList<>();
    Optional<Views.SegmentsView> segments = Optional.empty();
    Views.ModelsView models = new Views.ModelsView("default", null, List.of(),
            new Views.RescoreView(false, null, 0, 0, 1.0));
    String state = "REBALANCING";
    final List<String> asked = new ArrayList<>();

    static CustomerLookup found(String id, int segment) {
        return new CustomerLookup.Found(new Views.CustomerView(id, segment, "Big spenders", 0.9, 1.5, "default", 3L,
                "2026-01-15T11:00:00Z", List.of(new Views.Contribution("monetary", 2.5)), features(),
                "2026-01-15T11:00:00Z", "active", "2026-01-15T10:00:00Z", 4, null, null, 1, "2026-01-10T08:00:00Z"));
    }

    private static Map<String, Object> features() {
        Map<String, Object> f = new HashMap<>();
        f.put("monetary", 2000.0);
        f.put("age", null);
        return f;
    }

    @Override
    public CustomerLookup customer(String customerId, CustomerQuery query, boolean forwarded) {
        asked.add(customerId + (forwarded ? " (forwarded)" : ""));
        queries.add(query);
        return customers.apply(customerId, forwarded);
    }

    @Override
    public Optional<Views.SegmentsView> segments() {
        return segments;
    }

    @Override
    public Views.ModelsView models() {
        return models;
    }

    @Override
    public String streamsState() {
        return state;
    }

    @Override
    public boolean ready() {
        return state.equals("RUNNING");
    }
}
