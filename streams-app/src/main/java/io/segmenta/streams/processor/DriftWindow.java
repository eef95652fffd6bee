package io.segmenta.streams.processor;

import io.segmenta.assigner.drift.DriftAccumulator;
import io.segmenta.assigner.scoring.Assignment;
import io.segmenta.avro.SegmentModel;
import io.segmenta.streams.metrics.LiveDrift;

import java.time.Duration;

/**
 * One task's drift statistics of live (event-driven) assignments over wall-clock windows. A finished window with
 * assignments is published to {@link LiveDrift}; an empty one is not, so that a quiet minute does not read as
 * "no drift". A model switch closes the current window early. Not thread-safe: owned by the task.
 */
final class DriftWindow {

    private final String taskId;
    private final LiveDrift live;
    private final long windowMillis;

    private SegmentModel model;
    private DriftAccumulator stats;
    private long startMillis;

    DriftWindow(String taskId, LiveDrift live, Duration window) {
        this.taskId = taskId;
        this.live = live;
        this.windowMillis = window.toMillis();
    }

    void startModel(SegmentModel next, long nowMillis) {
        publish(nowMillis);
        model = next;
        stats = DriftAccumulator.of(next);
        startMillis = nowMillis;
    }

    void add(Assignment assignment, boolean changed) {
        if (stats != null) {
            stats.add(assignment, changed);
        }
    }

    void rollIfDue(long nowMillis) {
        if (stats != null && nowMillis - startMillis >= windowMillis) {
            publish(nowMillis);
            stats.reset();
            startMillis = nowMillis;
        }
    }

    void close() {
        live.remove(taskId);
    }

    private void publish(long nowMillis) {
        if (stats != null && stats.assignments() > 0) {
            live.publish(taskId, model, stats, startMillis, nowMillis);
        }
    }
}
