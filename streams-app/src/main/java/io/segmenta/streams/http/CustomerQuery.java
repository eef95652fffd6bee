package io.segmenta.streams.http;

import java.time.Instant;
import java.util.Objects;

/** What is asked about one customer: her segment now, at an instant, or her transitions. */
public sealed interface CustomerQuery {

    /** {@code GET /customers/{id}}: segment, explanation and profile now. */
    record Current() implements CustomerQuery {
    }

    /** {@code GET /customers/{id}?at=<instant>}: the segment she held at that instant (event time). */
    record At(Instant at) implements CustomerQuery {
        public At {
            Objects.requireNonNull(at, "at");
        }
    }

    /** {@code GET /customers/{id}/history}: her latest transitions, newest first. */
    record History() implements CustomerQuery {
    }
}
