package io.segmenta.fitting.gmm;

import io.segmenta.fitting.Vectors;

/**
 * The E-step of one batch (or one shard of it) against a Gaussian mixture: per component the responsibility sum,
 * the responsibility-weighted sum of x and of x² (DIAGONAL) or x xᵀ (FULL, d x d row-major), plus the batch
 * log-likelihood and point count. Sums only, so merging is associative and commutative and a distributed job ships
 * k x (1 + d + d or d²) numbers per worker.
 *
 * <p>An accumulator: {@link #add} mutates it; {@link #merge} returns a new object and leaves both inputs unchanged.
 */
public final class GaussianMixtureSufficientStats {

    private final GaussianMixtureModel model;
    private final CovarianceType type;
    private final int d;
    private final double[] responsibility;
    private final double[][] sum;
    private final double[][] sumOfSquares;
    private double logLikelihood;
    private long count;

    private GaussianMixtureSufficientStats(GaussianMixtureModel model) {
        this.model = model;
        this.type = model.covarianceType();
        this.d = model.dimension();
        int k = model.k();
        this.responsibility = new double[k];
        this.sum = new double[k][d];
        this.sumOfSquares = new double[k][type.storedLength(d)];
    }

    public static GaussianMixtureSufficientStats against(GaussianMixtureModel model) {
        return new GaussianMixtureSufficientStats(model);
    }

    public static GaussianMixtureSufficientStats compute(GaussianMixtureModel model, double[][] batch) {
        GaussianMixtureSufficientStats s = against(model);
        for (double[] x : batch) {
            s.add(x);
        }
        return s;
    }

    public GaussianMixtureSufficientStats add(double[] x) {
        double[] p = new double[responsibility.length];
        double logP = model.logJoint(x, p);
        logLikelihood += logP;
        count++;
        for (int c = 0; c < p.length; c++) {
            double r = Math.exp(p[c] - logP);
            if (r == 0) {
                continue;
            }
            responsibility[c] += r;
            double[] s = sum[c];
            double[] q = sumOfSquares[c];
            for (int j = 0; j < d; j++) {
                s[j] += r * x[j];
            }
            if (type == CovarianceType.DIAGONAL) {
                for (int j = 0; j < d; j++) {
                    q[j] += r * x[j] * x[j];
                }
            } else {
                for (int i = 0; i < d; i++) {
                    double rxi = r * x[i];
                    int row = i * d;
                    for (int j = 0; j < d; j++) {
                        q[row + j] += rxi * x[j];
                    }
                }
            }
        }
        return this;
    }

    public GaussianMixtureSufficientStats merge(GaussianMixtureSufficientStats other) {
        if (other.responsibility.length != responsibility.length || other.d != d || other.type != type) {
            throw new IllegalArgumentException("cannot merge sufficient statistics of different shapes");
        }
        GaussianMixtureSufficientStats out = new GaussianMixtureSufficientStats(model);
        for (int c = 0; c < responsibility.length; c++) {
            out.responsibility[c] = responsibility[c] + other.responsibility[c];
            for (int j = 0; j < d; j++) {
                out.sum[c][j] = sum[c][j] + other.sum[c][j];
            }
            for (int j = 0; j < sumOfSquares[c].length; j++) {
                out.sumOfSquares[c][j] = sumOfSquares[c][j] + other.sumOfSquares[c][j];
            }
        }
        out.logLikelihood = logLikelihood + other.logLikelihood;
        out.count = count + other.count;
        return out;
    }

    public int k() {
        return responsibility.length;
    }

    public int dimension() {
        return d;
    }

    public CovarianceType covarianceType() {
        return type;
    }

    public long count() {
        return count;
    }

    public double logLikelihood() {
        return logLikelihood;
    }

    /** Responsibility sums per component (a copy). */
    public double[] responsibilities() {
        return responsibility.clone();
    }

    /** Responsibility-weighted sums of x (a copy). */
    public double[][] sums() {
        return Vectors.copy(sum);
    }

    /** Responsibility-weighted sums of x² or x xᵀ (a copy). */
    public double[][] sumsOfSquares() {
        return Vectors.copy(sumOfSquares);
    }

    double[] responsibilityView() {
        return responsibility;
    }

    double[][] sumView() {
        return sum;
    }

    double[][] sumOfSquaresView() {
        return sumOfSquares;
    }
}
