package io.segmenta.fitting.refit;

import io.segmenta.avro.SegmentModel;
import io.segmenta.avro.TrainingWindow;

import java.time.Instant;

/**
 * What the workers counted, summed over all of them.
 *
 * @param windowEnd      end of the training window (exclusive), event time
 * @param customers      customers with a profile
 * @param events         events folded in this window
 * @param firstEventTime earliest event folded in this window ({@code Long.MAX_VALUE} when none)
 * @param eventsEver     events folded so far
 * @param firstEventEver earliest event folded so far ({@code Long.MAX_VALUE} when none)
 */
public record WindowCounts(long windowEnd, long customers, long events, long firstEventTime, long eventsEver,
                           long firstEventEver) {

    /**
     * The model's training window: from the parent's end (or, for a first model, the first event ever, since its
     * profiles hold every event so far, windows closed without a model included) to this window's end.
     */
    TrainingWindow trainingWindow(SegmentModel parent) {
        long eventCount = parent == null ? Math.max(events, eventsEver) : events;
        long first = parent == null ? Math.min(firstEventTime, firstEventEver) : firstEventTime;
        long start = parent != null ? parent.getTrainingWindow().getEnd().toEpochMilli()
                : (first == Long.MAX_VALUE ? windowEnd : first);
        return TrainingWindow.newBuilder().setStart(Instant.ofEpochMilli(Math.min(start, windowEnd)))
                .setEnd(Instant.ofEpochMilli(windowEnd)).setSampleSize(customers).setEventCount(eventCount).build();
    }
}
