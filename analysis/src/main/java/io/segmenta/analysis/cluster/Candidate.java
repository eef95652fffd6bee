package io.segmenta.analysis.cluster;

import io.segmenta.fitting.assembly.SegmentFit;

/**
 * One clustering of the prepared rows.
 *
 * @param method    the algorithm
 * @param variant   what distinguishes it from other runs of the method ("" or e.g. "median preference")
 * @param k         segments found (noise not counted)
 * @param labels    segment of each row, 0..k-1, or {@link #NOISE}
 * @param centroids mean of each segment's rows in the scaled space
 * @param scores    quality
 * @param note      how it was fitted (sampling, parameters), for the report
 * @param fit       the model as the assigner would score it, for K-Means and GMM; null for the others
 */
public record Candidate(Method method, String variant, int k, int[] labels, double[][] centroids, Scores scores,
                        String note, SegmentFit fit) {

    public static final int NOISE = -1;

    public String name() {
        return method.displayName() + (variant.isEmpty() ? "" : " (" + variant + ")");
    }

    /** Rows per segment. */
    public long[] sizes() {
        long[] s = new long[k];
        for (int l : labels) {
            if (l >= 0) {
                s[l]++;
            }
        }
        return s;
    }
}
