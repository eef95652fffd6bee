package io.segmenta.fitting.gmm;

import io.segmenta.fitting.Checks;

/**
 * A fitted Gaussian mixture: log-densities, posteriors, hard assignment, log-likelihood and BIC, and the stepwise EM
 * update from merged {@link GaussianMixtureSufficientStats}. Immutable.
 *
 * <p>Densities are evaluated here rather than through Smile's distributions because Smile solves with its native
 * BLAS/LAPACK per call; for d of a few dozen a small in-heap Cholesky factor per component is faster and keeps the
 * hot path free of native calls.
 */
public final class GaussianMixtureModel {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final GaussianMixtureModelData data;
    private final int k;
    private final int d;
    private final double[] logWeights;
    private final double[] logNorms;
    /** DIAGONAL: inverse variances (d); FULL: lower Cholesky factor of the covariance (d x d row-major). */
    private final double[][] factors;

    public GaussianMixtureModel(GaussianMixtureModelData data) {
        this.data = data;
        this.k = data.k();
        this.d = data.dimension();
        this.logWeights = new double[k];
        this.logNorms = new double[k];
        this.factors = new double[k][];
        for (int c = 0; c < k; c++) {
            logWeights[c] = Math.log(data.weightsView()[c]);
            double[] cov = data.covariancesView()[c];
            double logDet = 0;
            if (data.covarianceType() == CovarianceType.DIAGONAL) {
                double[] inv = new double[d];
                for (int j = 0; j < d; j++) {
                    inv[j] = 1.0 / cov[j];
                    logDet += Math.log(cov[j]);
                }
                factors[c] = inv;
            } else {
                double[] l = cholesky(cov, d, c);
                for (int j = 0; j < d; j++) {
                    logDet += 2 * Math.log(l[j * d + j]);
                }
                factors[c] = l;
            }
            logNorms[c] = -0.5 * (d * LOG_2PI + logDet);
        }
    }

    public GaussianMixtureModelData modelData() {
        return data;
    }

    public int k() {
        return k;
    }

    public int dimension() {
        return d;
    }

    public CovarianceType covarianceType() {
        return data.covarianceType();
    }

    /** log N(x | mean_c, cov_c), without the weight. */
    public double logDensity(int c, double[] x) {
        double[] mu = data.meansView()[c];
        double[] f = factors[c];
        double q = 0;
        if (data.covarianceType() == CovarianceType.DIAGONAL) {
            for (int j = 0; j < d; j++) {
                double t = x[j] - mu[j];
                q += t * t * f[j];
            }
        } else {
            // forward substitution L z = x - mu; the quadratic form is |z|^2
            double[] z = new double[d];
            for (int i = 0; i < d; i++) {
                double s = x[i] - mu[i];
                int row = i * d;
                for (int j = 0; j < i; j++) {
                    s -= f[row + j] * z[j];
                }
                z[i] = s / f[row + i];
                q += z[i] * z[i];
            }
        }
        return logNorms[c] - 0.5 * q;
    }

