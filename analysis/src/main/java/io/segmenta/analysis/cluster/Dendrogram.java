package io.segmenta.analysis.cluster;

/**
 * The merge tree of an agglomerative clustering on {@code leaves} rows, as Smile gives it: merge i joins clusters
 * {@code merges[i][0]} and {@code merges[i][1]} (ids below {@code leaves} are rows, id {@code leaves + i} is the
 * cluster made by merge i) at height {@code heights[i]}.
 */
public record Dendrogram(String linkage, int leaves, int[][] merges, double[] heights) {
}
