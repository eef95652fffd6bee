package io.segmenta.fitting.assembly;

import io.segmenta.avro.Algorithm;
import io.segmenta.fitting.Checks;
import io.segmenta.fitting.Vectors;
import io.segmenta.fitting.gmm.CovarianceType;
import io.segmenta.fitting.gmm.GaussianMixtureModel;
import io.segmenta.fitting.gmm.GaussianMixtureModelData;
import io.segmenta.fitting.kmeans.KMeansModelData;
import io.segmenta.fitting.kmeans.MiniBatchKMeansModel;

import java.util.Optional;

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
        Optional<CovarianceType> mixtureType = CovarianceType.of(algorithm);
        if (algorithm == Algorithm.KMEANS) {
            this.weights = null;
            this.covariances = null;
            this.mixture = null;
        } else if (mixtureType.isPresent()) {
            this.mixture = new GaussianMixtureModel(new GaussianMixtureModelData(mixtureType.get(), weights,
                    centroids, covariances));
            this.weights = weights.clone();
            this.covariances = Vectors.copy(covariances);
        } else {
            throw new IllegalArgumentException("unsupported algorithm " + algorithm);
        }
    }

    /** A fit of either kind from its parts; weights and covariances are ignored for K-Means. */
    static SegmentFit of(Algorithm algorithm, double[][] centroids, double[] weights, double[][] covariances,
                         long[] sizes) {
        return new SegmentFit(algorithm, centroids, weights, covariances, sizes);
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

    /** The same segments with their sizes counted on other rows (each row to its segment, as {@link #assign}). */
    public SegmentFit withSizesOf(double[][] rows) {
        long[] counted = new long[k()];
        for (int c : assign(rows)) {
            counted[c]++;
        }
        return new SegmentFit(algorithm, centroids, weights, covariances, counted);
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

    /** The fitted mixture, or empty for K-Means. */
    public Optional<GaussianMixtureModel> mixture() {
        return Optional.ofNullable(mixture);
    }

    /**
     * This fit as K-Means model data whose counts are the training sizes (at least 1): the weight of the past when
     * merged partial sums update the centroids, so a well-established segment moves less than a small one.
     */
    public KMeansModelData asKMeansData() {
        double[] counts = new double[sizes.length];
        for (int c = 0; c < counts.length; c++) {
            counts[c] = Math.max(1, sizes[c]);
        }
        return new KMeansModelData(centroids, counts);
    }

    /**
     * This fit as the starting point of a mixture with covariances of the given shape. A mixture keeps its weights
     * and converts its covariances (a full matrix gives its diagonal; a diagonal becomes a diagonal matrix); a
     * K-Means fit has no spread to convert, so its components start with unit variances (the feature spec scales
     * every column to about unit variance) and weights equal to their share of the training sizes
     * ({@link SegmentModels#sizeShares}).
     */
    public GaussianMixtureModelData asMixture(CovarianceType type) {
        double[][] out = new double[k()][];
        for (int c = 0; c < out.length; c++) {
            out[c] = converted(c, type);
        }
        double[] w = weights != null ? weights.clone() : SegmentModels.sizeShares(sizes);
        return new GaussianMixtureModelData(type, w, centroids, out);
    }

    private double[] converted(int c, CovarianceType to) {
        CovarianceType from = CovarianceType.of(algorithm).orElse(null);
        if (from == to) {
            return covariances[c].clone();
        }
        int d = dimension();
        double[] out = new double[to.storedLength(d)];
        for (int j = 0; j < d; j++) {
            double variance = from == null ? 1.0 : from == CovarianceType.FULL ? covariances[c][j * d + j]
                    : covariances[c][j];
            out[to == CovarianceType.DIAGONAL ? j : j * d + j] = variance;
        }
        return out;
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
}
