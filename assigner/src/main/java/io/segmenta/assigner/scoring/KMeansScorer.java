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
        final int d = this.d;
        final double[] means = this.means;
        double best = Double.POSITIVE_INFINITY;
        double second = Double.POSITIVE_INFINITY;
        int bestIndex = -1;
        int secondIndex = -1;
        for (int j = 0, base = 0; j < k; j++, base += d) {
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
            double s = s0 + s1;
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

    @Override
    void columnTerms(int segment, double[] x, double[] out) {
        for (int c = 0; c < d; c++) {
            double diff = x[c] - means[segment * d + c];
            out[c] = diff * diff;
        }
    }
}
