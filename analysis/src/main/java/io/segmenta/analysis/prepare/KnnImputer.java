package io.segmenta.analysis.prepare;

import io.segmenta.analysis.table.Stats;

import java.util.Arrays;

/**
 * Fills numeric gaps with the mean of the k nearest rows that have the value, distance measured on standardised
 * columns both rows have (scikit-learn's nan-Euclidean, scaled up by the share of coordinates compared). Written
 * here because Smile 4.4.2's {@code KNNImputer} does not treat NaN in a double column as missing. O(m n d) for m
 * incomplete rows: fine for the few hundred gaps a customer table has.
 */
public final class KnnImputer {

    private KnnImputer() {
    }

    /** A copy of {@code raw} (rows x columns, NaN = missing) with every gap filled, and how many were filled. */
    public record Result(double[][] values, int filled) {
    }

    public static Result impute(double[][] raw, int k) {
        int n = raw.length;
        int d = n == 0 ? 0 : raw[0].length;
        double[] mean = new double[d];
        double[] sd = new double[d];
        double[] median = new double[d];
        for (int j = 0; j < d; j++) {
            double[] col = new double[n];
            for (int i = 0; i < n; i++) {
                col[i] = raw[i][j];
            }
            double[] obs = Stats.observed(col);
            mean[j] = Stats.mean(obs);
            sd[j] = Stats.sd(obs) > 0 ? Stats.sd(obs) : 1;
            median[j] = Stats.quantile(Stats.sorted(obs), 0.5);
        }
        double[][] out = new double[n][];
        int filled = 0;
        for (int i = 0; i < n; i++) {
            out[i] = raw[i].clone();
        }
        double[] dist = new double[n];
        for (int i = 0; i < n; i++) {
            if (!hasMissing(raw[i])) {
                continue;
            }
            for (int o = 0; o < n; o++) {
                dist[o] = o == i ? Double.POSITIVE_INFINITY : distance(raw[i], raw[o], mean, sd);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isNaN(raw[i][j])) {
                    continue;
                }
                out[i][j] = donorMean(raw, dist, j, k, median[j]);
                filled++;
            }
        }
        return new Result(out, filled);
    }

    private static boolean hasMissing(double[] row) {
        for (double v : row) {
            if (Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    /** Euclidean on the coordinates both have, standardised, scaled by d / compared; infinite when none. */
    static double distance(double[] a, double[] b, double[] mean, double[] sd) {
        double s = 0;
        int compared = 0;
        for (int j = 0; j < a.length; j++) {
            if (!Double.isNaN(a[j]) && !Double.isNaN(b[j])) {
                double t = (a[j] - b[j]) / sd[j];
                s += t * t;
                compared++;
            }
        }
        return compared == 0 ? Double.POSITIVE_INFINITY : Math.sqrt(s * a.length / compared);
    }

    /** Mean of column j over the k nearest rows that have it; the median when no row is comparable. */
    private static double donorMean(double[][] raw, double[] dist, int j, int k, double fallback) {
        double[] bestD = new double[k];
        double[] bestV = new double[k];
        Arrays.fill(bestD, Double.POSITIVE_INFINITY);
        for (int o = 0; o < raw.length; o++) {
            double v = raw[o][j];
            if (Double.isNaN(v) || !(dist[o] < bestD[k - 1])) {
                continue;
            }
            int at = k - 1;
            while (at > 0 && bestD[at - 1] > dist[o]) {
                bestD[at] = bestD[at - 1];
                bestV[at] = bestV[at - 1];
                at--;
            }
            bestD[at] = dist[o];
            bestV[at] = v;
        }
        double s = 0;
        int m = 0;
        for (int t = 0; t < k; t++) {
            if (Double.isFinite(bestD[t])) {
                s += bestV[t];
                m++;
            }
        }
        return m == 0 ? fallback : s / m;
    }
}
