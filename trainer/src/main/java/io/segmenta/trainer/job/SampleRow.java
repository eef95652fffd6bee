package io.segmenta.trainer.job;

import io.segmenta.assigner.features.FeatureSource;

import java.util.List;

/**
 * One sampled customer's raw features (original units) in the order of the settings' numeric and categorical
 * feature names, plus the segment the trainer last assigned them ({@link #NONE} for a customer not seen in an earlier
 * window): enough to fit a spec, profile segments in original units and measure member overlap. A Flink POJO.
 */
public class SampleRow {

    public static final int NONE = Integer.MIN_VALUE;

    public double[] numeric;
    public String[] categories;
    public int previousSegment = NONE;

    public SampleRow() {
    }

    public SampleRow(double[] numeric, String[] categories, int previousSegment) {
        this.numeric = numeric;
        this.categories = categories;
        this.previousSegment = previousSegment;
    }

    /** Reads the raw features of {@code source}. */
    public static SampleRow of(FeatureSource source, List<String> numericNames, List<String> categoricalNames,
                               int previousSegment) {
        double[] numeric = new double[numericNames.size()];
        for (int i = 0; i < numeric.length; i++) {
            numeric[i] = source.numeric(numericNames.get(i));
        }
        String[] categories = new String[categoricalNames.size()];
        for (int i = 0; i < categories.length; i++) {
            categories[i] = source.category(categoricalNames.get(i));
        }
        return new SampleRow(numeric, categories, previousSegment);
    }

    /** This row as a feature source over the same names. */
    public FeatureSource asSource(List<String> numericNames, List<String> categoricalNames) {
        return new FeatureSource() {
            @Override
            public double numeric(String name) {
                int i = numericNames.indexOf(name);
                return i < 0 ? Double.NaN : numeric[i];
            }

            @Override
            public String category(String name) {
                int i = categoricalNames.indexOf(name);
                return i < 0 ? null : categories[i];
            }
        };
    }
}
