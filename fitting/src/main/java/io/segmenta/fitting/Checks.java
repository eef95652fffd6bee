package io.segmenta.fitting;

/** Argument checks shared by the parameter records, so every bad input fails early with the same clear wording. */
public final class Checks {

    private Checks() {
    }

    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    public static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + value);
        }
        return value;
    }

    public static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
        }
        return value;
    }

    /** Closed interval [min, max]; NaN fails. */
    public static double within(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    /** A non-empty rectangular matrix of finite values; returns its column count. */
    public static int matrix(String name, double[][] rows) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException(name + " must have at least one row");
        }
        int d = rows[0].length;
        if (d == 0) {
            throw new IllegalArgumentException(name + " must have at least one column");
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException(
                        name + " must be rectangular: row " + i + " has " + rows[i].length + " columns, row 0 has " + d);
            }
        }
        return d;
    }

    /** Like {@link #matrix} and also requires every value to be finite (NaN would silently poison sums). */
    public static int finiteMatrix(String name, double[][] rows) {
        int d = matrix(name, rows);
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(rows[i][j])) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + j + "] is not finite: " + rows[i][j]);
                }
            }
        }
        return d;
    }

    public static void dimension(String name, double[] vector, int d) {
        if (vector.length != d) {
            throw new IllegalArgumentException(name + " has dimension " + vector.length + ", expected " + d);
        }
    }
}
