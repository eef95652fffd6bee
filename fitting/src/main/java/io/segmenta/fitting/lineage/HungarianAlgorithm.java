package io.segmenta.fitting.lineage;

import io.segmenta.fitting.Checks;

import java.util.Arrays;

/**
 * Minimum-cost assignment (Kuhn-Munkres, the O(n² m) shortest-augmenting-path form with row and column potentials)
 * on a rectangular cost matrix. Written here because neither Smile nor any other dependency of the trainer has one
 * (checked: smile-core/-base 4.4.2, commons-math3 and the Flink jars); k is at most a few dozen segments, so the
 * compact cubic version is plenty.
 */
public final class HungarianAlgorithm {

    private HungarianAlgorithm() {
    }

    /**
     * For each row the column assigned to it, or -1 when there are more rows than columns and the row is left out.
     * Minimises the total cost over all assignments of min(rows, columns) pairs. Costs must be finite.
     */
    public static int[] solve(double[][] cost) {
        int m = Checks.finiteMatrix("cost", cost);
        int n = cost.length;
        if (n > m) {
            double[][] t = new double[m][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    t[j][i] = cost[i][j];
                }
            }
            int[] colToRow = solve(t);
            int[] rowToCol = new int[n];
            Arrays.fill(rowToCol, -1);
            for (int j = 0; j < m; j++) {
                rowToCol[colToRow[j]] = j;
            }
            return rowToCol;
        }
        // 1-based potentials u (rows) and v (columns); p[j] = row matched to column j, 0 = none
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] p = new int[m + 1];
        int[] way = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[m + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[m + 1];
            do {
                used[j0] = true;
                int i0 = p[j0];
                int j1 = 0;
                double delta = Double.POSITIVE_INFINITY;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] assignment = new int[n];
        Arrays.fill(assignment, -1);
        for (int j = 1; j <= m; j++) {
            if (p[j] != 0) {
                assignment[p[j] - 1] = j - 1;
            }
        }
        return assignment;
    }
}
