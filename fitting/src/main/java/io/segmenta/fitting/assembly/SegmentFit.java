package io.segmenta.fitting.assembly;

import io.segmenta.avro.Algorithm;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentModel;
import io.segmenta.fitting.Checks;
import io.segmenta.fitting.Vectors;
import io.segmenta.fitting.features.SpecAlignment;
import io.segmenta.fitting.gmm.CovarianceType;
import io.segmenta.fitting.gmm.GaussianMixtureModel;
import io.segmenta.fitting.gmm.GaussianMixtureModelData;
import io.segmenta.fitting.kmeans.MiniBatchKMeansModel;

import java.util.List;

/**
 * The algorithm-independent result of a fit, as the model needs it: centroids (K-Means centres or GMM means),
 * weights and covariances for a GMM, and the number of training vectors per cluster. Assigns points the way the
 * algorithm does (nearest centroid, or maximum posterior). Immutable.
 */
public final class SegmentFit {

    private final Algorithm algorithm;
    private final double[][] centroids;
    private final double[] weights;
    private final double[][] covariances;
    private final long[] sizes;
    private final GaussianMixtureModel mixture;

    private SegmentFit(Algorithm algorithm, double[][] centroids, double[] weights, double[][] covariances,
                       long[] sizes) {
        Checks.finiteMatrix("centroids", centroids);
        if (sizes.length != centroids.length) {
            throw new IllegalArgumentException("sizes must have one entry per centroid (" + centroids.length + ")");
        }
        this.algorithm = algorithm;
        this.centroids = Vectors.copy(centroids);
        this.sizes = sizes.clone();
        if (algorithm == Algorithm.KMEANS) {
            this.weights = null;
            this.covariances = null;
            this.mixture = null;
        } else if (algorithm == Algorithm.GMM_DIAGONAL || algorithm == Algorithm.GMM_FULL) {
            CovarianceType type = algorithm == Algorithm.GMM_FULL ? CovarianceType.FULL : CovarianceType.DIAGONAL;
            this.mixture = new GaussianMixtureModel(new GaussianMixtureModelData(type, weights, centroids,
                    covariances));
            this.weights = weights.clone();
            this.covariances = Vectors.copy(covariances);
        } else {
            throw new IllegalArgumentException("unsupported algorithm " + algorithm);
        }
    }

    /** A K-Means fit; sizes are the rows nearest to each centroid. */
    public static SegmentFit kmeans(MiniBatchKMeansModel model, double[][] trainingRows) {
        return new SegmentFit(Algorithm.KMEANS, model.modelData().centroids(), null, null, model.sizes(trainingRows));
    }

    /** A K-Means fit with sizes counted elsewhere (e.g. by a distributed job). */
    public static SegmentFit kmeans(double[][] centroids, long[] sizes) {
        return new SegmentFit(Algorithm.KMEANS, centroids, null, null, sizes);
    }

    /** A GMM fit; sizes are the rows whose maximum posterior is each component. */
    public static SegmentFit gmm(GaussianMixtureModel model, double[][] trainingRows) {
        return gmm(model, model.sizes(trainingRows));
    }

    public static SegmentFit gmm(GaussianMixtureModel model, long[] sizes) {
        GaussianMixtureModelData d = model.modelData();
        return new SegmentFit(d.covarianceType().algorithm(), d.means(), d.weights(), d.covariances(), sizes);
    }

    /**
     * A published model's segments as a fit in another spec's space, to assign points the way the parent would.
     * Returns the clusters in the order of {@code model.getSegments()}.
     */
    public static SegmentFit fromModel(SegmentModel model, SpecAlignment alignment) {
        List<Segment> segments = model.getSegments();
        int k = segments.size();
        double[][] centroids = new double[k][];
        double[] weights = new double[k];
        double[][] covs = new double[k][];
        long[] sizes = new long[k];
        boolean gmm = model.getAlgorithm() == Algorithm.GMM_DIAGONAL || model.getAlgorithm() == Algorithm.GMM_FULL;
        for (int c = 0; c < k; c++) {
            Segment s = segments.get(c);
            centroids[c] = alignment.vector(toArray(s.getCentroid()));
            sizes[c] = s.getSize();
            if (gmm) {
                if (s.getWeight() == null || s.getCovariance() == null) {
                    throw new IllegalArgumentException("GMM segment " + s.getSegmentId()
                            + " lacks its weight or covariance");
                }
                weights[c] = s.getWeight();
                covs[c] = alignment.covariance(toArray(s.getCovariance()));
            }
        }
        if (gmm) {
            double total = 0;
            for (double w : weights) {
                total += w;
            }
            for (int c = 0; c < k; c++) {
                weights[c] /= total;
            }
            return new SegmentFit(model.getAlgorithm(), centroids, weights, covs, sizes);
        }
        return new SegmentFit(Algorithm.KMEANS, centroids, null, null, sizes);
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    public int k() {
        return centroids.length;
    }

    public int dimension() {
        return centroids[0].length;
    }

    public double[][] centroids() {
        return Vectors.copy(centroids);
    }

    public double[] centroid(int c) {
        return centroids[c].clone();
    }

    /** Mixing weights, or null for K-Means. */
    public double[] weights() {
        return weights == null ? null : weights.clone();
    }

    /** Covariance of component c (d or d x d), or null for K-Means. */
    public double[] covariance(int c) {
        return covariances == null ? null : covariances[c].clone();
    }

    public long[] sizes() {
        return sizes.clone();
    }

    /** Cluster of x: nearest centroid (K-Means) or maximum posterior (GMM). */
    public int assign(double[] x) {
        Checks.dimension("point", x, dimension());
        return mixture == null ? Vectors.nearest(centroids, x) : mixture.predict(x);
    }

    public int[] assign(double[][] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = assign(rows[i]);
        }
        return out;
    }

    static double[] toArray(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
