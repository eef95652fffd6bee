package io.segmenta.streams.processor;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which records of the events topic an assigner application processes: all of them (the live assigner), or a replay's
 * range. A record outside the scope is skipped before it is decoded into state: no fold, no output (metric
 * {@code segmenta.assigner.out.of.scope}).
 *
 * @param from       earliest event time processed (inclusive), or null for no bound
 * @param to         event time where processing stops (exclusive), or null for no bound
 * @param customers  the customers processed; empty for all
 * @param endOffsets per partition of the events topic, the offset where processing stops (a replay ends at the end
 *                   offsets it saw at start, whatever arrives later); empty for no bound
 * @param pinnedVersion the one model version every event is scored with, whatever its time (a replay pinned to a
 *                   model, e.g. one just published by {@code analyze --publish}); 0 for the model history
 */
public record EventScope(Instant from, Instant to, Set<String> customers, Map<Integer, Long> endOffsets,
                         long pinnedVersion) {

    /** Every record, with the model history: the live assigner. */
    public static final EventScope ALL = new EventScope(null, null, Set.of(), Map.of(), 0);

    /** A range scored with the model history. */
    public EventScope(Instant from, Instant to, Set<String> customers, Map<Integer, Long> endOffsets) {
        this(from, to, customers, endOffsets, 0);
    }

    public EventScope {
        customers = Set.copyOf(Objects.requireNonNull(customers, "customers"));
        endOffsets = Map.copyOf(Objects.requireNonNull(endOffsets, "endOffsets"));
        if (pinnedVersion < 0) {
            throw new IllegalArgumentException("a pinned version is positive, was " + pinnedVersion);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("the range is empty: from " + from + " is not before to " + to);
        }
    }

    /** True when the record at {@code offset} of {@code partition} is past the end offsets of the scope. */
    public boolean pastEnd(int partition, long offset) {
        Long end = endOffsets.get(partition);
        return !endOffsets.isEmpty() && (end == null || offset >= end);
    }

    /** True when an event of {@code customerId} at {@code eventTimeMillis} is in the range and the customer list. */
    public boolean admits(String customerId, long eventTimeMillis) {
        return (from == null || eventTimeMillis >= from.toEpochMilli())
                && (to == null || eventTimeMillis < to.toEpochMilli())
                && (customers.isEmpty() || customers.contains(customerId));
    }

    public boolean isAll() {
        return equals(ALL);
    }
}
