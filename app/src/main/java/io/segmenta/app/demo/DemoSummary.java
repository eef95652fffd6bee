package io.segmenta.app.demo;

import java.util.Map;

/**
 * What a demo run did, printed at the end and written as JSON with {@code --summary FILE}.
 *
 * @param adjustedRandIndex agreement of the assigned segments with the generator's truth (synthetic data only)
 * @param stability         customers moved per refit, ids, lineage, label changes, changes per customer
 */
public record DemoSummary(String data, long eventsProduced, long eventsIn, long modelsPublished, long latestModelVersion,
                          int latestModelK, long customersAssigned, long assignmentRecords, long segmentChanges,
                          long deadLetters, long driftReports, Double adjustedRandIndex, double durationSeconds,
                          Map<String, Long> segmentSizes, String httpApi, String bootstrapServers,
                          String schemaRegistry, StabilityFigures stability) {
}
