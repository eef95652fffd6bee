package io.segmenta.analysis;

import java.util.Map;

/**
 * One segment of the chosen solution, for a marketer.
 *
 * @param id      segment number (cluster index of the chosen solution)
 * @param label   automatic label, e.g. "High income, low spending"
 * @param action  suggested action
 * @param size    customers
 * @param share   share of all customers
 * @param means   mean of each input feature in original units (a categorical value as the share of members)
 * @param zScores segment mean minus population mean, in population standard deviations
 */
public record SegmentSummary(int id, String label, String action, long size, double share, Map<String, Double> means,
                             Map<String, Double> zScores) {
}
