package io.segmenta.assigner.scoring;

import io.segmenta.assigner.features.FeatureVectorizer;
import io.segmenta.avro.SegmentModel;

/** Nearest centroid by squared Euclidean distance; confidence is the relative margin to the runner-up. */
final class KMeansScorer extends SegmentScorer {

    KMeansScorer(SegmentModel model, FeatureVectorizer vectorizer) {
        super(model, vectorizer);
    }

    @Override
    public void score(double[] x, Assignment out) {
        checkVector(x);
        double best = Double.POSITIVE_INFINITY;
        double second = Double.POSITIVE_INFINITY;
        int bestIndex = -1;
        int secondIndex = -1;
        for (int j = 0; j < k; j++) {
            double s = squaredDistance(j, x);
            if (s < best) {
                second = best;
                secondIndex = bestIndex;
                best = s;
                bestIndex = j;
            } else if (s < second) {
                second = s;
                secondIndex = j;
            }
        }
        if (bestIndex < 0) {
            throw notFinite(x);
        }
        double d1 = Math.sqrt(best);
        double confidence;
        if (secondIndex < 0) {
            confidence = 1.0;
        } else {
            double d2 = Math.sqrt(second);
            confidence = d2 > 0 ? (d2 - d1) / d2 : 0.0;
        }
        out.set(bestIndex, segmentIds[bestIndex], labels[bestIndex], d1, confidence,
                secondIndex, secondIndex < 0 ? Assignment.NO_SEGMENT : segmentIds[secondIndex]);
    }

    /**
     * Keeps the current segment unless the best centre is {@code margin.distance()} nearer. Both distances come from
     * {@link #squaredDistance}, the same arithmetic, so that with no margin the best always wins, ties included.
     */
    @Override
    void keepUnlessBeaten(int current, double[] x, SwitchMargin margin, Assignment out) {
        double toCurrent = Math.sqrt(squaredDistance(current, x));
        if (out.distance <= (1 - margin.distance()) * toCurrent) {
            return;
        }
        out.keep(current, segmentIds[current], labels[current], toCurrent, 0.0);
    }

    @Override
    void keepCurrent(int current, double[] x, Assignment out) {
        out.keep(current, segmentIds[current], labels[current], Math.sqrt(squaredDistance(current, x)), 0.0);
    }

    private double squaredDistance(int j, double[] x) {
        final int d = this.d;
        final double[] means = this.means;
        final int base = j * d;
        // two accumulators halve the floating-point add latency chain that bounds this loop
        double s0 = 0;
        double s1 = 0;
        int c = 0;
        for (; c + 1 < d; c += 2) {
            double a = x[c] - means[base + c];
            double b = x[c + 1] - means[base + c + 1];
            s0 += a * a;
            s1 += b * b;
        }
        if (c < d) {
            double a = x[c] - means[base + c];
            s0 += a * a;
        }
        return s0 + s1;
    }

    @Override
    void columnTerms(int segment, double[] x, double[] out) {
        for (int c = 0; c < d; c++) {
            double diff = x[c] - means[segment * d + c];
            out[c] = diff * diff;
        }
    }
}
