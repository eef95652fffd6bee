package io.segmenta.analysis.prepare;

import io.segmenta.assigner.features.FeatureCatalog;
import io.segmenta.assigner.features.FeatureSource;
import io.segmenta.assigner.features.FeatureVectorizer;
import io.segmenta.avro.FeatureDef;
import io.segmenta.avro.FeatureKind;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.avro.Scaling;
import io.segmenta.avro.Transform;
import io.segmenta.analysis.table.CustomerTable;
import io.segmenta.analysis.table.Stats;
import io.segmenta.analysis.table.TableColumn;
import io.segmenta.fitting.features.FeatureColumn;
import io.segmenta.fitting.features.FeatureSpecFitter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Imputes, log-transforms, one-hot encodes and scales the selected columns by fitting a {@link FeatureSpec} with
 * the trainer's {@link FeatureSpecFitter} and vectorising with the core's {@link FeatureVectorizer}, so the analysis
 * clusters exactly the vectors a published model would score. Rules: numeric gaps take the median (or KNN, analysis
 * only), categorical gaps the most frequent value; a numeric column with no negative value and skewness above the
 * threshold is log1p-transformed; numeric columns are standard- (or robust-) scaled; categorical ones become one 0/1
 * column per value (the most frequent {@code maxCategories}).
 */
public final class Preprocessor {

    private final PrepareOptions options;

    public Preprocessor(PrepareOptions options) {
        this.options = options;
    }

    public PreparedData prepare(CustomerTable table, List<String> features) {
        Map<String, FeatureKind> kinds = new LinkedHashMap<>();
        List<FeatureColumn> columns = new ArrayList<>();
        List<String> numeric = new ArrayList<>();
        List<String> categorical = new ArrayList<>();
        Map<String, String> why = new LinkedHashMap<>();
        for (String name : features) {
            TableColumn c = table.column(name).orElseThrow();
            if (c.isNumeric()) {
                kinds.put(name, FeatureKind.NUMERIC);
                numeric.add(name);
                double[] observed = Stats.observed(c.numbers());
                double skew = Stats.skewness(observed);
                double min = Stats.sorted(observed)[0];
                FeatureColumn fc = FeatureColumn.numeric(name).withScaling(options.scaling());
                String transform = "";
                if (options.logSkewed() && min >= 0 && skew > options.skewThreshold()) {
                    fc = fc.withTransform(Transform.LOG1P);
                    transform = String.format(Locale.ROOT, "log1p (skewness %.2f > %.1f, no negative values); ",
                            skew, options.skewThreshold());
                }
                columns.add(fc);
                why.put(name, transform);
            } else {
                kinds.put(name, FeatureKind.CATEGORICAL);
                categorical.add(name);
                columns.add(FeatureColumn.categorical(name).withMaxCategories(options.maxCategories()));
                why.put(name, "");
            }
        }
        List<FeatureSource> original = table.featureRows();
        List<? extends FeatureSource> fitRows = original;
        int knnFilled = 0;
        if (options.imputation() == ImputationMethod.KNN && !numeric.isEmpty()) {
            double[][] raw = new double[table.rows()][numeric.size()];
            for (int i = 0; i < raw.length; i++) {
                for (int j = 0; j < numeric.size(); j++) {
                    raw[i][j] = original.get(i).numeric(numeric.get(j));
                }
            }
            KnnImputer.Result imputed = KnnImputer.impute(raw, options.knnNeighbours());
            knnFilled = imputed.filled();
            fitRows = overlay(original, numeric, imputed.values());
        }
        FeatureSpec spec = FeatureSpecFitter.fit(columns, fitRows, options.halfLifeDays());
        FeatureCatalog catalog = FeatureCatalog.of(kinds);
        FeatureVectorizer vectorizer = FeatureVectorizer.compile(spec, catalog);
        double[][] x = new double[table.rows()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = vectorizer.vectorize(fitRows.get(i));
        }
        List<String> steps = new ArrayList<>();
        for (FeatureDef def : spec.getFeatures()) {
            TableColumn c = table.column(def.getName()).orElseThrow();
            steps.add(describe(def, c.missing(), why.get(def.getName())));
        }
        return new PreparedData(spec, catalog, vectorizer, x, numeric, categorical, original, steps, knnFilled);
    }

    private String describe(FeatureDef def, int missing, String transform) {
        StringBuilder s = new StringBuilder(def.getName()).append(": ");
        if (def.getKind() == FeatureKind.NUMERIC) {
            if (missing > 0) {
                s.append(missing).append(" missing filled with ")
                        .append(options.imputation() == ImputationMethod.KNN
                                ? "the mean of the " + options.knnNeighbours() + " nearest rows (KNN, analysis only; "
                                + "the spec records the median " + fmt(def.getImputeValue()) + " for serving)"
                                : "the median " + fmt(def.getImputeValue()))
                        .append("; ");
            }
            s.append(transform);
            s.append(def.getScaling() == Scaling.ROBUST ? "robust scaling (median " : "standard scaling (mean ")
                    .append(fmt(def.getCenter())).append(def.getScaling() == Scaling.ROBUST ? ", IQR " : ", sd ")
                    .append(fmt(def.getScale())).append(def.getTransform() == Transform.LOG1P ? ", after log1p)" : ")");
        } else {
            if (missing > 0) {
                s.append(missing).append(" missing filled with the most frequent value '")
                        .append(def.getImputeCategory()).append("'; ");
            }
            s.append("one-hot encoded into ").append(def.getCategories().size()).append(" columns ")
                    .append(def.getCategories());
        }
        return s.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 1000 || v == Math.rint(v) ? "%.1f" : "%.4g", v);
    }

    /** The rows with the given numeric features read from {@code values} instead. */
    private static List<FeatureSource> overlay(List<FeatureSource> rows, List<String> names, double[][] values) {
        Map<String, Integer> index = new HashMap<>();
        for (int j = 0; j < names.size(); j++) {
            index.put(names.get(j), j);
        }
        List<FeatureSource> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            FeatureSource base = rows.get(i);
            double[] row = values[i];
            out.add(new FeatureSource() {
                @Override
                public double numeric(String name) {
                    Integer j = index.get(name);
                    return j == null ? base.numeric(name) : row[j];
                }

                @Override
                public String category(String name) {
                    return base.category(name);
                }
            });
        }
        return out;
    }
}
