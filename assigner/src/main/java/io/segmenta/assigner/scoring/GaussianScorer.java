package io.segmenta.assigner.scoring;

import io.segmenta.assigner.features.FeatureVectorizer;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentModel;

import java.util.List;

/**
 * Maximum posterior over Gaussian components: {@code log p_j(x) = c_j - m_j(x) / 2} with the constant
 * {@code c_j = log w_j - (d log 2 pi + log det S_j) / 2} precomputed and {@code m_j} the squared Mahalanobis
 * distance. The posterior of the winner is a log-sum-exp over the components; the buffers for it (and for the
 * full covariance product) are carried by the caller's {@link Assignment}, so the scorer stays stateless.
 */
abstract sealed class GaussianScorer extends SegmentScorer permits DiagonalGaussianScorer, FullGaussianScorer {

    /**
     * Components this far below the best (in log units) each add less than 5e-18 to a posterior sum of at least 1,
     * below double precision: they are skipped, which saves most exp calls once clusters are separated.
     */
    private static final double NEGLIGIBLE_LOG_RATIO = -40;

    /** Per component: log weight minus half of (d log 2 pi + log det). */
    final double[] logConstant;

    GaussianScorer(SegmentModel model, FeatureVectorizer vectorizer, double[] logDeterminants) {
        super(model, vectorizer);
        List<Segment> segments = model.getSegments();
        logConstant = new double[k];
        double dLog2Pi = d * Math.log(2 * Math.PI);
        for (int j = 0; j < k; j++) {
            logConstant[j] = Math.log(segments.get(j).getWeight()) - 0.5 * (dLog2Pi + logDeterminants[j]);
        }
    }

    /** Squared Mahalanobis distance of x to component j; {@code scratch} has at least d values to overwrite. */
    abstract double squaredMahalanobis(int j, double[] x, double[] scratch);

    @Override
    public final void score(double[] x, Assignment out) {
        checkVector(x);
        double[] scratch = out.scratch(d);
        double[] logP = out.perSegment(k);
        double best = Double.NEGATIVE_INFINITY;
        double second = Double.NEGATIVE_INFINITY;
        double bestMahalanobis = Double.NaN;
        int bestIndex = -1;
        int secondIndex = -1;
        for (int j = 0; j < k; j++) {
            double m = squaredMahalanobis(j, x, scratch);
            double l = logConstant[j] - 0.5 * m;
            logP[j] = l;
            if (l > best) {
                second = best;
                secondIndex = bestIndex;
                best = l;
                bestIndex = j;
                bestMahalanobis = m;
            } else if (l > second) {
                second = l;
                secondIndex = j;
            }
        }
        if (bestIndex < 0) {
            throw notFinite(x);
        }
        // posterior of the best = 1 / sum_j exp(logP_j - best); far-off components are skipped, not exp'd
        double sum = 1.0;
        for (int j = 0; j < k; j++) {
            double shift = logP[j] - best;
            if (j != bestIndex && shift > NEGLIGIBLE_LOG_RATIO) {
                sum += Math.exp(shift);
            }
        }
        out.set(bestIndex, segmentIds[bestIndex], labels[bestIndex], Math.sqrt(bestMahalanobis), 1.0 / sum,
                secondIndex, secondIndex < 0 ? Assignment.NO_SEGMENT : segmentIds[secondIndex]);
    }

    /**
     * Keeps the current component unless the best one's posterior exceeds its by {@code margin.posterior()}. The
     * current posterior comes from the log densities {@link #score} left in {@code out}'s per-segment buffer:
     * {@code p(current) = p(best) * exp(log p_current - log p_best)}, no second normalisation.
     */
    @Override
    final void keepUnlessBeaten(int current, double[] x, SwitchMargin margin, Assignment out) {
        double[] logP = out.perSegment(k);
        double best = out.confidence;
        double posterior = best * Math.exp(logP[current] - logP[out.segmentIndex]);
        if (best - posterior >= margin.posterior()) {
            return;
        }
        keepCurrent(current, x, out);
    }

    @Override
    final void keepCurrent(int current, double[] x, Assignment out) {
        double[] logP = out.perSegment(k);
        double posterior = out.confidence * Math.exp(logP[current] - logP[out.segmentIndex]);
        double m = squaredMahalanobis(current, x, out.scratch(d));
        out.keep(current, segmentIds[current], labels[current], Math.sqrt(m), posterior);
    }
}
