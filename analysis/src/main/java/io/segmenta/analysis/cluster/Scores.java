package io.segmenta.analysis.cluster;

/**
 * How good one clustering is; a metric that does not apply is null.
 *
 * @param silhouette        mean silhouette on a seeded sample (higher is better, -1..1)
 * @param silhouetteSample  rows the silhouette was computed on
 * @param daviesBouldin     lower is better
 * @param calinskiHarabasz  higher is better
 * @param inertia           within-cluster sum of squared distances to the cluster means (lower is tighter)
 * @param bic               Bayesian information criterion, GMM only (lower is better)
 * @param smallestShare     the smallest segment's share of all rows
 * @param noiseShare        share of rows left unassigned (DBSCAN noise)
 */
public record Scores(Double silhouette, int silhouetteSample, Double daviesBouldin, Double calinskiHarabasz,
                     Double inertia, Double bic, double smallestShare, double noiseShare) {
}
