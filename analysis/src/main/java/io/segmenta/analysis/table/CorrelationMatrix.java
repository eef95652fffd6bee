package io.segmenta.analysis.table;

import java.util.List;

/** Pairwise Pearson correlations of numeric columns, over rows where both are observed. */
public record CorrelationMatrix(List<String> names, double[][] r) {

    public static CorrelationMatrix of(List<TableColumn> numericColumns) {
        int m = numericColumns.size();
        double[][] r = new double[m][m];
        for (int a = 0; a < m; a++) {
            r[a][a] = 1;
            for (int b = a + 1; b < m; b++) {
                double v = Stats.correlation(numericColumns.get(a).numbers(), numericColumns.get(b).numbers());
                r[a][b] = v;
                r[b][a] = v;
            }
        }
        return new CorrelationMatrix(numericColumns.stream().map(TableColumn::name).toList(), r);
    }

    public double get(String a, String b) {
        return r[names.indexOf(a)][names.indexOf(b)];
    }
}
