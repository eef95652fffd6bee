package io.segmenta.fitting;

/** Small dense-vector kernels used in the inner loops; plain loops so the JIT can vectorise them. */
public final class Vectors {

    private Vectors() {
    }

    public static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double t = a[j] - b[j];
            s += t * t;
        }
        return s;
    }

    public static double distance(double[] a, double[] b) {
        return Math.sqrt(squaredDistance(a, b));
    }

    /** Index of the centroid nearest to {@code x} (lowest index on ties). */
    public static int nearest(double[][] centroids, double[] x) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            double dd = squaredDistance(centroids[c], x);
            if (dd < bestD) {
                bestD = dd;
                best = c;
            }
        }
        return best;
    }

    /** Nearest centroid of every row. */
    public static int[] nearest(double[][] centroids, double[][] rows) {
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = nearest(centroids, rows[i]);
        }
        return labels;
    }

    public static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }

    /** Column means of the rows. */
    public static double[] mean(double[][] rows) {
        double[] mu = new double[rows[0].length];
        for (double[] r : rows) {
            for (int j = 0; j < mu.length; j++) {
                mu[j] += r[j];
            }
        }
        for (int j = 0; j < mu.length; j++) {
            mu[j] /= rows.length;
        }
        return mu;
    }

    /** Rows picked by index (shared, not copied). */
    public static double[][] rows(double[][] data, int[] indices) {
        double[][] out = new double[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = data[indices[i]];
        }
        return out;
    }
}
