package io.segmenta.fitting.profile;

import io.segmenta.assigner.features.FeatureSource;
import io.segmenta.fitting.Checks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-segment means and z-scores of the input features in original units, so a marketer reads "spends 420 EUR, 1.8
 * standard deviations above average" rather than a scaled centroid. Missing values (NaN) are skipped per feature.
 */
public final class SegmentProfiler {

    /** Categorical features become one share column per value, named {@code name=value}; at most this many values. */
    public static final int MAX_CATEGORY_COLUMNS = 20;

    private SegmentProfiler() {
    }

    /**
     * @param raw    rows x features in original units, NaN = missing
     * @param names  feature name of each column
     * @param labels cluster index of each row
     * @param k      number of clusters; the result has one profile per cluster, in cluster order
     */
    public static List<SegmentProfile> profile(double[][] raw, List<String> names, int[] labels, int k) {
        int f = Checks.matrix("raw", raw);
        if (names.size() != f) {
            throw new IllegalArgumentException("names has " + names.size() + " entries for " + f + " columns");
        }
        if (labels.length != raw.length) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries for " + raw.length + " rows");
        }
        Checks.atLeast("k", k, 1);
        double[][] sum = new double[k][f];
        long[][] count = new long[k][f];
        long[] sizes = new long[k];
        double[] popSum = new double[f];
        long[] popCount = new long[f];
        for (int i = 0; i < raw.length; i++) {
            int c = labels[i];
            if (c < 0 || c >= k) {
                throw new IllegalArgumentException("label " + c + " of row " + i + " is outside 0.." + (k - 1));
            }
            sizes[c]++;
            for (int j = 0; j < f; j++) {
                double v = raw[i][j];
                if (!Double.isNaN(v)) {
                    sum[c][j] += v;
                    count[c][j]++;
                    popSum[j] += v;
                    popCount[j]++;
                }
            }
        }
        double[] popMean = new double[f];
        double[] popSd = new double[f];
        for (int j = 0; j < f; j++) {
            popMean[j] = popCount[j] > 0 ? popSum[j] / popCount[j] : Double.NaN;
        }
        for (double[] row : raw) {
            for (int j = 0; j < f; j++) {
                if (!Double.isNaN(row[j])) {
                    popSd[j] += (row[j] - popMean[j]) * (row[j] - popMean[j]);
                }
            }
        }
        for (int j = 0; j < f; j++) {
            popSd[j] = popCount[j] > 0 ? Math.sqrt(popSd[j] / popCount[j]) : 0;
        }
        List<SegmentProfile> out = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            Map<String, Double> means = new LinkedHashMap<>();
            Map<String, Double> z = new LinkedHashMap<>();
            for (int j = 0; j < f; j++) {
                if (count[c][j] == 0) {
                    continue;
                }
                double m = sum[c][j] / count[c][j];
                means.put(names.get(j), m);
                z.put(names.get(j), popSd[j] > 0 ? (m - popMean[j]) / popSd[j] : 0.0);
            }
            out.add(new SegmentProfile(c, sizes[c], means, z));
        }
        return out;
    }

    /**
     * Profiles from raw feature rows: numeric features as they are, categorical ones as the share of each of their
     * most frequent values (column {@code name=value}).
     */
    public static List<SegmentProfile> profile(List<? extends FeatureSource> rows, List<String> numericNames,
                                               List<String> categoricalNames, int[] labels, int k) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("rows must not be empty");
        }
        List<String> names = new ArrayList<>(numericNames);
        List<String[]> categoryColumns = new ArrayList<>();
        for (String name : categoricalNames) {
            Map<String, Integer> freq = new HashMap<>();
            for (FeatureSource r : rows) {
                String v = r.category(name);
                if (v != null) {
                    freq.merge(v, 1, Integer::sum);
                }
            }
            freq.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(MAX_CATEGORY_COLUMNS)
                    .forEach(e -> {
                        names.add(name + "=" + e.getKey());
                        categoryColumns.add(new String[] {name, e.getKey()});
                    });
        }
        double[][] raw = new double[rows.size()][names.size()];
        for (int i = 0; i < rows.size(); i++) {
            FeatureSource r = rows.get(i);
            int j = 0;
            for (String name : numericNames) {
                raw[i][j++] = r.numeric(name);
            }
            for (String[] col : categoryColumns) {
                String v = r.category(col[0]);
                raw[i][j++] = v == null ? Double.NaN : (v.equals(col[1]) ? 1.0 : 0.0);
            }
        }
        return profile(raw, names, labels, k);
    }
}
