package io.segmenta.fitting.gmm;

import io.segmenta.fitting.Checks;
import io.segmenta.fitting.Vectors;

import java.util.Arrays;
import java.util.Objects;

/**
 * Parameters of a Gaussian mixture: mixing weights, means and covariances, the latter as d variances (DIAGONAL) or
 * d x d row-major (FULL), exactly the layout of {@code Segment.covariance}. Immutable: arrays are copied in and out.
 */
public record GaussianMixtureModelData(CovarianceType covarianceType, double[] weights, double[][] means,
                                       double[][] covariances) {

    public GaussianMixtureModelData {
        Objects.requireNonNull(covarianceType, "covarianceType");
        int d = Checks.finiteMatrix("means", means);
        int k = means.length;
        if (weights == null || weights.length != k) {
            throw new IllegalArgumentException("weights must have one entry per component (" + k + ")");
        }
        double total = 0;
        for (int c = 0; c < k; c++) {
            total += Checks.nonNegative("weights[" + c + "]", weights[c]);
        }
        if (Math.abs(total - 1.0) > 1e-6) {
            throw new IllegalArgumentException("weights must sum to 1, got " + total);
        }
        if (covariances == null || covariances.length != k) {
            throw new IllegalArgumentException("covariances must have one entry per component (" + k + ")");
        }
        int len = covarianceType.storedLength(d);
        for (int c = 0; c < k; c++) {
            if (covariances[c].length != len) {
                throw new IllegalArgumentException("covariances[" + c + "] must have " + len + " values for "
                        + covarianceType + " with d = " + d + ", got " + covariances[c].length);
            }
            for (int j = 0; j < d; j++) {
                double v = covarianceType == CovarianceType.DIAGONAL ? covariances[c][j] : covariances[c][j * d + j];
                Checks.positive("variance " + j + " of component " + c, v);
            }
        }
        weights = weights.clone();
        means = Vectors.copy(means);
        covariances = Vectors.copy(covariances);
    }

    /**
     * Moments of hard clusters (e.g. a K-Means fit) as a starting mixture: weight = share of rows, mean and
     * (regularised) covariance of the cluster's rows. An empty cluster gets the overall mean and variance.
     */
    public static GaussianMixtureModelData fromHardAssignment(double[][] rows, int[] labels, int k,
                                                              CovarianceType type, double regularization) {
        int d = Checks.finiteMatrix("rows", rows);
        if (labels.length != rows.length) {
            throw new IllegalArgumentException("labels must have one entry per row");
        }
        Checks.nonNegative("regularization", regularization);
        double[] counts = new double[k];
        double[][] means = new double[k][d];
        for (int i = 0; i < rows.length; i++) {
            int c = labels[i];
            if (c < 0 || c >= k) {
                throw new IllegalArgumentException("label " + c + " of row " + i + " is outside 0.." + (k - 1));
            }
            counts[c]++;
            for (int j = 0; j < d; j++) {
                means[c][j] += rows[i][j];
            }
        }
        double[] overall = Vectors.mean(rows);
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                means[c][j] = counts[c] > 0 ? means[c][j] / counts[c] : overall[j];
            }
        }
        int len = type.storedLength(d);
        double[][] covs = new double[k][len];
        double[] overallVar = new double[d];
        for (double[] x : rows) {
            for (int j = 0; j < d; j++) {
                overallVar[j] += (x[j] - overall[j]) * (x[j] - overall[j]) / rows.length;
            }
        }
        for (int i = 0; i < rows.length; i++) {
            int c = labels[i];
            double[] x = rows[i];
            for (int a = 0; a < d; a++) {
                double da = x[a] - means[c][a];
                if (type == CovarianceType.DIAGONAL) {
                    covs[c][a] += da * da;
                } else {
                    for (int b = 0; b < d; b++) {
                        covs[c][a * d + b] += da * (x[b] - means[c][b]);
                    }
                }
            }
        }
        double[] weights = new double[k];
        for (int c = 0; c < k; c++) {
            weights[c] = Math.max(counts[c], 1e-9) / Math.max(rows.length, 1);
            for (int i = 0; i < len; i++) {
                covs[c][i] = counts[c] > 1 ? covs[c][i] / counts[c] : 0;
            }
            for (int a = 0; a < d; a++) {
                int at = type == CovarianceType.DIAGONAL ? a : a * d + a;
                if (counts[c] <= 1) {
                    covs[c][at] = overallVar[a];
                }
                covs[c][at] += regularization;
                if (!(covs[c][at] > 0)) {
                    covs[c][at] = 1.0;
                }
            }
        }
        GaussianMixtureModel.normalise(weights);
        return new GaussianMixtureModelData(type, weights, means, covs);
    }

    public int k() {
        return weights.length;
    }

    public int dimension() {
        return means[0].length;
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public double[][] means() {
        return Vectors.copy(means);
    }

    @Override
    public double[][] covariances() {
        return Vectors.copy(covariances);
    }

    double[] weightsView() {
        return weights;
    }

    double[][] meansView() {
        return means;
    }

    double[][] covariancesView() {
        return covariances;
    }

    /** Free parameters: k - 1 weights, k x d means, k covariances. */
    public int freeParameters() {
        int d = dimension();
        return (k() - 1) + k() * d + k() * covarianceType.freeParameters(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianMixtureModelData other && covarianceType == other.covarianceType
                && Arrays.equals(weights, other.weights) && Arrays.deepEquals(means, other.means)
                && Arrays.deepEquals(covariances, other.covariances);
    }

    @Override
    public int hashCode() {
        return Objects.hash(covarianceType, Arrays.hashCode(weights), Arrays.deepHashCode(means),
                Arrays.deepHashCode(covariances));
    }

    @Override
    public String toString() {
        return "GaussianMixtureModelData[" + covarianceType + ", k=" + k() + ", d=" + dimension() + ", weights="
                + Arrays.toString(weights) + "]";
    }
}
