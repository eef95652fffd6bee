package io.segmenta.assigner.scoring;

import io.segmenta.assigner.features.FeatureVectorizer;
import io.segmenta.avro.SegmentModel;

import java.util.List;

/** GMM_DIAGONAL: each component has d variances (validated positive). */
final class DiagonalGaussianScorer extends GaussianScorer {

    /** Inverse variances, row-major k x d: a multiply in the hot loop instead of a divide. */
    private final double[] inverseVariances;

    DiagonalGaussianScorer(SegmentModel model, FeatureVectorizer vectorizer) {
        super(model, vectorizer, logDeterminants(model, vectorizer.dimension()));
        inverseVariances = new double[k * d];
        for (int j = 0; j < k; j++) {
            List<Double> variances = model.getSegments().get(j).getCovariance();
            for (int c = 0; c < d; c++) {
                inverseVariances[j * d + c] = 1.0 / variances.get(c);
            }
        }
    }

    private static double[] logDeterminants(SegmentModel model, int d) {
        double[] logDet = new double[model.getSegments().size()];
        for (int j = 0; j < logDet.length; j++) {
            List<Double> variances = model.getSegments().get(j).getCovariance();
            for (int c = 0; c < d; c++) {
                logDet[j] += Math.log(variances.get(c));
            }
        }
        return logDet;
    }

    @Override
    double squaredMahalanobis(int j, double[] x, double[] scratch) {
        final int d = this.d;
        final int base = j * d;
        // two accumulators halve the floating-point add latency chain that bounds this loop
        double s0 = 0;
        double s1 = 0;
        int c = 0;
        for (; c + 1 < d; c += 2) {
            double a = x[c] - means[base + c];
            double b = x[c + 1] - means[base + c + 1];
            s0 += a * a * inverseVariances[base + c];
            s1 += b * b * inverseVariances[base + c + 1];
        }
        if (c < d) {
            double a = x[c] - means[base + c];
            s0 += a * a * inverseVariances[base + c];
        }
        return s0 + s1;
    }

    @Override
    void columnTerms(int segment, double[] x, double[] out) {
        for (int c = 0; c < d; c++) {
            double diff = x[c] - means[segment * d + c];
            out[c] = 0.5 * diff * diff * inverseVariances[segment * d + c];
        }
    }
}
