package io.segmenta.analysis.table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Profiles every column of a table: type, missing values, spread, skewness, IQR outliers, distribution. */
public final class TableProfiler {

    private static final int TOP_CATEGORIES = 10;

    private TableProfiler() {
    }

    public static List<ColumnProfile> profile(CustomerTable table) {
        List<ColumnProfile> out = new ArrayList<>();
        for (TableColumn c : table.columns()) {
            out.add(profile(c));
        }
        return out;
    }

    public static ColumnProfile profile(TableColumn c) {
        int n = c.size();
        int missing = c.missing();
        Set<String> distinctTexts = new HashSet<>();
        for (String t : c.texts()) {
            if (t != null) {
                distinctTexts.add(t);
            }
        }
        if (c.isNumeric()) {
            double[] v = Stats.observed(c.numbers());
            double[] s = Stats.sorted(v);
            double q1 = Stats.quantile(s, 0.25);
            double q3 = Stats.quantile(s, 0.75);
            double iqr = q3 - q1;
            int outliers = 0;
            for (double x : v) {
                if (x < q1 - 1.5 * iqr || x > q3 + 1.5 * iqr) {
                    outliers++;
                }
            }
            int distinct = (int) java.util.Arrays.stream(s).distinct().count();
            return new ColumnProfile(c.name(), c.type(), n, missing, distinct, Stats.mean(v), Stats.sd(v),
                    s[0], q1, Stats.quantile(s, 0.5), q3, s[s.length - 1], Stats.skewness(v), outliers,
                    Histogram.of(v, Histogram.DEFAULT_BINS), List.of());
        }
        Map<String, Integer> freq = new HashMap<>();
        for (String t : c.texts()) {
            if (t != null) {
                freq.merge(t, 1, Integer::sum);
            }
        }
        List<ColumnProfile.CategoryCount> top = freq.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_CATEGORIES).map(e -> new ColumnProfile.CategoryCount(e.getKey(), e.getValue())).toList();
        double nan = Double.NaN;
        return new ColumnProfile(c.name(), c.type(), n, missing, distinctTexts.size(), nan, nan, nan, nan, nan, nan,
                nan, nan, 0, null, top);
    }
}
