package io.segmenta.benchmarks.quality;

import io.segmenta.avro.SegmentAssignment;

/**
 * One record of {@code segment-assignments}: the assigner writes one whenever a customer's segment or the model
 * version scoring it changes, so the records of a customer are its segment timeline, model by model.
 *
 * @param eventTimeMillis event time of the latest event in the customer's profile when it was scored
 */
public record AssignmentRecord(String customerId, int segmentId, long modelVersion, long eventTimeMillis) {

    static AssignmentRecord of(SegmentAssignment a) {
        return new AssignmentRecord(a.getCustomerId(), a.getSegmentId(), a.getModelVersion(),
                a.getEventTime().toEpochMilli());
    }
}
