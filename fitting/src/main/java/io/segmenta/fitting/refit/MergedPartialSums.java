package io.segmenta.fitting.refit;

import io.segmenta.avro.Algorithm;
import io.segmenta.avro.SegmentModel;
import io.segmenta.fitting.assembly.SegmentFit;
import io.segmenta.fitting.assembly.SegmentModels;
import io.segmenta.fitting.kmeans.KMeansModelData;
import io.segmenta.fitting.kmeans.KMeansPartialSums;
import io.segmenta.fitting.kmeans.MiniBatchKMeansModel;

import java.util.List;

/**
 * The contract between the workers that compute K-Means partial sums against the model in force and the refit that
 * merges them: both sides start from the same model data and re-seed candidates with the same window seed, so the
 * restored accumulators are exactly what the workers built.
 */
public final class MergedPartialSums {

    /** Share of points below which a cluster is re-seeded from the candidates when the sums are applied. */
    static final double REASSIGNMENT_RATIO = 0.01;

    private MergedPartialSums() {
    }

    /** A worker's empty accumulator for the window ending at {@code windowEnd}, against {@code model}. */
    public static KMeansPartialSums against(SegmentModel model, long windowEnd) {
        return KMeansPartialSums.against(modelData(model), model.getSegments().size(), windowSeed(windowEnd));
    }

    /** Seed of the re-seed candidates of a window, the same on every worker. */
    public static long windowSeed(long windowEnd) {
        return windowEnd * 0x9E3779B97F4A7C15L;
    }

    /** True when every worker computed sums against this K-Means parent and K-Means is what is fitted. */
    static boolean apply(Algorithm fitted, SegmentModel parent, List<WorkerPartialSums> workers) {
        return fitted == Algorithm.KMEANS && parent.getAlgorithm() == Algorithm.KMEANS && !workers.isEmpty()
                && workers.stream().allMatch(w -> w.modelVersion() == parent.getVersion());
    }

    /** The merged result: the parent's centroids moved, and how many customers the sums held. */
    record Merged(SegmentFit fit, long points) {
    }

    static Merged merge(SegmentModel parent, List<WorkerPartialSums> workers, long windowEnd, double decayFactor) {
        KMeansModelData parentData = modelData(parent);
        int k = parentData.k();
        KMeansPartialSums merged = null;
        for (WorkerPartialSums w : workers) {
            KMeansPartialSums p = KMeansPartialSums.restore(parentData, w.snapshot(), k, windowSeed(windowEnd));
            merged = merged == null ? p : merged.merge(p);
        }
        MiniBatchKMeansModel updated = new MiniBatchKMeansModel(parentData)
                .update(merged, decayFactor, REASSIGNMENT_RATIO);
        long[] sizes = new long[k];
        double[] counts = merged.counts();
        for (int c = 0; c < k; c++) {
            sizes[c] = Math.round(counts[c]);
        }
        return new Merged(SegmentFit.kmeans(updated.modelData().centroids(), sizes), merged.points());
    }

    private static KMeansModelData modelData(SegmentModel model) {
        return SegmentModels.read(model).asKMeansData();
    }
}
