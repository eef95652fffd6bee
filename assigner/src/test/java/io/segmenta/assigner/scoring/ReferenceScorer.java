package io.segmenta.assigner.scoring;

import io.segmenta.avro.Algorithm;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentModel;

import java.util.List;

/**
 * Brute-force scoring straight from the textbook formulas, sharing no code with the scorers: Gaussian log
 * densities with an explicit LU solve and determinant instead of a Cholesky factor, posteriors by normalising.
 */
final class ReferenceScorer {

    record Result(int bestIndex, int secondIndex, double distance, double confidence) {
    }

    /**
     * A reference for {@link SegmentScorer#score(double[], int, SwitchMargin, Assignment)}: the chosen index (the
     * current one when the best does not beat it by the margin), with its distance and confidence.
     */
    record Kept(int index, int runnerUpIndex, double distance, double confidence, boolean heldBack) {
    }

    private ReferenceScorer() {
    }

    static Kept score(SegmentModel model, double[] x, int currentIndex, SwitchMargin margin) {
        Result plain = score(model, x);
        if (currentIndex < 0 || currentIndex == plain.bestIndex()) {
            return new Kept(plain.bestIndex(), plain.secondIndex(), plain.distance(), plain.confidence(), false);
        }
        List<Segment> segments = model.getSegments();
        if (model.getAlgorithm() == Algorithm.KMEANS) {
            double toCurrent = Math.sqrt(squaredEuclidean(x, segments.get(currentIndex).getCentroid()));
            if (plain.distance() <= (1 - margin.distance()) * toCurrent) {
                return new Kept(plain.bestIndex(), plain.secondIndex(), plain.distance(), plain.confidence(), false);
            }
            return new Kept(currentIndex, plain.bestIndex(), toCurrent, 0.0, true);
        }
        double[] posteriors = new double[segments.size()];
        double[] mahalanobis = new double[segments.size()];
        gaussian(model, x, posteriors, mahalanobis);
        if (posteriors[plain.bestIndex()] - posteriors[currentIndex] >= margin.posterior()) {
            return new Kept(plain.bestIndex(), plain.secondIndex(), plain.distance(), plain.confidence(), false);
        }
        return new Kept(currentIndex, plain.bestIndex(), mahalanobis[currentIndex], posteriors[currentIndex], true);
    }

    static Result score(SegmentModel model, double[] x) {
        List<Segment> segments = model.getSegments();
        int k = segments.size();
        if (model.getAlgorithm() == Algorithm.KMEANS) {
            double[] dist = new double[k];
            for (int j = 0; j < k; j++) {
                dist[j] = Math.sqrt(squaredEuclidean(x, segments.get(j).getCentroid()));
            }
            int best = argBest(dist, -1, false);
            int second = argBest(dist, best, false);
            double confidence = second < 0 ? 1 : (dist[second] - dist[best]) / dist[second];
            return new Result(best, second, dist[best], confidence);
        }
        double[] posteriors = new double[k];
        double[] mahalanobis = new double[k];
        double[] logP = gaussian(model, x, posteriors, mahalanobis);
        int best = argBest(logP, -1, true);
        int second = argBest(logP, best, true);
        return new Result(best, second, mahalanobis[best], posteriors[best]);
    }

    /** Fills each component's posterior and Mahalanobis distance; returns the log densities. */
    private static double[] gaussian(SegmentModel model, double[] x, double[] posteriors, double[] mahalanobis) {
        List<Segment> segments = model.getSegments();
        int k = segments.size();
        double[] logP = new double[k];
        for (int j = 0; j < k; j++) {
            Segment s = segments.get(j);
            double[] cov = covariance(model.getAlgorithm(), s, x.length);
            double[] r = new double[x.length];
            for (int c = 0; c < x.length; c++) {
                r[c] = x[c] - s.getCentroid().get(c);
            }
            double[] solved = r.clone();
            double logDet = solveInPlace(cov.clone(), solved, x.length);
            double m = 0;
            for (int c = 0; c < x.length; c++) {
                m += r[c] * solved[c];
            }
            mahalanobis[j] = Math.sqrt(m);
            logP[j] = Math.log(s.getWeight()) - 0.5 * (x.length * Math.log(2 * Math.PI) + logDet + m);
        }
        double max = logP[argBest(logP, -1, true)];
        double sum = 0;
        for (double l : logP) {
            sum += Math.exp(l - max);
        }
        for (int j = 0; j < k; j++) {
            posteriors[j] = Math.exp(logP[j] - max) / sum;
        }
        return logP;
    }

    private static double[] covariance(Algorithm algorithm, Segment s, int d) {
        List<Double> values = s.getCovariance();
        double[] cov = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                cov[i * d + j] = algorithm == Algorithm.GMM_FULL ? values.get(i * d + j) : i == j ? values.get(i) : 0;
            }
        }
        return cov;
    }

    /** Gaussian elimination with partial pivoting: solves a y = b into b, returns log |det a|. */
    private static double solveInPlace(double[] a, double[] b, int d) {
        double logDet = 0;
        for (int col = 0; col < d; col++) {
            int pivot = col;
            for (int row = col + 1; row < d; row++) {
                if (Math.abs(a[row * d + col]) > Math.abs(a[pivot * d + col])) {
                    pivot = row;
                }
            }
            if (pivot != col) {
                for (int c = 0; c < d; c++) {
                    double t = a[col * d + c];
                    a[col * d + c] = a[pivot * d + c];
                    a[pivot * d + c] = t;
                }
                double t = b[col];
                b[col] = b[pivot];
                b[pivot] = t;
            }
            double p = a[col * d + col];
            logDet += Math.log(Math.abs(p));
            for (int row = col + 1; row < d; row++) {
                double f = a[row * d + col] / p;
                for (int c = col; c < d; c++) {
                    a[row * d + c] -= f * a[col * d + c];
                }
                b[row] -= f * b[col];
            }
        }
        for (int row = d - 1; row >= 0; row--) {
            double s = b[row];
            for (int c = row + 1; c < d; c++) {
                s -= a[row * d + c] * b[c];
            }
            b[row] = s / a[row * d + row];
        }
        return logDet;
    }

    private static double squaredEuclidean(double[] x, List<Double> centroid) {
        double s = 0;
        for (int c = 0; c < x.length; c++) {
            double diff = x[c] - centroid.get(c);
            s += diff * diff;
        }
        return s;
    }

    /** Index of the smallest (or largest) value other than {@code except}; first one on ties; -1 if none. */
    private static int argBest(double[] values, int except, boolean largest) {
        int best = -1;
        for (int j = 0; j < values.length; j++) {
            if (j == except) {
                continue;
            }
            if (best < 0 || (largest ? values[j] > values[best] : values[j] < values[best])) {
                best = j;
            }
        }
        return best;
    }
}
