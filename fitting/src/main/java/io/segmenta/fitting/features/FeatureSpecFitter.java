package io.segmenta.fitting.features;

import io.segmenta.assigner.features.FeatureVectorizer;
import io.segmenta.assigner.features.FeatureSource;
import io.segmenta.assigner.features.FeatureSpecs;
import io.segmenta.avro.FeatureDef;
import io.segmenta.avro.FeatureKind;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.avro.Imputation;
import io.segmenta.avro.Scaling;
import io.segmenta.avro.Transform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fits a {@link FeatureSpec} on raw rows: impute values, one-hot categories and centre/scale, computed in the order
 * the assigner applies them (impute, clip, transform, one-hot, scale), so that scaled training vectors have mean 0
 * and unit spread per numeric column.
 */
public final class FeatureSpecFitter {

    private FeatureSpecFitter() {
    }

    public static FeatureSpec fit(List<FeatureColumn> columns, List<? extends FeatureSource> rows,
                                  double halfLifeDays) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("at least one feature column is needed");
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("rows must not be empty");
        }
        if (!(halfLifeDays > 0) || Double.isInfinite(halfLifeDays)) {
            throw new IllegalArgumentException("halfLifeDays must be a finite number > 0, got " + halfLifeDays);
        }
        Set<String> names = new HashSet<>();
        List<FeatureDef> defs = new ArrayList<>();
        for (FeatureColumn c : columns) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("feature " + c.name() + " is listed twice");
            }
            defs.add(c.kind() == FeatureKind.NUMERIC ? fitNumeric(c, rows) : fitCategorical(c, rows));
        }
        return FeatureSpecs.of(defs, halfLifeDays);
    }

    static FeatureDef fitNumeric(FeatureColumn c, List<? extends FeatureSource> rows) {
        double[] observed = rows.stream().mapToDouble(r -> r.numeric(c.name())).filter(v -> !Double.isNaN(v))
                .toArray();
        if (observed.length == 0 && (c.impute() != Imputation.CONSTANT || c.scaling() != Scaling.NONE)) {
            throw new IllegalArgumentException("feature " + c.name() + " has no observed value to fit "
                    + c.impute() + " imputation or " + c.scaling() + " scaling on");
        }
        for (double v : observed) {
            if (Double.isInfinite(v)) {
                throw new IllegalArgumentException("feature " + c.name() + " has an infinite value");
            }
        }
        double imputeValue = switch (c.impute()) {
            case NONE -> 0.0;
            case MEAN -> mean(observed);
            case MEDIAN -> quantile(sorted(observed), 0.5);
            case CONSTANT -> c.imputeConstant();
            case MOST_FREQUENT -> mostFrequent(observed);
        };
        int missing = rows.size() - observed.length;
        int filled = c.impute() == Imputation.NONE ? 0 : missing;
        double[] values = Arrays.copyOf(observed, observed.length + filled);
        Arrays.fill(values, observed.length, values.length, imputeValue);
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (c.clipMin() != null) {
                v = Math.max(v, c.clipMin());
            }
            if (c.clipMax() != null) {
                v = Math.min(v, c.clipMax());
            }
            if (c.transform() == Transform.LOG1P) {
                v = FeatureVectorizer.signedLog1p(v);
            }
            values[i] = v;
        }
        double center = 0.0;
        double scale = 1.0;
        if (c.scaling() == Scaling.STANDARD) {
            center = mean(values);
            scale = nonZero(std(values, center), 1.0);
        } else if (c.scaling() == Scaling.ROBUST) {
            double[] s = sorted(values);
            center = quantile(s, 0.5);
            // an IQR of 0 (a mostly-zero feature such as refund_rate) falls back to the standard deviation, then 1
            scale = nonZero(quantile(s, 0.75) - quantile(s, 0.25), nonZero(std(values, mean(values)), 1.0));
        }
        return FeatureDef.newBuilder()
                .setName(c.name())
                .setKind(FeatureKind.NUMERIC)
                .setImpute(c.impute())
                .setImputeValue(imputeValue)
                .setImputeCategory(null)
                .setClipMin(c.clipMin())
                .setClipMax(c.clipMax())
                .setTransform(c.transform())
                .setCategories(new ArrayList<>())
                .setScaling(c.scaling())
                .setCenter(center)
                .setScale(scale)
                .build();
    }

    static FeatureDef fitCategorical(FeatureColumn c, List<? extends FeatureSource> rows) {
        Map<String, Integer> freq = new HashMap<>();
        int missing = 0;
        for (FeatureSource r : rows) {
            String v = r.category(c.name());
            if (v == null) {
                missing++;
            } else {
                freq.merge(v, 1, Integer::sum);
            }
        }
        String imputed = switch (c.impute()) {
            case CONSTANT -> c.imputeCategory();
            case MOST_FREQUENT -> {
                if (freq.isEmpty()) {
                    throw new IllegalArgumentException("feature " + c.name()
                            + " has no observed value to find the most frequent one");
                }
                yield byFrequency(freq).get(0);
            }
            default -> null;
        };
        if (imputed != null && missing > 0) {
            freq.merge(imputed, missing, Integer::sum);
        }
        List<String> categories = byFrequency(freq);
        if (categories.size() > c.maxCategories()) {
            categories = new ArrayList<>(categories.subList(0, c.maxCategories()));
        }
        return FeatureDef.newBuilder()
                .setName(c.name())
                .setKind(FeatureKind.CATEGORICAL)
                .setImpute(c.impute())
                .setImputeValue(0.0)
                .setImputeCategory(imputed)
                .setClipMin(null)
                .setClipMax(null)
                .setTransform(Transform.NONE)
                .setCategories(categories)
                .setScaling(Scaling.NONE)
                .setCenter(0.0)
                .setScale(1.0)
                .build();
    }

    /** Most frequent first; ties in name order, so the spec (and its hash) does not depend on row order. */
    private static List<String> byFrequency(Map<String, Integer> freq) {
        List<String> out = new ArrayList<>(freq.keySet());
        out.sort((a, b) -> {
            int byCount = Integer.compare(freq.get(b), freq.get(a));
            return byCount != 0 ? byCount : a.compareTo(b);
        });
        return out;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? 0 : s / v.length;
    }

    private static double std(double[] v, double mean) {
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return v.length == 0 ? 0 : Math.sqrt(s / v.length);
    }

    private static double[] sorted(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s;
    }

    /** Linear interpolation between order statistics (numpy's default), on sorted values. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The mode; the smallest value on a tie. */
    private static double mostFrequent(double[] v) {
        double[] s = sorted(v);
        double best = s[0];
        int bestRun = 0;
        for (int i = 0; i < s.length; ) {
            int j = i;
            while (j < s.length && s[j] == s[i]) {
                j++;
            }
            if (j - i > bestRun) {
                bestRun = j - i;
                best = s[i];
            }
            i = j;
        }
        return best;
    }

    private static double nonZero(double v, double fallback) {
        return v > 1e-12 && Double.isFinite(v) ? v : fallback;
    }
}
