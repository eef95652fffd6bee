package io.segmenta.fitting.kmeans;

import io.segmenta.fitting.Checks;

/**
 * Parameters of {@link MiniBatchKMeans}.
 *
 * @param k                  number of centroids
 * @param batchSize          points per mini-batch (sampled with replacement)
 * @param maxBatches         upper bound on the number of mini-batches of one fit
 * @param maxNoImprovement   stop after this many batches without improvement of the smoothed batch inertia, as
 *                           scikit-learn's max_no_improvement; 0 disables early stopping
 * @param decayFactor        per batch, old counts are multiplied by this before the batch is added, so old data fades
 *                           (Spark StreamingKMeans' decayFactor). 1 = remember everything (Sculley's algorithm);
 *                           0 = only the last batch counts. Also settable as a half-life, see {@link #withHalfLife}
 * @param reassignmentRatio  a centroid whose count falls below this share of the largest count is re-seeded from a far
 *                           point (scikit-learn's reassignment_ratio); 0 disables re-seeding
 * @param initSampleSize     rows sampled for k-means++ seeding of a cold start
 * @param initRuns           k-means++ seedings tried on that sample; the one of least inertia wins (cheap, and it is
 *                           what keeps the fit out of the local optima a single seeding falls into)
 * @param seed               seeds every random choice of the fit
 */
public record MiniBatchKMeansParams(int k, int batchSize, int maxBatches, int maxNoImprovement, double decayFactor,
                                    double reassignmentRatio, int initSampleSize, int initRuns, long seed) {

    public static final int DEFAULT_BATCH_SIZE = 1024;
    public static final int DEFAULT_MAX_BATCHES = 1000;
    public static final int DEFAULT_MAX_NO_IMPROVEMENT = 10;
    /**
     * Spark's default: nothing is forgotten within a fit. Flink ML's OnlineKMeans defaults to 0, which makes each
     * batch replace the model; a streaming refit should opt into forgetting with {@link #withHalfLife}.
     */
    public static final double DEFAULT_DECAY_FACTOR = 1.0;
    public static final double DEFAULT_REASSIGNMENT_RATIO = 0.01;
    public static final int DEFAULT_INIT_RUNS = 10;
    public static final long DEFAULT_SEED = 42L;

    public MiniBatchKMeansParams {
        Checks.atLeast("k", k, 1);
        Checks.atLeast("batchSize", batchSize, 1);
        Checks.atLeast("maxBatches", maxBatches, 1);
        Checks.atLeast("maxNoImprovement", maxNoImprovement, 0);
        Checks.within("decayFactor", decayFactor, 0.0, 1.0);
        Checks.within("reassignmentRatio", reassignmentRatio, 0.0, 0.5);
        if (initSampleSize < k) {
            throw new IllegalArgumentException("initSampleSize must be >= k (" + k + "), got " + initSampleSize);
        }
        Checks.atLeast("initRuns", initRuns, 1);
    }

    /** Defaults for k centroids: batches of 1024, k-means++ on 3 batches' worth of rows (scikit-learn's init_size). */
    public static MiniBatchKMeansParams defaults(int k) {
        Checks.atLeast("k", k, 1);
        return new MiniBatchKMeansParams(k, DEFAULT_BATCH_SIZE, DEFAULT_MAX_BATCHES, DEFAULT_MAX_NO_IMPROVEMENT,
                DEFAULT_DECAY_FACTOR, DEFAULT_REASSIGNMENT_RATIO, Math.max(3 * DEFAULT_BATCH_SIZE, 3 * k),
                DEFAULT_INIT_RUNS, DEFAULT_SEED);
    }

    /**
     * Half-life in batches implied by {@link #decayFactor}: after this many batches an old point weighs half.
     * Infinite for decayFactor 1, 0 for decayFactor 0.
     */
    public double halfLife() {
        if (decayFactor == 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        if (decayFactor == 0.0) {
            return 0.0;
        }
        return Math.log(0.5) / Math.log(decayFactor);
    }

    public static double decayFactorForHalfLife(double halfLifeBatches) {
        if (halfLifeBatches == Double.POSITIVE_INFINITY) {
            return 1.0;
        }
        Checks.positive("halfLife", halfLifeBatches);
        return Math.pow(0.5, 1.0 / halfLifeBatches);
    }

    public MiniBatchKMeansParams withK(int newK) {
        return new MiniBatchKMeansParams(newK, batchSize, maxBatches, maxNoImprovement, decayFactor, reassignmentRatio,
                Math.max(initSampleSize, 3 * newK), initRuns, seed);
    }

    public MiniBatchKMeansParams withBatchSize(int newBatchSize) {
        return new MiniBatchKMeansParams(k, newBatchSize, maxBatches, maxNoImprovement, decayFactor, reassignmentRatio,
                Math.max(3 * newBatchSize, 3 * k), initRuns, seed);
    }

    public MiniBatchKMeansParams withMaxBatches(int newMaxBatches) {
        return new MiniBatchKMeansParams(k, batchSize, newMaxBatches, maxNoImprovement, decayFactor, reassignmentRatio,
                initSampleSize, initRuns, seed);
    }

    public MiniBatchKMeansParams withMaxNoImprovement(int batches) {
        return new MiniBatchKMeansParams(k, batchSize, maxBatches, batches, decayFactor, reassignmentRatio,
                initSampleSize, initRuns, seed);
    }

    public MiniBatchKMeansParams withDecayFactor(double newDecayFactor) {
        return new MiniBatchKMeansParams(k, batchSize, maxBatches, maxNoImprovement, newDecayFactor, reassignmentRatio,
                initSampleSize, initRuns, seed);
    }

    /** Sets the decay so that a batch's weight halves after {@code batches} further batches. */
    public MiniBatchKMeansParams withHalfLife(double batches) {
        return withDecayFactor(decayFactorForHalfLife(batches));
    }

    public MiniBatchKMeansParams withReassignmentRatio(double ratio) {
        return new MiniBatchKMeansParams(k, batchSize, maxBatches, maxNoImprovement, decayFactor, ratio,
                initSampleSize, initRuns, seed);
    }

    public MiniBatchKMeansParams withInit(int sampleSize, int runs) {
        return new MiniBatchKMeansParams(k, batchSize, maxBatches, maxNoImprovement, decayFactor, reassignmentRatio,
                sampleSize, runs, seed);
    }

    public MiniBatchKMeansParams withSeed(long newSeed) {
        return new MiniBatchKMeansParams(k, batchSize, maxBatches, maxNoImprovement, decayFactor, reassignmentRatio,
                initSampleSize, initRuns, newSeed);
    }
}
