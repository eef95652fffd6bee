package io.segmenta.analysis.table;

/** Equal-width bins: {@code counts[b]} values in {@code [edges[b], edges[b+1])}, the last bin closed. */
public record Histogram(double[] edges, long[] counts) {

    public static final int DEFAULT_BINS = 20;

    public static Histogram of(double[] observed, int bins) {
        if (observed.length == 0) {
            return new Histogram(new double[] {0, 1}, new long[1]);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : observed) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (max == min) {
            return new Histogram(new double[] {min - 0.5, max + 0.5}, new long[] {observed.length});
        }
        double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            edges[b] = min + (max - min) * b / bins;
        }
        long[] counts = new long[bins];
        for (double v : observed) {
            counts[Math.min(bins - 1, (int) ((v - min) / (max - min) * bins))]++;
        }
        return new Histogram(edges, counts);
    }
}
