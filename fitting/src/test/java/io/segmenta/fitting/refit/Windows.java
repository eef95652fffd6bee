package io.segmenta.fitting.refit;

import io.segmenta.assigner.features.FeatureCatalog;
import io.segmenta.assigner.features.FeatureSource;
import io.segmenta.avro.Algorithm;
import io.segmenta.avro.FeatureTime;
import io.segmenta.avro.Imputation;
import io.segmenta.avro.Scaling;
import io.segmenta.avro.SegmentModel;
import io.segmenta.fitting.assembly.SegmentModels;
import io.segmenta.fitting.features.FeatureColumn;
import io.segmenta.fitting.profile.Lifecycle;
import io.segmenta.fitting.kmeans.KMeansPartialSums;

import java.util.ArrayList;
import java.util.List;

/**
 * Test fixtures: customers with two numeric features (recency and frequency, taken as they are: no transform, no
 * scaling, so a customer's vector is its raw values), windows of them, and workers' partial sums.
 */
final class Windows {

    static final String A = FeatureCatalog.RECENCY_DAYS;
    static final String B = FeatureCatalog.FREQUENCY;
    /** The first column under a name a spec read at the last event may have (recency may not): same values as A. */
    static final String A_BEHAVIOUR = FeatureCatalog.MONETARY;
    static final long DAY = 86_400_000L;

    private Windows() {
    }

    static List<FeatureColumn> rawColumns() {
        return List.of(raw(A), raw(B));
    }

    static FeatureColumn raw(String name) {
        return FeatureColumn.numeric(name).withImpute(Imputation.MEAN).withScaling(Scaling.NONE);
    }

    /**
     * K-Means, the trainer's defaults for the gate (+50 %), the k-change gain (0.05) and decay (0.5); k changes after
     * one window and every refit replaces the parent's centroids (the trainer's defaults, two windows and a 5 %
     * inertia gain, are tested on their own).
     */
    static RefitPolicySettings settings(int kMin, int kMax) {
        return new RefitPolicySettings("default", Algorithm.KMEANS, kMin, kMax, rawColumns(), 30,
                FeatureTime.WINDOW_END, 0.5, 0.5, 0.0, 0.05, 1, 0.01, Lifecycle.DEFAULTS, 42L, "test");
    }

    static FeatureSource source(double a, double b) {
        return new FeatureSource() {
            @Override
            public double numeric(String name) {
                return name.equals(A) || name.equals(A_BEHAVIOUR) ? a : name.equals(B) ? b : Double.NaN;
            }

            @Override
            public String category(String name) {
                return null;
            }
        };
    }

    static List<SampledCustomer> newcomers(double[][] rows) {
        List<SampledCustomer> out = new ArrayList<>();
        for (double[] r : rows) {
            out.add(SampledCustomer.newcomer(source(r[0], r[1])));
        }
        return out;
    }

    /** The rows as customers the parent had assigned (their previous segment is the parent's segment of them). */
    static List<SampledCustomer> known(double[][] rows, SegmentModel parent) {
        List<SampledCustomer> out = new ArrayList<>();
        for (double[] r : rows) {
            out.add(new SampledCustomer(source(r[0], r[1]), segmentId(parent, r)));
        }
        return out;
    }

    static int segmentId(SegmentModel model, double[] point) {
        return model.getSegments().get(SegmentModels.read(model).assign(point)).getSegmentId();
    }

    static WindowCounts counts(long windowEnd, int customers) {
        return new WindowCounts(windowEnd, customers, 10L * customers, windowEnd - 7 * DAY, 10L * customers,
                windowEnd - 7 * DAY);
    }

    static RefitInput first(double[][] rows) {
        return new RefitInput(newcomers(rows), List.of(), counts(7 * DAY, rows.length), null);
    }

    /** A refit input for the week after the parent's, with no partial sums (so only the sample can refit). */
    static RefitInput sampleOnly(List<SampledCustomer> sample, SegmentModel parent) {
        return new RefitInput(sample, List.of(), counts(nextEnd(parent), sample.size()), parent);
    }

    static long nextEnd(SegmentModel parent) {
        return parent.getTrainingWindow().getEnd().toEpochMilli() + 7 * DAY;
    }

    /**
     * Two workers' partial sums against the parent, each over half of the points (given in the parent's space; with
     * the raw columns that is the raw values), computed for the window ending at windowEnd.
     */
    static List<WorkerPartialSums> twoWorkers(SegmentModel parent, double[][] points, long windowEnd,
                                               long secondWorkersVersion) {
        KMeansPartialSums first = MergedPartialSums.against(parent, windowEnd);
        KMeansPartialSums second = MergedPartialSums.against(parent, windowEnd);
        for (int i = 0; i < points.length; i++) {
            (i % 2 == 0 ? first : second).add(points[i]);
        }
        return List.of(new WorkerPartialSums(parent.getVersion(), first.snapshot()),
                new WorkerPartialSums(secondWorkersVersion, second.snapshot()));
    }
}
