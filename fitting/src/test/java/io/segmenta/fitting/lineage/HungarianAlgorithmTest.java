package io.segmenta.fitting.lineage;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HungarianAlgorithmTest {

    @Test
    void solvesAClassicExample() {
        double[][] cost = {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}};
        assertThat(HungarianAlgorithm.solve(cost)).containsExactly(1, 0, 2);
    }

    @Test
    void matchesBruteForceOnRandomSquareMatrices() {
        Random r = new Random(5);
        for (int trial = 0; trial < 50; trial++) {
            double[][] cost = new double[6][6];
            for (double[] row : cost) {
                for (int j = 0; j < 6; j++) {
                    row[j] = r.nextDouble() * 10;
                }
            }
            int[] a = HungarianAlgorithm.solve(cost);
            assertThat(a).doesNotHaveDuplicates();
            assertThat(total(cost, a)).isCloseTo(bruteForce(cost, 0, new boolean[6]), within(1e-9));
        }
    }

    @Test
    void rectangularMatricesLeaveTheSurplusOut() {
        double[][] wide = {{5, 1, 9, 9}, {1, 5, 9, 9}};
        assertThat(HungarianAlgorithm.solve(wide)).containsExactly(1, 0);
        double[][] tall = {{5, 1}, {1, 5}, {0.5, 0.4}};
        int[] a = HungarianAlgorithm.solve(tall);
        // best pair of rows: row 2 takes a column, one of rows 0/1 the other
        assertThat(total(tall, a)).isCloseTo(1.4, within(1e-12));
        assertThat(a).containsOnlyOnce(-1);
    }

    @Test
    void rejectsNonFiniteCosts() {
        assertThatThrownBy(() -> HungarianAlgorithm.solve(new double[][] {{1, Double.POSITIVE_INFINITY}}))
                .hasMessageContaining("not finite");
    }

    private static double total(double[][] cost, int[] a) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] >= 0) {
                s += cost[i][a[i]];
            }
        }
        return s;
    }

    private static double bruteForce(double[][] cost, int row, boolean[] used) {
        if (row == cost.length) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < used.length; j++) {
            if (!used[j]) {
                used[j] = true;
                best = Math.min(best, cost[row][j] + bruteForce(cost, row + 1, used));
                used[j] = false;
            }
        }
        return best;
    }
}
