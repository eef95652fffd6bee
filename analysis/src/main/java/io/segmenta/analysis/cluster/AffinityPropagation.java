package io.segmenta.analysis.cluster;

import io.segmenta.fitting.Checks;
import io.segmenta.fitting.Vectors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Affinity propagation (Frey and Dueck, Science 2007), which Smile lacks: points exchange "responsibility" and
 * "availability" messages until a set of exemplars emerges; the number of clusters follows from the preference
 * (the self-similarity), not from a k. Similarity is the negative squared Euclidean distance. O(n^2) memory and
 * time per iteration, so callers bound n (a sample). Deterministic: no random start.
 *
 * @param damping       share of the previous message kept each iteration (0.5..1), against oscillation
 * @param maxIterations iterations at most
 * @param convergence   stop when the exemplars have not changed for this many iterations
 */
public record AffinityPropagation(double damping, int maxIterations, int convergence) {

    public static final AffinityPropagation DEFAULTS = new AffinityPropagation(0.9, 400, 25);

    public AffinityPropagation {
        Checks.within("damping", damping, 0.5, 0.999);
        Checks.atLeast("maxIterations", maxIterations, 1);
        Checks.atLeast("convergence", convergence, 1);
    }

    /** How the self-similarity is set: the median similarity gives a moderate number of clusters, the minimum few. */
    public enum Preference {
        MEDIAN, MINIMUM
    }

    /**
     * @param exemplars  row index of each cluster's exemplar
     * @param labels     cluster of each row (index into exemplars)
     * @param iterations iterations run
     * @param converged  whether the exemplars were stable before the iteration limit
     */
    public record Result(int[] exemplars, int[] labels, int iterations, boolean converged) {
    }

    public Result fit(double[][] x, Preference preference) {
        Checks.finiteMatrix("x", x);
        int n = x.length;
        if (n < 2) {
            return new Result(new int[] {0}, new int[n], 0, true);
        }
        double[] s = new double[n * n];
        double[] offDiagonal = new double[n * (n - 1)];
        int m = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                if (i != k) {
                    s[i * n + k] = -Vectors.squaredDistance(x[i], x[k]);
                    offDiagonal[m++] = s[i * n + k];
                }
            }
        }
        Arrays.sort(offDiagonal);
        double p = preference == Preference.MEDIAN ? offDiagonal[offDiagonal.length / 2] : offDiagonal[0];
        for (int i = 0; i < n; i++) {
            // a tiny deterministic tie-breaker, as in the reference implementation, avoids oscillation on duplicates
            s[i * n + i] = p - 1e-12 * Math.abs(p) * i;
        }
        double[] r = new double[n * n];
        double[] a = new double[n * n];
        boolean[] exemplar = new boolean[n];
        int stable = 0;
        int iteration = 0;
        boolean converged = false;
        while (iteration < maxIterations) {
            iteration++;
            updateResponsibilities(s, a, r, n);
            updateAvailabilities(r, a, n);
            boolean changed = false;
            int count = 0;
            for (int k = 0; k < n; k++) {
                boolean e = a[k * n + k] + r[k * n + k] > 0;
                changed |= e != exemplar[k];
                exemplar[k] = e;
                count += e ? 1 : 0;
            }
            stable = changed || count == 0 ? 0 : stable + 1;
            if (stable >= convergence) {
                converged = true;
                break;
            }
        }
        List<Integer> ex = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            if (exemplar[k]) {
                ex.add(k);
            }
        }
        if (ex.isEmpty()) {
            ex.add(argmaxDiagonal(a, r, n));
        }
        int[] exemplars = ex.stream().mapToInt(Integer::intValue).toArray();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 0; c < exemplars.length; c++) {
                if (exemplars[c] == i) {
                    best = c;
                    break;
                }
                if (s[i * n + exemplars[c]] > s[i * n + exemplars[best]]) {
                    best = c;
                }
            }
            labels[i] = best;
        }
        return new Result(exemplars, labels, iteration, converged);
    }

    /** r(i,k) = s(i,k) - max_{k' != k} (a(i,k') + s(i,k')), damped. */
    private void updateResponsibilities(double[] s, double[] a, double[] r, int n) {
        for (int i = 0; i < n; i++) {
            int row = i * n;
            double first = Double.NEGATIVE_INFINITY;
            double second = Double.NEGATIVE_INFINITY;
            int firstAt = -1;
            for (int k = 0; k < n; k++) {
                double v = a[row + k] + s[row + k];
                if (v > first) {
                    second = first;
                    first = v;
                    firstAt = k;
                } else if (v > second) {
                    second = v;
                }
            }
            for (int k = 0; k < n; k++) {
                double fresh = s[row + k] - (k == firstAt ? second : first);
                r[row + k] = damping * r[row + k] + (1 - damping) * fresh;
            }
        }
    }

    /** a(i,k) = min(0, r(k,k) + sum_{i' not in {i,k}} max(0, r(i',k))); a(k,k) = sum_{i' != k} max(0, r(i',k)). */
    private void updateAvailabilities(double[] r, double[] a, int n) {
        for (int k = 0; k < n; k++) {
            double positive = 0;
            for (int i = 0; i < n; i++) {
                if (i != k) {
                    positive += Math.max(0, r[i * n + k]);
                }
            }
            double rkk = r[k * n + k];
            for (int i = 0; i < n; i++) {
                double fresh = i == k ? positive : Math.min(0, rkk + positive - Math.max(0, r[i * n + k]));
                a[i * n + k] = damping * a[i * n + k] + (1 - damping) * fresh;
            }
        }
    }

    private static int argmaxDiagonal(double[] a, double[] r, int n) {
        int best = 0;
        for (int k = 1; k < n; k++) {
            if (a[k * n + k] + r[k * n + k] > a[best * n + best] + r[best * n + best]) {
                best = k;
            }
        }
        return best;
    }
}
