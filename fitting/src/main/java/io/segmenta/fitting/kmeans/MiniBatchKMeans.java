package io.segmenta.fitting.kmeans;

import io.segmenta.fitting.Checks;
import io.segmenta.fitting.Sampling;
import io.segmenta.fitting.Vectors;

import java.util.Random;

/**
 * Mini-batch K-Means (Sculley 2010, "Web-scale k-means clustering"): k-means++ seeding on a sample, then repeated
 * mini-batches, each reduced to {@link KMeansPartialSums} and applied with per-centroid learning rate 1/count,
 * optional decay of old counts and re-seeding of dying centroids. This class is the single-process driver; a
 * distributed job uses the same two steps ({@link MiniBatchKMeansModel#partialSums} on workers, merge,
 * {@link MiniBatchKMeansModel#update} once).
 */
public final class MiniBatchKMeans {

    /** Called after every mini-batch; return false to stop the fit there. */
    @FunctionalInterface
    public interface BatchListener {
        boolean afterBatch(int batchesDone, MiniBatchKMeansModel model);
    }

    private final MiniBatchKMeansParams params;

    public MiniBatchKMeans(MiniBatchKMeansParams params) {
        this.params = params;
    }

    public MiniBatchKMeansParams params() {
        return params;
    }

    /** Cold start: k-means++ seeding, then mini-batches. */
    public MiniBatchKMeansModel fit(double[][] data) {
        return fit(data, null, null);
    }

    /**
     * Warm start from a previous model's centroids and counts (null = cold start). If the previous model has fewer
     * than k centroids, the missing ones are added by k-means++ from the data; more than k is an error.
     */
    public MiniBatchKMeansModel fit(double[][] data, KMeansModelData warmStart) {
        return fit(data, warmStart, null);
    }

    public MiniBatchKMeansModel fit(double[][] data, KMeansModelData warmStart, BatchListener listener) {
        int d = Checks.matrix("data", data);
        if (data.length < params.k()) {
            throw new IllegalArgumentException("need at least k = " + params.k() + " rows, got " + data.length);
        }
        Random random = new Random(params.seed());
        MiniBatchKMeansModel model = new MiniBatchKMeansModel(initialState(data, d, warmStart, random));
        int n = data.length;
        int batchSize = Math.min(params.batchSize(), n);
        int candidates = params.reassignmentRatio() > 0 ? params.k() : 0;
        // scikit-learn's smoothing of the batch inertia: an exponentially weighted average over about one epoch
        double alpha = Math.min(1.0, 2.0 * batchSize / (n + 1.0));
        double smoothed = Double.NaN;
        double best = Double.POSITIVE_INFINITY;
        int sinceBest = 0;
        double[][] batch = new double[batchSize][];
        for (int b = 0; b < params.maxBatches(); b++) {
            for (int i = 0; i < batchSize; i++) {
                batch[i] = data[random.nextInt(n)];
            }
            KMeansPartialSums partial = model.partialSums(batch, candidates, params.seed() + b);
            model = model.update(partial, params);
            if (listener != null && !listener.afterBatch(b + 1, model)) {
                break;
            }
            double batchInertia = partial.inertia() / batchSize;
            smoothed = Double.isNaN(smoothed) ? batchInertia : (1 - alpha) * smoothed + alpha * batchInertia;
            if (smoothed < best) {
                best = smoothed;
                sinceBest = 0;
            } else if (params.maxNoImprovement() > 0 && ++sinceBest >= params.maxNoImprovement()) {
                break;
            }
        }
        return model;
    }

    private KMeansModelData initialState(double[][] data, int d, KMeansModelData warmStart, Random random) {
        int k = params.k();
        if (warmStart != null) {
            if (warmStart.dimension() != d) {
                throw new IllegalArgumentException("warm start has dimension " + warmStart.dimension()
                        + " but the data has " + d);
            }
            if (warmStart.k() > k) {
                throw new IllegalArgumentException("warm start has " + warmStart.k() + " centroids, more than k = " + k);
            }
            if (warmStart.k() == k) {
                return warmStart;
            }
            double[][] sample = Vectors.rows(data,
                    Sampling.withoutReplacement(data.length, params.initSampleSize(), random.nextLong()));
            double[][] extended = KMeansPlusPlus.extend(sample, warmStart.centroidsView(), k, random);
            double[] counts = new double[k];
            System.arraycopy(warmStart.countsView(), 0, counts, 0, warmStart.k());
            return new KMeansModelData(extended, counts);
        }
        double[][] sample = Vectors.rows(data,
                Sampling.withoutReplacement(data.length, params.initSampleSize(), random.nextLong()));
        double[][] best = null;
        double bestInertia = Double.POSITIVE_INFINITY;
        for (int run = 0; run < params.initRuns(); run++) {
            double[][] seeds = KMeansPlusPlus.seed(sample, k, random);
            double inertia = 0;
            for (double[] x : sample) {
                inertia += Vectors.squaredDistance(x, seeds[Vectors.nearest(seeds, x)]);
            }
            if (inertia < bestInertia) {
                bestInertia = inertia;
                best = seeds;
            }
        }
        return KMeansModelData.ofCentroids(best);
    }
}
