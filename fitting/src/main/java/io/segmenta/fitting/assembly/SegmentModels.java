package io.segmenta.fitting.assembly;

import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentModel;
import io.segmenta.fitting.features.SpecAlignment;
import io.segmenta.fitting.gmm.CovarianceType;

import java.util.List;
import java.util.Optional;

/**
 * Reads a published {@link SegmentModel} back into a {@link SegmentFit}: the other direction of
 * {@link SegmentModelAssembler}, and the only one. Clusters come in the order of {@code model.getSegments()}.
 *
 * <p>One rule for what a model may leave out: a mixture segment without a stored weight gets its share of the
 * training sizes ({@link #sizeShares}); the weights are then normalised to sum to 1. (The assigner's validator
 * refuses such a model for serving, but a warm start or a lineage match can still use its centroids, and the size
 * share is what the weight would be under hard assignment.) A mixture segment without a covariance cannot be
 * re-created from anything else in the model, so it is refused with an {@link IllegalArgumentException}.
 */
public final class SegmentModels {

    private SegmentModels() {
    }

    /** The model's segments as a fit in its own space. */
    public static SegmentFit read(SegmentModel model) {
        return read(model, SpecAlignment.between(model.getFeatureSpec(), model.getFeatureSpec()));
    }

    /** The model's segments as a fit in the space {@code alignment} leads to (centroids and covariances moved). */
    public static SegmentFit read(SegmentModel model, SpecAlignment alignment) {
        List<Segment> segments = model.getSegments();
        int k = segments.size();
        if (k == 0) {
            throw new IllegalArgumentException(describe(model) + " has no segments");
        }
        Optional<CovarianceType> mixture = CovarianceType.of(model.getAlgorithm());
        double[][] centroids = new double[k][];
        long[] sizes = new long[k];
        Double[] stored = new Double[k];
        double[][] covariances = mixture.isPresent() ? new double[k][] : null;
        for (int c = 0; c < k; c++) {
            Segment s = segments.get(c);
            centroids[c] = alignment.vector(toArray(s.getCentroid()));
            sizes[c] = s.getSize();
            stored[c] = s.getWeight();
            if (mixture.isPresent()) {
                if (s.getCovariance() == null) {
                    throw new IllegalArgumentException(describe(model) + ": mixture segment " + s.getSegmentId()
                            + " has no covariance");
                }
                covariances[c] = alignment.covariance(toArray(s.getCovariance()));
            }
        }
        double[] weights = mixture.isPresent() ? weights(stored, sizes) : null;
        return SegmentFit.of(model.getAlgorithm(), centroids, weights, covariances, sizes);
    }

    /** Index in {@code model.getSegments()} of the segment with this id, or -1. */
    public static int indexOfSegment(SegmentModel model, int segmentId) {
        List<Segment> segments = model.getSegments();
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).getSegmentId() == segmentId) {
                return i;
            }
        }
        return -1;
    }

    /** Each cluster's share of the sizes; equal shares when every size is 0. */
    public static double[] sizeShares(long[] sizes) {
        long total = 0;
        for (long size : sizes) {
            total += size;
        }
        double[] shares = new double[sizes.length];
        for (int c = 0; c < shares.length; c++) {
            shares[c] = total > 0 ? (double) sizes[c] / total : 1.0 / sizes.length;
        }
        return shares;
    }

    private static double[] weights(Double[] stored, long[] sizes) {
        double[] shares = sizeShares(sizes);
        double[] weights = new double[stored.length];
        double sum = 0;
        for (int c = 0; c < weights.length; c++) {
            weights[c] = stored[c] != null ? stored[c] : shares[c];
            sum += weights[c];
        }
        for (int c = 0; c < weights.length; c++) {
            weights[c] = sum > 0 ? weights[c] / sum : 1.0 / weights.length;
        }
        return weights;
    }

    private static double[] toArray(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static String describe(SegmentModel model) {
        return "model " + model.getModelName() + " v" + model.getVersion();
    }
}
