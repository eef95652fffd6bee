package io.segmenta.streams.http;

import java.net.URI;

/** The answer of the query side for one customer. */
public sealed interface CustomerLookup {

    record Found(Views.CustomerView customer) implements CustomerLookup {
    }

    record NotFound() implements CustomerLookup {
    }

    /** Another instance owns the customer's partition; the HTTP layer forwards the request there. */
    record Elsewhere(URI owner) implements CustomerLookup {
    }

    /** Cannot answer right now (rebalancing, store not ready); the client should retry. */
    record Unavailable(String reason) implements CustomerLookup {
    }
}
