package io.segmenta.analysis.table;

import java.util.List;

/**
 * What one column looks like before any preparation. Numeric statistics are over the observed values and NaN for
 * other columns.
 *
 * @param outliers      values outside [q1 - 1.5 IQR, q3 + 1.5 IQR] (Tukey's rule)
 * @param histogram     numeric distribution, null for other columns
 * @param topCategories most frequent values of a categorical column, most frequent first (at most 10)
 */
public record ColumnProfile(String name, ColumnType type, int rows, int missing, int distinct, double mean, double sd,
                            double min, double q1, double median, double q3, double max, double skewness,
                            int outliers, Histogram histogram, List<CategoryCount> topCategories) {

    public record CategoryCount(String value, int count) {
    }

    public double missingShare() {
        return rows == 0 ? 0 : (double) missing / rows;
    }
}
