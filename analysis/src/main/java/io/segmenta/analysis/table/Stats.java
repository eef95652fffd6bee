package io.segmenta.analysis.table;

import java.util.Arrays;

/** Descriptive statistics over the observed (non-NaN) values of a column. */
public final class Stats {

    private Stats() {
    }

    /** The non-NaN values, in order. */
    public static double[] observed(double[] values) {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
    }

    public static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    /** Population standard deviation. */
    public static double sd(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return v.length == 0 ? Double.NaN : Math.sqrt(s / v.length);
    }

    /** Linear interpolation between order statistics (numpy's default), on sorted values. */
    public static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Sample skewness g1 = m3 / m2^1.5 (0 for a constant column). */
    public static double skewness(double[] v) {
        double m = mean(v);
        double m2 = 0;
        double m3 = 0;
        for (double x : v) {
            double d = x - m;
            m2 += d * d;
            m3 += d * d * d;
        }
        if (v.length == 0 || m2 == 0) {
            return 0;
        }
        m2 /= v.length;
        m3 /= v.length;
        return m3 / Math.pow(m2, 1.5);
    }

    public static double[] sorted(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s;
    }

    /** Pearson correlation over the rows where both are observed; NaN with fewer than 3 such rows or no spread. */
    public static double correlation(double[] a, double[] b) {
        double sa = 0;
        double sb = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
                sa += a[i];
                sb += b[i];
                n++;
            }
        }
        if (n < 3) {
            return Double.NaN;
        }
        double ma = sa / n;
        double mb = sb / n;
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
                double da = a[i] - ma;
                double db = b[i] - mb;
                cov += da * db;
                va += da * da;
                vb += db * db;
            }
        }
        return va == 0 || vb == 0 ? Double.NaN : cov / Math.sqrt(va * vb);
    }
}
