package io.segmenta.benchmarks.quality;

/**
 * One model scored on its own window's profiles, rebuilt by the benchmark: the customers the trainer would have
 * walked at that window's close (everyone with an event before its end), each customer's segment under the model
 * and under a batch K-Means fitted with the same k on the same scaled vectors, and the truth at the window end.
 *
 * @param customerIds    the customers, sorted
 * @param modelSegments  stable segment id the published model gives each customer
 * @param behaviours     truth behaviour at the window end, null where unknown (no truth, or a customer the truth
 *                       does not list)
 * @param ariModel       ARI of the model's segments to the truth (NaN without truth)
 * @param ariBatch       ARI of the batch K-Means to the truth (NaN without truth, or too few customers)
 * @param ariModelBatch  ARI between the model's segments and the batch K-Means' (needs no truth)
 */
public record WindowScores(long version, long windowEnd, String[] customerIds, int[] modelSegments,
                           String[] behaviours, double ariModel, double ariBatch, double ariModelBatch) {
}
