package io.segmenta.benchmarks.trainer;

import io.segmenta.fitting.kmeans.KMeansModelData;
import io.segmenta.fitting.kmeans.MiniBatchKMeans;
import io.segmenta.fitting.kmeans.MiniBatchKMeansModel;
import io.segmenta.fitting.kmeans.MiniBatchKMeansParams;
import io.segmenta.fitting.quality.ClusteringMetrics;
import smile.clustering.CentroidClustering;
import smile.clustering.KMeans;
import smile.math.MathEx;

import java.util.Locale;
import java.util.Random;

/**
 * Harness, not a timed test: mini-batch K-Means against Smile's batch K-Means on the same generated data in the same
 * JVM. Reports Smile's fit time and inertia, the time mini-batch K-Means needs to come within 2 % of that inertia
 * (full-data inertia checks are paused out of the clock), a complete mini-batch fit with early stopping, and the
 * speed-up. Run with -Xmx4g:
 *
 * <pre>
 *   java -Xmx4g -cp benchmarks/target/classes:$(cat /tmp/tcp.txt) \
 *       io.segmenta.benchmarks.trainer.MiniBatchKMeansVsSmile [rows] [dimension] [k] [seed]
 * </pre>
 */
public final class MiniBatchKMeansVsSmile {

    private static final double TOLERANCE = 0.02;

    private MiniBatchKMeansVsSmile() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 2L;

        System.out.printf(Locale.ROOT, "generating %,d x %d, k = %d, seed %d ...%n", n, d, k, seed);
        int[] truth = new int[n];
        double[][] x = blobs(n, d, k, seed, truth);
        warmUp(x, k);

        // Smile: k-means++ then Lloyd with a BBD-tree, one run (its default)
        MathEx.setSeed(seed);
        long t0 = System.nanoTime();
        CentroidClustering<double[], double[]> smile = KMeans.fit(x, k, 100);
        long smileNanos = System.nanoTime() - t0;
        double[][] smileCentroids = new double[k][];
        for (int c = 0; c < k; c++) {
            smileCentroids[c] = smile.center(c);
        }
        MiniBatchKMeansModel smileModel = new MiniBatchKMeansModel(KMeansModelData.ofCentroids(smileCentroids));
        double smileInertia = smileModel.inertia(x);
        double target = (1 + TOLERANCE) * smileInertia;

        // mini-batch until within 2 %, measuring only the fit's own time
        MiniBatchKMeansParams params = MiniBatchKMeansParams.defaults(k).withSeed(seed).withMaxNoImprovement(0)
                .withMaxBatches(5000);
        long[] paused = {0};
        long[] toTargetNanos = {-1};
        int[] batchesToTarget = {-1};
        double[] inertiaAtTarget = {Double.NaN};
        long start = System.nanoTime();
        new MiniBatchKMeans(params).fit(x, null, (batches, model) -> {
            if (batches > 100 && batches % 10 != 0) {
                return true;
            }
            long p0 = System.nanoTime();
            double inertia = model.inertia(x);
            if (inertia <= target) {
                toTargetNanos[0] = p0 - start - paused[0];
                batchesToTarget[0] = batches;
                inertiaAtTarget[0] = inertia;
                return false;
            }
            paused[0] += System.nanoTime() - p0;
            return true;
        });

        // a complete mini-batch fit with the defaults (early stopping on the smoothed batch inertia)
        long t1 = System.nanoTime();
        MiniBatchKMeansModel full = new MiniBatchKMeans(MiniBatchKMeansParams.defaults(k).withSeed(seed)).fit(x);
        long fullNanos = System.nanoTime() - t1;
        double fullInertia = full.inertia(x);

        double smileAri = ClusteringMetrics.adjustedRandIndex(truth, smileModel.predict(x));
        double fullAri = ClusteringMetrics.adjustedRandIndex(truth, full.predict(x));

        System.out.println();
        System.out.printf(Locale.ROOT, "Mini-batch K-Means vs Smile batch K-Means, %,d x %d, k = %d, %d cores, Java %s%n",
                n, d, k, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.println("| fit                                             |  time (ms) | inertia / n | vs Smile | ARI vs truth |");
        System.out.println("|-------------------------------------------------|-----------:|------------:|---------:|-------------:|");
        row("Smile KMeans.fit (k-means++, Lloyd + BBD-tree)", smileNanos, smileInertia / n, 1.0, smileAri);
        if (batchesToTarget[0] > 0) {
            row("mini-batch, until within 2 % (" + batchesToTarget[0] + " batches)", toTargetNanos[0],
                    inertiaAtTarget[0] / n, inertiaAtTarget[0] / smileInertia, Double.NaN);
        } else {
            System.out.println("| mini-batch never came within 2 % in " + params.maxBatches() + " batches |");
        }
        row("mini-batch, full fit with early stopping", fullNanos, fullInertia / n, fullInertia / smileInertia,
                fullAri);
        System.out.println();
        if (batchesToTarget[0] > 0) {
            System.out.printf(Locale.ROOT, "speed-up to within 2 %% of Smile's inertia: %.1fx%n",
                    (double) smileNanos / toTargetNanos[0]);
        }
        System.out.printf(Locale.ROOT, "speed-up of the complete early-stopped fit:  %.1fx%n",
                (double) smileNanos / fullNanos);
    }

    private static void row(String name, long nanos, double inertiaPerPoint, double ratio, double ari) {
        System.out.printf(Locale.ROOT, "| %-47s | %10.1f | %11.4f | %8.4f | %12s |%n", name, nanos / 1e6,
                inertiaPerPoint, ratio, Double.isNaN(ari) ? "" : String.format(Locale.ROOT, "%.4f", ari));
    }

    /** Compiles the hot paths of both fits on a small slice, so neither pays for the JIT in the timed run. */
    private static void warmUp(double[][] x, int k) {
        double[][] slice = java.util.Arrays.copyOf(x, 50_000);
        for (int i = 0; i < 3; i++) {
            MathEx.setSeed(i);
            KMeans.fit(slice, k, 20);
            new MiniBatchKMeans(MiniBatchKMeansParams.defaults(k).withSeed(i)).fit(slice).inertia(slice);
        }
    }

    /** The tests' blobs: centres N(0, 1.2²) at least 4.5 apart, unit noise, so the clusters overlap a little. */
    static double[][] blobs(int n, int d, int k, long seed, int[] truth) {
        Random r = new Random(seed);
        double[][] centers = new double[k][d];
        for (int c = 0; c < k; c++) {
            boolean ok;
            do {
                for (int j = 0; j < d; j++) {
                    centers[c][j] = r.nextGaussian() * 1.2;
                }
                ok = true;
                for (int o = 0; o < c; o++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        s += (centers[c][j] - centers[o][j]) * (centers[c][j] - centers[o][j]);
                    }
                    ok &= Math.sqrt(s) >= 4.5;
                }
            } while (!ok);
        }
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            int c = i % k;
            truth[i] = c;
            for (int j = 0; j < d; j++) {
                x[i][j] = centers[c][j] + r.nextGaussian();
            }
        }
        return x;
    }
}
