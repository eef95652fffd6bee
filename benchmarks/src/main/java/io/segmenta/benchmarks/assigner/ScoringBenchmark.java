package io.segmenta.benchmarks.assigner;

import io.segmenta.assigner.profile.CustomerProfile;
import io.segmenta.assigner.profile.ProfileFolder;
import io.segmenta.assigner.scoring.Assignment;
import io.segmenta.assigner.scoring.SegmentScorer;
import io.segmenta.assigner.scoring.SwitchMargin;
import io.segmenta.avro.Algorithm;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.SegmentModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One assignment of a ready vector, k = 8, d = 16. {@code floorSquaredDistance} is the physical floor: the bare
 * nearest-centroid loop over the same flat arrays, without the scorer's bookkeeping (runner-up, confidence).
 * {@code assignProfile} is the whole per-event serving step after the fold: features as of a time, vectorize, score.
 * The {@code ...WithMargin} variants score against a current segment with the assigner's default switch margins:
 * the worst case, the current segment cycling through all of them (7 scorings in 8 weigh one that is not the best,
 * one more distance each); {@code kmeansWithMarginStaying} the common case, the current segment being the best.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScoringBenchmark {

    static final int K = 8;
    static final int D = 16;
    private static final int VECTORS = 1024;
    private static final SwitchMargin MARGIN = new SwitchMargin(0.1, 0.2);

    private SegmentScorer kmeans;
    private SegmentScorer gmmDiagonal;
    private SegmentScorer gmmFull;
    private double[] flatCentroids;
    private double[][] vectors;
    private CustomerProfile[] profiles;
    private int[] currentIds;
    /** The nearest segment of each vector, as a customer's current segment that stays. */
    private int[] nearestIds;
    private final Assignment out = new Assignment();
    private int next;

    @Setup
    public void setUp() {
        SegmentModel kmeansModel = BenchmarkData.model(Algorithm.KMEANS, K, 1);
        kmeans = SegmentScorer.compile(kmeansModel);
        gmmDiagonal = SegmentScorer.compile(BenchmarkData.model(Algorithm.GMM_DIAGONAL, K, 2));
        gmmFull = SegmentScorer.compile(BenchmarkData.model(Algorithm.GMM_FULL, K, 3));
        if (kmeans.dimension() != D) {
            throw new IllegalStateException("benchmark spec has dimension " + kmeans.dimension());
        }
        flatCentroids = new double[K * D];
        for (int j = 0; j < K; j++) {
            List<Double> c = kmeansModel.getSegments().get(j).getCentroid();
            for (int i = 0; i < D; i++) {
                flatCentroids[j * D + i] = c.get(i);
            }
        }
        vectors = BenchmarkData.vectors(VECTORS, D, 4);
        currentIds = new int[K];
        for (int j = 0; j < K; j++) {
            currentIds[j] = kmeans.segmentId(j);
        }
        nearestIds = new int[VECTORS];
        for (int v = 0; v < VECTORS; v++) {
            kmeans.score(vectors[v], out);
            nearestIds[v] = out.segmentId();
        }
        ProfileFolder folder = ProfileFolder.forSpec(kmeansModel.getFeatureSpec());
        profiles = new CustomerProfile[64];
        for (int p = 0; p < profiles.length; p++) {
            profiles[p] = folder.newProfile();
        }
        CustomerEvent[] events = BenchmarkData.events(64 * 50, 5);
        for (int i = 0; i < events.length; i++) {
            folder.fold(profiles[i & 63], events[i]);
        }
    }

    private double[] nextVector() {
        return vectors[next++ & (VECTORS - 1)];
    }

    @Benchmark
    public int floorSquaredDistance() {
        double[] x = nextVector();
        double[] centroids = flatCentroids;
        double best = Double.POSITIVE_INFINITY;
        int bestIndex = -1;
        for (int j = 0, base = 0; j < K; j++, base += D) {
            double s = 0;
            for (int c = 0; c < D; c++) {
                double diff = x[c] - centroids[base + c];
                s += diff * diff;
            }
            if (s < best) {
                best = s;
                bestIndex = j;
            }
        }
        return bestIndex;
    }

    @Benchmark
    public int kmeans() {
        kmeans.score(nextVector(), out);
        return out.segmentId();
    }

    @Benchmark
    public int gmmDiagonal() {
        gmmDiagonal.score(nextVector(), out);
        return out.segmentId();
    }

    @Benchmark
    public int gmmFull() {
        gmmFull.score(nextVector(), out);
        return out.segmentId();
    }

    @Benchmark
    public int kmeansWithMargin() {
        kmeans.score(nextVector(), currentIds[next & (K - 1)], MARGIN, out);
        return out.segmentId();
    }

    @Benchmark
    public int kmeansWithMarginStaying() {
        int v = next++ & (VECTORS - 1);
        kmeans.score(vectors[v], nearestIds[v], MARGIN, out);
        return out.segmentId();
    }

    @Benchmark
    public int gmmDiagonalWithMargin() {
        gmmDiagonal.score(nextVector(), gmmDiagonal.segmentId(next & (K - 1)), MARGIN, out);
        return out.segmentId();
    }

    @Benchmark
    public int assignProfile() {
        CustomerProfile p = profiles[next++ & 63];
        kmeans.assign(p.asOf(p.lastEventMillis() + BenchmarkData.DAY), out);
        return out.segmentId();
    }
}
