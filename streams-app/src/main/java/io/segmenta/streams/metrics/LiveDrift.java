package io.segmenta.streams.metrics;

import io.segmenta.assigner.drift.DriftAccumulator;
import io.segmenta.avro.SegmentModel;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest finished drift window of every task in this process, merged on read into one view for the gauges and
 * {@code GET /segments}. Tasks publish copies, never their live accumulators, so readers on other threads see
 * immutable data. Thread-safe.
 */
public final class LiveDrift {

    /** Merged statistics of the tasks' latest windows for the newest model any of them reported. */
    public record Summary(long modelVersion, DriftAccumulator stats, Instant windowStart, Instant windowEnd) {
    }

    private record Window(SegmentModel model, DriftAccumulator stats, long startMillis, long endMillis) {
    }

    private final Map<String, Window> latestByTask = new ConcurrentHashMap<>();

    /** Publishes a task's finished window; {@code finished} is copied and may be reset by the caller afterwards. */
    public void publish(String taskId, SegmentModel model, DriftAccumulator finished, long startMillis, long endMillis) {
        DriftAccumulator copy = DriftAccumulator.of(model).merge(finished);
        latestByTask.put(taskId, new Window(model, copy, startMillis, endMillis));
    }

    /** A task closed (revoked or shut down): its windows no longer describe this process. */
    public void remove(String taskId) {
        latestByTask.remove(taskId);
    }

    public Optional<Summary> summary() {
        Optional<Window> newest = latestByTask.values().stream()
                .max(Comparator.comparingLong(w -> w.model.getVersion()));
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        SegmentModel model = newest.get().model;
        DriftAccumulator merged = DriftAccumulator.of(model);
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (Window w : latestByTask.values()) {
            if (w.model.getVersion() == model.getVersion()) {
                merged.merge(w.stats);
                start = Math.min(start, w.startMillis);
                end = Math.max(end, w.endMillis);
            }
        }
        return Optional.of(new Summary(model.getVersion(), merged, Instant.ofEpochMilli(start), Instant.ofEpochMilli(end)));
    }
}
