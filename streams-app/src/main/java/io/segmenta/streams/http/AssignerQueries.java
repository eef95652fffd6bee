package io.segmenta.streams.http;

import java.util.Optional;

/** What the HTTP API asks of the running assigner; {@link StreamsQueries} answers from Kafka Streams. */
public interface AssignerQueries {

    /**
     * @param forwarded true when another instance forwarded the request: answer locally or not at all, so that
     *                  instances with different views of the partition assignment never forward in circles
     */
    CustomerLookup customer(String customerId, CustomerQuery query, boolean forwarded);

    /** The active model's segments, or empty before the first model. */
    Optional<Views.SegmentsView> segments();

    Views.ModelsView models();

    /** Kafka Streams' state, e.g. RUNNING or REBALANCING. */
    String streamsState();

    /** Whether the assigner is processing (Streams RUNNING). */
    boolean ready();
}
