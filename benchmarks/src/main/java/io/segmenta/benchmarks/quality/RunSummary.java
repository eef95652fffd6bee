package io.segmenta.benchmarks.quality;

import java.util.List;

/**
 * The per-run figures.
 *
 * @param distinctSegmentIds stable ids used by any model of the run
 * @param kSequence          k of each model, in version order
 * @param kOscillates        k came back to a value it had left (A, B, A): the instability the targets forbid
 * @param movedMedian        median share moved per refit after warm-up (models after the first {@code warmupModels})
 * @param mostMoved          the refit after warm-up that moved the largest share, null if none
 * @param driftLags          null when the truth has no switches (or there is no truth)
 * @param changeShape        reversals (A, B, A) and moves of new customers
 */
public record RunSummary(int models, int distinctSegmentIds, List<Integer> kSequence, int kChanges,
                         boolean kOscillates, ChangeRates changeRates, ChangeShape changeShape, int warmupModels, int refitsAfterWarmup,
                         double movedMedian, double movedMax, Long mostMoved, DriftLags driftLags, long eventsSent,
                         long eventsRejected, long eventsDuplicate, long unreadableRecords, double seconds,
                         int lineageProblems) {
}
