package io.segmenta.trainer.job;

import io.segmenta.avro.Algorithm;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentModel;
import io.segmenta.fitting.gmm.CovarianceType;
import io.segmenta.fitting.gmm.GaussianMixtureModelData;
import io.segmenta.fitting.kmeans.KMeansModelData;

import java.util.List;

/** Reads a published {@link SegmentModel} back into the fitting classes' model data, for warm starts. */
final class ParentModels {

    private ParentModels() {
    }

    static double[][] centroids(SegmentModel model) {
        List<Segment> segments = model.getSegments();
        double[][] c = new double[segments.size()][];
        for (int i = 0; i < c.length; i++) {
            c[i] = toArray(segments.get(i).getCentroid());
        }
        return c;
    }

    /** Centroids with the training sizes as counts (the weight of the past in a mini-batch update). */
    static KMeansModelData kmeans(SegmentModel model) {
        List<Segment> segments = model.getSegments();
        double[] counts = new double[segments.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = Math.max(1, segments.get(i).getSize());
        }
        return new KMeansModelData(centroids(model), counts);
    }

    /** Weights, means and covariances of a GMM parent; a K-Means parent starts unit-variance components. */
    static GaussianMixtureModelData gmm(SegmentModel model, CovarianceType type) {
        List<Segment> segments = model.getSegments();
        int k = segments.size();
        int d = model.getFeatureSpec().getDimension();
        double[] weights = new double[k];
        double[][] covariances = new double[k][];
        long total = segments.stream().mapToLong(Segment::getSize).sum();
        for (int i = 0; i < k; i++) {
            Segment s = segments.get(i);
            weights[i] = s.getWeight() != null ? s.getWeight() : (total > 0 ? (double) s.getSize() / total : 1.0 / k);
            covariances[i] = covariance(s, model.getAlgorithm(), type, d);
        }
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        for (int i = 0; i < k; i++) {
            weights[i] = sum > 0 ? weights[i] / sum : 1.0 / k;
        }
        return new GaussianMixtureModelData(type, weights, centroids(model), covariances);
    }

    private static double[] covariance(Segment s, Algorithm algorithm, CovarianceType type, int d) {
        double[] stored = s.getCovariance() == null ? null : toArray(s.getCovariance());
        if (type == CovarianceType.DIAGONAL) {
            if (stored != null && algorithm == Algorithm.GMM_DIAGONAL) {
                return stored;
            }
            double[] diag = new double[d];
            for (int j = 0; j < d; j++) {
                diag[j] = stored != null && algorithm == Algorithm.GMM_FULL ? stored[j * d + j] : 1.0;
            }
            return diag;
        }
        if (stored != null && algorithm == Algorithm.GMM_FULL) {
            return stored;
        }
        double[] full = new double[d * d];
        for (int j = 0; j < d; j++) {
            full[j * d + j] = stored != null && algorithm == Algorithm.GMM_DIAGONAL ? stored[j] : 1.0;
        }
        return full;
    }

    static double[] toArray(List<Double> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }

    static int indexOfSegment(SegmentModel model, int segmentId) {
        List<Segment> segments = model.getSegments();
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).getSegmentId() == segmentId) {
                return i;
            }
        }
        return -1;
    }
}
