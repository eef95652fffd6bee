package io.segmenta.analysis.view;

import io.segmenta.fitting.Sampling;
import io.segmenta.fitting.Vectors;
import smile.feature.extraction.PCA;
import smile.manifold.TSNE;
import smile.math.MathEx;

import java.util.Locale;
import java.util.Optional;

/**
 * Two-dimensional views of the prepared rows: PCA (linear, every row) and t-SNE (non-linear, on a seeded sample
 * because Smile's exact t-SNE is O(n^2) per iteration).
 */
public final class Projections {

    public static final int DEFAULT_TSNE_ROWS = 1500;
    static final int TSNE_ITERATIONS = 500;

    private Projections() {
    }

    public static Projection2D pca(double[][] x) {
        int[] all = Sampling.withoutReplacement(x.length, x.length, 0);
        int d = x[0].length;
        if (d == 1) {
            double[][] p = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                p[i] = new double[] {x[i][0], 0};
            }
            return new Projection2D("PCA", all, p, "the only feature", "-", "one feature: plotted on a line");
        }
        if (d == 2) {
            return new Projection2D("PCA", all, Vectors.copy(x), "scaled feature 1", "scaled feature 2",
                    "two features: the scaled values themselves");
        }
        PCA pca = PCA.fit(x);
        double[] share = pca.varianceProportion();
        double[][] p = pca.getProjection(2).apply(x);
        return new Projection2D("PCA", all, p, String.format(Locale.ROOT, "PC1 (%.0f%% of variance)", 100 * share[0]),
                String.format(Locale.ROOT, "PC2 (%.0f%% of variance)", 100 * share[1]),
                String.format(Locale.ROOT, "the first two principal components explain %.0f%% of the variance",
                        100 * (share[0] + share[1])));
    }

    /** Empty when there are too few rows for a meaningful perplexity. */
    public static Optional<Projection2D> tsne(double[][] x, int maxRows, long seed) {
        int[] sample = Sampling.withoutReplacement(x.length, maxRows, seed);
        if (sample.length < 20) {
            return Optional.empty();
        }
        double[][] rows = Vectors.rows(x, sample);
        double perplexity = Math.min(30, (sample.length - 1) / 3.0);
        MathEx.setSeed(seed);
        TSNE fit = TSNE.fit(rows, new TSNE.Options(2, perplexity, 200, 12, TSNE_ITERATIONS));
        String note = String.format(Locale.ROOT, "%s, perplexity %.0f, %d iterations",
                sample.length < x.length ? "a seeded sample of " + sample.length + " rows" : "all rows", perplexity,
                TSNE_ITERATIONS);
        return Optional.of(new Projection2D("t-SNE", sample, fit.coordinates(), "t-SNE 1", "t-SNE 2", note));
    }
}
