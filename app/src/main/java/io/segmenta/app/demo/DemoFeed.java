package io.segmenta.app.demo;

import io.segmenta.avro.CustomerEvent;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The events a demo replays, in event-time order, and what is known about them.
 *
 * @param done  progress so far, in the unit of {@code total} (events, or files of a folder)
 * @param total size of the data in that unit, when known (0 = unknown: no progress bar)
 * @param truth each customer's true segment (synthetic data), empty otherwise
 */
public record DemoFeed(String description, EventSource source, LongSupplier done, long total,
                       Map<String, String> truth) {

    /** Pushes every event, in order, to the sink. */
    @FunctionalInterface
    public interface EventSource {
        void forEach(Consumer<CustomerEvent> sink) throws Exception;
    }
}
