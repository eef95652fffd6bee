package io.segmenta.analysis.view;

/**
 * Rows placed in a plane for a scatter plot.
 *
 * @param method  "PCA" or "t-SNE"
 * @param rows    index of each plotted row in the table
 * @param points  x, y of each plotted row
 * @param xLabel  axis caption (with explained variance for PCA)
 * @param yLabel  axis caption
 * @param note    how it was computed (sampling, parameters)
 */
public record Projection2D(String method, int[] rows, double[][] points, String xLabel, String yLabel, String note) {
}
