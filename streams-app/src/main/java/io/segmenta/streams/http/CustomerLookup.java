package io.segmenta.streams.http;

import java.net.URI;

/** The answer of the query side for one customer. */
public sealed interface CustomerLookup {

    /** @param view the JSON body: a {@link Views.CustomerView}, {@link Views.HeldAtView} or {@link Views.HistoryView} */
    record Found(Object view) implements CustomerLookup {
    }

    /** No such customer. */
    record NotFound() implements CustomerLookup {
    }

    /** The customer exists but the question has no answer, e.g. a time before her kept history (404 with reason). */
    record NoAnswer(String error, String message) implements CustomerLookup {
    }

    /** Another instance owns the customer's partition; the HTTP layer forwards the request there. */
    record Elsewhere(URI owner) implements CustomerLookup {
    }

    /** Cannot answer right now (rebalancing, store not ready); the client should retry. */
    record Unavailable(String reason) implements CustomerLookup {
    }
}
