package io.segmenta.transactions.synthetic;

import java.util.Random;

/**
 * A plain batch K-Means (k-means++ seeding, Lloyd iterations, best of several restarts) on standardised columns and
 * the adjusted Rand index, written for the tests so that separability is checked without the model's code.
 */
final class KMeans {

    private KMeans() {
    }

    static int[] cluster(double[][] raw, int k, long seed) {
        double[][] x = standardise(raw);
        Random r = new Random(seed);
        int[] best = null;
        double bestCost = Double.MAX_VALUE;
        for (int restart = 0; restart < 10; restart++) {
            double[][] c = seeds(x, k, r);
            int[] a = new int[x.length];
            for (int it = 0; it < 100; it++) {
                boolean changed = false;
                for (int i = 0; i < x.length; i++) {
                    int j = nearest(x[i], c);
                    changed |= j != a[i];
                    a[i] = j;
                }
                c = means(x, a, k, c);
                if (!changed && it > 0) {
                    break;
                }
            }
            double cost = 0;
            for (int i = 0; i < x.length; i++) {
                cost += dist(x[i], c[a[i]]);
            }
            if (cost < bestCost) {
                bestCost = cost;
                best = a.clone();
            }
        }
        return best;
    }

    static double adjustedRandIndex(int[] a, int[] b) {
        int ka = max(a) + 1;
        int kb = max(b) + 1;
        long[][] n = new long[ka][kb];
        long[] ra = new long[ka];
        long[] rb = new long[kb];
        for (int i = 0; i < a.length; i++) {
            n[a[i]][b[i]]++;
            ra[a[i]]++;
            rb[b[i]]++;
        }
        double sumComb = 0;
        for (long[] row : n) {
            for (long v : row) {
                sumComb += comb2(v);
            }
        }
        double sa = 0;
        for (long v : ra) {
            sa += comb2(v);
        }
        double sb = 0;
        for (long v : rb) {
            sb += comb2(v);
        }
        double expected = sa * sb / comb2(a.length);
        double max = (sa + sb) / 2;
        return (sumComb - expected) / (max - expected);
    }

    private static double comb2(long v) {
        return v * (v - 1) / 2.0;
    }

    private static int max(int[] a) {
        int m = 0;
        for (int v : a) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static double[][] standardise(double[][] raw) {
        int d = raw[0].length;
        double[][] x = new double[raw.length][d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] row : raw) {
                mean += row[j];
            }
            mean /= raw.length;
            double var = 0;
            for (double[] row : raw) {
                var += (row[j] - mean) * (row[j] - mean);
            }
            double sd = Math.sqrt(var / raw.length);
            for (int i = 0; i < raw.length; i++) {
                x[i][j] = sd == 0 ? 0 : (raw[i][j] - mean) / sd;
            }
        }
        return x;
    }

    private static double[][] seeds(double[][] x, int k, Random r) {
        double[][] c = new double[k][];
        c[0] = x[r.nextInt(x.length)];
        double[] d = new double[x.length];
        for (int m = 1; m < k; m++) {
            double total = 0;
            for (int i = 0; i < x.length; i++) {
                d[i] = Double.MAX_VALUE;
                for (int j = 0; j < m; j++) {
                    d[i] = Math.min(d[i], dist(x[i], c[j]));
                }
                total += d[i];
            }
            double u = r.nextDouble() * total;
            int pick = x.length - 1;
            for (int i = 0; i < x.length; i++) {
                u -= d[i];
                if (u <= 0) {
                    pick = i;
                    break;
                }
            }
            c[m] = x[pick];
        }
        return c;
    }

    private static double[][] means(double[][] x, int[] a, int k, double[][] old) {
        int d = x[0].length;
        double[][] c = new double[k][d];
        int[] n = new int[k];
        for (int i = 0; i < x.length; i++) {
            n[a[i]]++;
            for (int j = 0; j < d; j++) {
                c[a[i]][j] += x[i][j];
            }
        }
        for (int m = 0; m < k; m++) {
            if (n[m] == 0) {
                c[m] = old[m];
            } else {
                for (int j = 0; j < d; j++) {
                    c[m][j] /= n[m];
                }
            }
        }
        return c;
    }

    private static int nearest(double[] p, double[][] c) {
        int best = 0;
        for (int j = 1; j < c.length; j++) {
            if (dist(p, c[j]) < dist(p, c[best])) {
                best = j;
            }
        }
        return best;
    }

    private static double dist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }
}
