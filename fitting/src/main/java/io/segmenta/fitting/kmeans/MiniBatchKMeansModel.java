package io.segmenta.fitting.kmeans;

import io.segmenta.fitting.Checks;
import io.segmenta.fitting.Vectors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A fitted K-Means model: assigns points to the nearest centroid and applies merged {@link KMeansPartialSums} to
 * produce the next model (the update step of mini-batch K-Means). Immutable; {@link #update} returns a new model.
 */
public final class MiniBatchKMeansModel {

    private final KMeansModelData data;
    private final double[][] centroids;

    public MiniBatchKMeansModel(KMeansModelData data) {
        this.data = data;
        this.centroids = data.centroidsView();
    }

    public KMeansModelData modelData() {
        return data;
    }

    public int k() {
        return data.k();
    }

    public int dimension() {
        return data.dimension();
    }

    /** Index of the nearest centroid. */
    public int predict(double[] x) {
        Checks.dimension("point", x, dimension());
        return Vectors.nearest(centroids, x);
    }

    public int[] predict(double[][] rows) {
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = predict(rows[i]);
        }
        return labels;
    }

    /** Sum of squared distances of the rows to their nearest centroid. */
    public double inertia(double[][] rows) {
        double s = 0;
        for (double[] x : rows) {
            s += Vectors.squaredDistance(x, centroids[predict(x)]);
        }
        return s;
    }

    /** Rows nearest to each centroid. */
    public long[] sizes(double[][] rows) {
        long[] sizes = new long[k()];
        for (double[] x : rows) {
            sizes[predict(x)]++;
        }
        return sizes;
    }

    /** Partial sums of {@code batch} against this model's centroids (one worker's share of the E-step). */
    public KMeansPartialSums partialSums(double[][] batch, int candidateCapacity, long candidateSeed) {
        return KMeansPartialSums.compute(data, batch, candidateCapacity, candidateSeed);
    }

    /** Applies merged partial sums with the decay and re-seeding of {@code params}. */
    public MiniBatchKMeansModel update(KMeansPartialSums merged, MiniBatchKMeansParams params) {
        return update(merged, params.decayFactor(), params.reassignmentRatio());
    }

    /**
     * The mini-batch update. Per centroid c with old count N, batch count m and batch sum S:
     * N' = decay * N + m and c' = (decay * N * c + S) / N'. With decay 1 this is exactly Sculley's per-point gradient
     * step with learning rate 1/count, applied to all of the batch's points at once.
     *
     * <p>Then every centroid whose count is below {@code reassignmentRatio} x the largest count moves to a re-seed
     * candidate and gets the smallest count among the healthy centroids (as scikit-learn does), so that it is neither
     * dropped again at once nor weighs more than an established centroid.
     */
    public MiniBatchKMeansModel update(KMeansPartialSums merged, double decayFactor, double reassignmentRatio) {
        Checks.within("decayFactor", decayFactor, 0.0, 1.0);
        Checks.within("reassignmentRatio", reassignmentRatio, 0.0, 0.5);
        if (merged.k() != k() || merged.dimension() != dimension()) {
            throw new IllegalArgumentException("partial sums are " + merged.k() + "x" + merged.dimension()
                    + " but the model is " + k() + "x" + dimension());
        }
        int k = k();
        int d = dimension();
        double[][] next = Vectors.copy(centroids);
        double[] counts = data.counts();
        double[][] sums = merged.sumsView();
        double[] batchCounts = merged.countsView();
        for (int c = 0; c < k; c++) {
            double old = decayFactor * counts[c];
            double total = old + batchCounts[c];
            if (batchCounts[c] > 0) {
                for (int j = 0; j < d; j++) {
                    next[c][j] = (old * next[c][j] + sums[c][j]) / total;
                }
            }
            counts[c] = total;
        }
        if (reassignmentRatio > 0) {
            reseedDying(next, counts, merged.candidates(), reassignmentRatio);
        }
        return new MiniBatchKMeansModel(new KMeansModelData(next, counts));
    }

    private static void reseedDying(double[][] centroids, double[] counts,
                                    List<KMeansPartialSums.ReseedCandidate> candidates, double ratio) {
        double max = 0;
        for (double c : counts) {
            max = Math.max(max, c);
        }
        if (max == 0 || candidates.isEmpty()) {
            return;
        }
        List<Integer> dying = new ArrayList<>();
        double minHealthy = Double.POSITIVE_INFINITY;
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] < ratio * max) {
                dying.add(c);
            } else {
                minHealthy = Math.min(minHealthy, counts[c]);
            }
        }
        dying.sort(Comparator.comparingDouble(c -> counts[c]));
        int next = 0;
        for (int c : dying) {
            if (next == candidates.size()) {
                break;
            }
            centroids[c] = candidates.get(next++).point().clone();
            counts[c] = minHealthy;
        }
    }

    @Override
    public String toString() {
        return "MiniBatchKMeansModel[" + data + "]";
    }
}
