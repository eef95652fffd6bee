package io.segmenta.benchmarks.quality;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the data generator knows about each customer: the behaviour it follows at a given time. The demo's synthetic
 * feed gives one fixed segment per customer; the independent generator writes a timeline with at most one switch.
 * Both are read through this interface so that the metrics do not care which generator made the data.
 */
public interface Truth {

    /** The behaviour of the customer at {@code t}, or null when the customer is unknown. */
    String behaviourAt(String customerId, Instant t);

    /** Customers with a known behaviour. */
    Set<String> customers();

    /** When the customer switched behaviour, if it did (empty for stationary customers). */
    Optional<Instant> switchTime(String customerId);

    /** True when no customer switches: drift lag is not measured. */
    default boolean stationary() {
        return customers().stream().allMatch(c -> switchTime(c).isEmpty());
    }

    /** No truth at all (real data): every truth column prints "–". */
    static Truth none() {
        return stationary(Map.of());
    }

    /** One behaviour per customer for the whole run (the demo's synthetic truth). */
    static Truth stationary(Map<String, String> behaviourByCustomer) {
        Map<String, String> copy = Map.copyOf(behaviourByCustomer);
        return new Truth() {
            @Override
            public String behaviourAt(String customerId, Instant t) {
                return copy.get(customerId);
            }

            @Override
            public Set<String> customers() {
                return copy.keySet();
            }

            @Override
            public Optional<Instant> switchTime(String customerId) {
                return Optional.empty();
            }
        };
    }
}
