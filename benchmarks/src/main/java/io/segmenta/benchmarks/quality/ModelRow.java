package io.segmenta.benchmarks.quality;

import java.util.List;

/**
 * One row of the per-model table.
 *
 * @param windowEnd       the model's training window end (event time, ISO)
 * @param population      customers with an event before the window end (the profiles scored for the ARI columns)
 * @param ariModel        ARI of the published model to the truth on those profiles (NaN without truth)
 * @param ariBatch        ARI of the project's batch K-Means, same k, same scaled profiles, to the truth
 * @param ariModelBatch   ARI between the model's segments and the batch K-Means' on the same profiles
 * @param moved           see {@link MovedShare}
 * @param labelChanges    stable ids kept from the previous version whose label changed
 * @param decision        the trainer's {@code decision} tag: how the model was fitted
 * @param lineageEdges    the lineage as written, e.g. {@code SURVIVED 3->3}, {@code SPLIT 2->2,7}
 * @param lineageProblems lineage that does not add up against the parent (empty when consistent)
 */
public record ModelRow(long version, Long parentVersion, String windowEnd, int k, long sampleSize, int population,
                       double ariModel, double ariBatch, double ariModelBatch, MovedShare moved,
                       LineageCounts lineage, int labelChanges, List<Integer> segmentIds, String decision,
                       List<String> lineageEdges, List<String> lineageProblems) {
}