    /** log(weight_c) + log N(x | c) for every component, into {@code out}; returns log p(x). */
    public double logJoint(double[] x, double[] out) {
        Checks.dimension("point", x, d);
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            out[c] = logWeights[c] + logDensity(c, x);
            max = Math.max(max, out[c]);
        }
        double s = 0;
        for (int c = 0; c < k; c++) {
            s += Math.exp(out[c] - max);
        }
        return max + Math.log(s);
    }

    /** Posterior probability of each component (responsibilities). */
    public double[] posteriors(double[] x) {
        double[] p = new double[k];
        double logP = logJoint(x, p);
        for (int c = 0; c < k; c++) {
            p[c] = Math.exp(p[c] - logP);
        }
        return p;
    }

    /** Component of maximum posterior. */
    public int predict(double[] x) {
        double[] p = new double[k];
        logJoint(x, p);
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    public int[] predict(double[][] rows) {
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = predict(rows[i]);
        }
        return labels;
    }

    /** Rows assigned (by maximum posterior) to each component. */
    public long[] sizes(double[][] rows) {
        long[] sizes = new long[k];
        for (double[] x : rows) {
            sizes[predict(x)]++;
        }
        return sizes;
    }

    /** Sum over rows of log p(x). */
    public double logLikelihood(double[][] rows) {
        double[] buf = new double[k];
        double s = 0;
        for (double[] x : rows) {
            s += logJoint(x, buf);
        }
        return s;
    }

    /** Bayesian information criterion, -2 log L + p ln n: lower is better (the sign scikit-learn uses; Smile's is flipped). */
    public double bic(double[][] rows) {
        return bic(logLikelihood(rows), rows.length);
    }

    public double bic(double logLikelihood, long n) {
        return -2 * logLikelihood + data.freeParameters() * Math.log(n);
    }

    /** An empty accumulator for the E-step of a batch against this model. */
    public GaussianMixtureSufficientStats newStats() {
        return GaussianMixtureSufficientStats.against(this);
    }

    /**
     * Stepwise EM (Cappé and Moulines 2009; Liang and Klein 2009): the model's own normalised sufficient statistics s
     * are blended with the batch's, s' = (1 - stepSize) s + stepSize s_batch, then the M-step re-derives weights,
     * means and covariances. stepSize 1 is a plain EM step on the batch. {@code regularization} is added to every
     * variance (and removed again before blending, so it does not accumulate over steps).
     */
    public GaussianMixtureModel update(GaussianMixtureSufficientStats batch, double stepSize, double regularization) {
        Checks.within("stepSize", stepSize, 0.0, 1.0);
        Checks.nonNegative("regularization", regularization);
        if (batch.k() != k || batch.dimension() != d || batch.covarianceType() != covarianceType()) {
            throw new IllegalArgumentException("sufficient statistics do not match the model's shape");
        }
        if (batch.count() == 0) {
            return this;
        }
        boolean diagonal = covarianceType() == CovarianceType.DIAGONAL;
        double n = batch.count();
        double[] weights = new double[k];
        double[][] means = new double[k][d];
        double[][] covs = new double[k][];
        double totalR = 0;
        double[] r = new double[k];
        double[][] sx = new double[k][d];
        double[][] sxx = new double[k][];
        for (int c = 0; c < k; c++) {
            double w = data.weightsView()[c];
            double[] mu = data.meansView()[c];
            double[] cov = data.covariancesView()[c];
            r[c] = (1 - stepSize) * w + stepSize * batch.responsibilityView()[c] / n;
            double[] bsx = batch.sumView()[c];
            for (int j = 0; j < d; j++) {
                sx[c][j] = (1 - stepSize) * w * mu[j] + stepSize * bsx[j] / n;
            }
            double[] bsxx = batch.sumOfSquaresView()[c];
            sxx[c] = new double[bsxx.length];
            for (int i = 0; i < (diagonal ? d : d * d); i++) {
                int a = diagonal ? i : i / d;
                int b = diagonal ? i : i % d;
                double raw = cov[i] - (a == b ? regularization : 0);
                sxx[c][i] = (1 - stepSize) * w * (raw + mu[a] * mu[b]) + stepSize * bsxx[i] / n;
            }
            totalR += r[c];
        }
        for (int c = 0; c < k; c++) {
            if (r[c] <= 1e-12 * totalR) {
                // a component that lost all its mass keeps its shape, so the mixture stays well defined
                weights[c] = Math.max(r[c], 0) / totalR;
                means[c] = data.meansView()[c].clone();
                covs[c] = data.covariancesView()[c].clone();
                continue;
            }
            weights[c] = r[c] / totalR;
            for (int j = 0; j < d; j++) {
                means[c][j] = sx[c][j] / r[c];
            }
            covs[c] = new double[sxx[c].length];
            for (int i = 0; i < covs[c].length; i++) {
                int a = diagonal ? i : i / d;
                int b = diagonal ? i : i % d;
                double v = sxx[c][i] / r[c] - means[c][a] * means[c][b];
                if (a == b) {
                    v = Math.max(v, 0) + regularization;
                }
                covs[c][i] = v;
            }
            if (!diagonal) {
                symmetrise(covs[c], d);
            }
        }
        normalise(weights);
        return new GaussianMixtureModel(new GaussianMixtureModelData(covarianceType(), weights, means, covs));
    }

    static void normalise(double[] weights) {
        double s = 0;
        for (double w : weights) {
            s += w;
        }
        for (int c = 0; c < weights.length; c++) {
            weights[c] /= s;
        }
    }

    static void symmetrise(double[] m, int d) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double v = 0.5 * (m[i * d + j] + m[j * d + i]);
                m[i * d + j] = v;
                m[j * d + i] = v;
            }
        }
    }

    /** Lower-triangular L with L L^T = a (row-major). */
    static double[] cholesky(double[] a, int d, int component) {
        double[] l = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * d + j];
                for (int m = 0; m < j; m++) {
                    s -= l[i * d + m] * l[j * d + m];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalArgumentException("covariance of component " + component
                                + " is not positive definite; raise the regularization");
                    }
                    l[i * d + i] = Math.sqrt(s);
                } else {
                    l[i * d + j] = s / l[j * d + j];
                }
            }
        }
        return l;
    }

    @Override
    public String toString() {
        return "GaussianMixtureModel[" + data + "]";
    }
}
