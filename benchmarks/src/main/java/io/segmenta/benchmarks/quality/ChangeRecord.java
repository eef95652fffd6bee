package io.segmenta.benchmarks.quality;

import io.segmenta.avro.ChangeCause;
import io.segmenta.avro.SegmentChange;

/**
 * One record of {@code segment-changes}, reduced to what the metrics read (the Avro object keeps strings and
 * explanations we do not need, and the Online Retail year has hundreds of thousands of them).
 *
 * @param previousSegmentId null for a customer's first assignment, which is not a change of segment
 * @param eventTimeMillis   event time of the latest event in the customer's profile when it changed
 */
public record ChangeRecord(String customerId, Integer previousSegmentId, int segmentId, long modelVersion,
                           ChangeCause cause, long eventTimeMillis) {

    static ChangeRecord of(SegmentChange c) {
        return new ChangeRecord(c.getCustomerId(), c.getPreviousSegmentId(), c.getSegmentId(), c.getModelVersion(),
                c.getCause(), c.getEventTime().toEpochMilli());
    }

    /** A move between segments, as opposed to the first assignment of a customer. */
    public boolean isMove() {
        return previousSegmentId != null;
    }
}
