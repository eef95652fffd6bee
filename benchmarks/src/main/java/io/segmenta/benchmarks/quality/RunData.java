package io.segmenta.benchmarks.quality;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.SegmentModel;

import java.util.List;

/**
 * Everything one pipeline run produced, and the events it was fed.
 *
 * @param events      the events sent, sorted by event time (the order the benchmark folds them in)
 * @param seconds     wall time from start to settled
 * @param unreadable  output records the collector could not decode (should be 0)
 */
public record RunData(String feedDescription, List<CustomerEvent> events, List<SegmentModel> models,
                      List<ChangeRecord> changes, List<AssignmentRecord> assignments, long produced, double seconds,
                      long unreadable) {
}
