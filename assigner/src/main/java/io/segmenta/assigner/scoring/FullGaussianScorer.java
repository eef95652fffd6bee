package io.segmenta.assigner.scoring;

import io.segmenta.assigner.IncompatibleModelException;
import io.segmenta.assigner.features.FeatureVectorizer;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentModel;

import java.util.ArrayList;
import java.util.List;

/**
 * GMM_FULL: each component has a d x d covariance S = L L^T. The inverse factor L^-1 is precomputed (packed
 * lower triangle, by columns) so that the squared Mahalanobis distance is {@code |L^-1 (x - mu)|^2}: one
 * triangular matrix-vector product, no solve.
 *
 * <p>A covariance that is positive semi-definite only up to rounding (a common outcome of EM on collinear
 * features) gets the smallest ridge from {@link #RIDGES}, relative to its mean variance, that makes the
 * Cholesky factorisation succeed, and is listed in {@link #warnings()}. Anything needing more than that is
 * refused: it is not a covariance the trainer should have produced.
 */
final class FullGaussianScorer extends GaussianScorer {

    static final double[] RIDGES = {0, 1e-12, 1e-10, 1e-8, 1e-6};

    private final double[] inverseFactors;
    private final int packedSize;
    private final List<String> warnings;

    FullGaussianScorer(SegmentModel model, FeatureVectorizer vectorizer) {
        this(model, vectorizer, Factorisation.of(model, vectorizer.dimension()));
    }

    private FullGaussianScorer(SegmentModel model, FeatureVectorizer vectorizer, Factorisation f) {
        super(model, vectorizer, f.logDeterminants);
        this.inverseFactors = f.packedInverseFactors;
        this.packedSize = d * (d + 1) / 2;
        this.warnings = List.copyOf(f.warnings);
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }

    /**
     * {@code z = L^-1 (x - mu)} built column by column ({@code z += r_l * column_l}): the inner loop has no
     * reduction, so it is not bound by add latency and the JIT can vectorize it.
     */
    @Override
    double squaredMahalanobis(int j, double[] x, double[] z) {
        final int d = this.d;
        final int base = j * d;
        final double[] inv = inverseFactors;
        for (int i = 0; i < d; i++) {
            z[i] = 0;
        }
        int column = j * packedSize; // start of column l, shifted so that row i is at column + i
        for (int l = 0; l < d; l++) {
            double r = x[l] - means[base + l];
            for (int i = l; i < d; i++) {
                z[i] += inv[column + i] * r;
            }
            column += d - l - 1;
        }
        double s0 = 0;
        double s1 = 0;
        int i = 0;
        for (; i + 1 < d; i += 2) {
            s0 += z[i] * z[i];
            s1 += z[i + 1] * z[i + 1];
        }
        if (i < d) {
            s0 += z[i] * z[i];
        }
        return s0 + s1;
    }

    /** {@code 0.5 r_c (S^-1 r)_c}, an exact split of half the squared Mahalanobis distance over columns. */
    @Override
    void columnTerms(int segment, double[] x, double[] out) {
        double[] r = new double[d];
        for (int c = 0; c < d; c++) {
            r[c] = x[c] - means[segment * d + c];
        }
        double[] z = new double[d];
        squaredMahalanobis(segment, x, z);
        // S^-1 r = L^-T z: entry l is column l of L^-1 dotted with z
        int column = segment * packedSize;
        for (int l = 0; l < d; l++) {
            double v = 0;
            for (int i = l; i < d; i++) {
                v += inverseFactors[column + i] * z[i];
            }
            out[l] = 0.5 * r[l] * v;
            column += d - l - 1;
        }
    }

    /** Compile-time factorisation of all covariances. */
    private record Factorisation(double[] logDeterminants, double[] packedInverseFactors, List<String> warnings) {

        static Factorisation of(SegmentModel model, int d) {
            List<Segment> segments = model.getSegments();
            int packed = d * (d + 1) / 2;
            double[] logDet = new double[segments.size()];
            double[] inverse = new double[segments.size() * packed];
            List<String> warnings = new ArrayList<>();
            for (int j = 0; j < segments.size(); j++) {
                Segment s = segments.get(j);
                double[] cov = symmetric(s.getCovariance(), d);
                double meanVariance = 0;
                for (int i = 0; i < d; i++) {
                    meanVariance += cov[i * d + i] / d;
                }
                double[] factor = null;
                double ridge = 0;
                for (double relative : RIDGES) {
                    ridge = relative * meanVariance;
                    factor = cholesky(cov, d, ridge);
                    if (factor != null) {
                        break;
                    }
                }
                if (factor == null) {
                    throw new IncompatibleModelException(ModelValidator.describe(model) + ": covariance of segment "
                            + s.getSegmentId() + " is not positive definite, even with a ridge of "
                            + RIDGES[RIDGES.length - 1] + " x its mean variance");
                }
                if (ridge > 0) {
                    warnings.add("segment " + s.getSegmentId() + ": covariance regularised with ridge " + ridge);
                }
                for (int i = 0; i < d; i++) {
                    logDet[j] += 2 * Math.log(factor[i * d + i]);
                }
                invertLowerInto(factor, d, inverse, j * packed);
            }
            return new Factorisation(logDet, inverse, warnings);
        }

        private static double[] symmetric(List<Double> values, int d) {
            double[] a = new double[d * d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    a[i * d + j] = 0.5 * (values.get(i * d + j) + values.get(j * d + i));
                }
            }
            return a;
        }

        /** Lower Cholesky factor of {@code a + ridge I} (row-major), or null if it is not positive definite. */
        static double[] cholesky(double[] a, int d, double ridge) {
            double[] l = new double[d * d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j <= i; j++) {
                    double sum = a[i * d + j] + (i == j ? ridge : 0);
                    for (int m = 0; m < j; m++) {
                        sum -= l[i * d + m] * l[j * d + m];
                    }
                    if (i == j) {
                        if (!(sum > 0)) {
                            return null;
                        }
                        l[i * d + i] = Math.sqrt(sum);
                    } else {
                        l[i * d + j] = sum / l[j * d + j];
                    }
                }
            }
            return l;
        }

        /**
         * Writes L^-1 (lower triangular) packed by columns into {@code out[offset ..]}: column l holds rows
         * l .. d-1, and row i of column l sits at {@code offset + (start of column l) - l + i}.
         */
        private static void invertLowerInto(double[] l, int d, double[] out, int offset) {
            double[] inv = new double[d * d];
            for (int c = 0; c < d; c++) {
                inv[c * d + c] = 1.0 / l[c * d + c];
                for (int i = c + 1; i < d; i++) {
                    double sum = 0;
                    for (int m = c; m < i; m++) {
                        sum += l[i * d + m] * inv[m * d + c];
                    }
                    inv[i * d + c] = -sum / l[i * d + i];
                }
            }
            int t = offset;
            for (int c = 0; c < d; c++) {
                for (int i = c; i < d; i++) {
                    out[t++] = inv[i * d + c];
                }
            }
        }
    }
}
