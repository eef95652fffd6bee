package io.segmenta.assigner.features;

import io.segmenta.assigner.IncompatibleModelException;
import io.segmenta.avro.FeatureDef;
import io.segmenta.avro.FeatureKind;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.avro.Scaling;
import io.segmenta.avro.Transform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a {@link FeatureSource} into a model's scaled vector. Compiled once from a {@link FeatureSpec}; the trainer
 * and the assigner both use this class, so equal inputs give bit-identical vectors. Each feature, in spec order:
 * <ol>
 *   <li>impute: a missing value (NaN, and also +-infinity, or a null category) becomes {@code imputeValue} /
 *       {@code imputeCategory}, whatever the {@code impute} method that fitted it (NONE uses the default 0.0)</li>
 *   <li>clip to [{@code clipMin}, {@code clipMax}] (numeric; absent bounds do not clip)</li>
 *   <li>transform: LOG1P is the signed {@code sign(x) * log1p(|x|)}, equal to {@code log1p} on the non-negative
 *       values it is meant for and defined (no NaN) below -1</li>
 *   <li>one-hot (categorical): one column per listed category, in order; an unlisted value sets no column</li>
 *   <li>scale: STANDARD/ROBUST write {@code (x - center) / scale}; a categorical applies it to each of its 0/1
 *       columns; NONE writes x</li>
 * </ol>
 * {@link StrictMath} is used so that vectors do not depend on the JVM or CPU the trainer and assigner run on.
 * Finite inputs never give NaN. Immutable and thread-safe; {@link #vectorize(FeatureSource, double[])}
 * allocates nothing.
 */
public final class FeatureVectorizer {

    private final String specHash;
    private final double halfLifeDays;
    private final int dimension;
    private final Step[] steps;
    private final List<String> featureNames;
    private final List<String> columnNames;
    private final int[] featureOfColumn;

    private FeatureVectorizer(String specHash, double halfLifeDays, Step[] steps, List<String> featureNames,
                              List<String> columnNames, int[] featureOfColumn) {
        this.specHash = specHash;
        this.halfLifeDays = halfLifeDays;
        this.steps = steps;
        this.featureNames = List.copyOf(featureNames);
        this.columnNames = List.copyOf(columnNames);
        this.featureOfColumn = featureOfColumn;
        this.dimension = featureOfColumn.length;
    }

    /** Compiles against the {@link FeatureCatalog#standard() standard profile features}. */
    public static FeatureVectorizer compile(FeatureSpec spec) {
        return compile(spec, FeatureCatalog.standard());
    }

    /**
     * Compiles a spec.
     *
     * @throws IncompatibleModelException if the spec's dimension or hash does not match its features, it reads a
     *                                    feature the catalog does not know (or as another kind), or a fitted
     *                                    parameter is unusable (non-finite, zero scale, clipMin > clipMax, ...)
     */
    public static FeatureVectorizer compile(FeatureSpec spec, FeatureCatalog catalog) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(catalog, "catalog");
        String where = "feature spec " + shortHash(spec.getHash());
        List<FeatureDef> defs = spec.getFeatures();
        if (defs == null || defs.isEmpty()) {
            throw new IncompatibleModelException(where + ": has no features");
        }
        double halfLife = spec.getHalfLifeDays();
        if (!(halfLife > 0) || Double.isInfinite(halfLife)) {
            throw new IncompatibleModelException(where + ": halfLifeDays must be positive and finite, was " + halfLife);
        }
        int computed = FeatureSpecs.dimension(defs);
        if (spec.getDimension() != computed) {
            throw new IncompatibleModelException(where + ": dimension is " + spec.getDimension()
                    + " but its features have " + computed + " columns");
        }
        String layoutHash = FeatureSpecs.layoutHash(defs, halfLife, spec.getReadAt());
        if (!layoutHash.equals(spec.getHash())) {
            throw new IncompatibleModelException(where + ": hash does not match its layout (recomputed "
                    + shortHash(layoutHash) + "); the spec was edited or built by an incompatible version");
        }

        Step[] steps = new Step[defs.size()];
        List<String> featureNames = new ArrayList<>();
        List<String> columnNames = new ArrayList<>();
        int[] featureOfColumn = new int[computed];
        Set<String> seen = new HashSet<>();
        int column = 0;
        for (int f = 0; f < defs.size(); f++) {
            FeatureDef def = defs.get(f);
            String name = def.getName();
            String at = where + ", feature '" + name + "'";
            if (name == null || name.isBlank()) {
                throw new IncompatibleModelException(where + ": feature #" + f + " has no name");
            }
            if (!seen.add(name)) {
                throw new IncompatibleModelException(at + ": listed twice");
            }
            FeatureKind known = catalog.kindOf(name).orElseThrow(() -> new IncompatibleModelException(
                    at + ": unknown feature; this build provides " + catalog.names()));
            if (known != def.getKind()) {
                throw new IncompatibleModelException(at + ": is " + known + " here but the spec reads it as " + def.getKind());
            }
            double center = 0.0;
            double scale = 1.0;
            if (def.getScaling() != Scaling.NONE) {
                center = def.getCenter();
                scale = def.getScale();
                if (!Double.isFinite(center) || !(scale > 0) || Double.isInfinite(scale)) {
                    throw new IncompatibleModelException(at + ": " + def.getScaling()
                            + " scaling needs a finite center and a positive finite scale, got center=" + center
                            + " scale=" + scale);
                }
            }
            featureNames.add(name);
            if (def.getKind() == FeatureKind.NUMERIC) {
                steps[f] = numericStep(def, at, column, center, scale);
                columnNames.add(name);
                featureOfColumn[column++] = f;
            } else {
                steps[f] = oneHotStep(def, at, column, center, scale);
                for (String category : def.getCategories()) {
                    columnNames.add(name + "=" + category);
                    featureOfColumn[column++] = f;
                }
            }
        }
        return new FeatureVectorizer(spec.getHash(), halfLife, steps, featureNames, columnNames, featureOfColumn);
    }

    private static Step numericStep(FeatureDef def, String at, int column, double center, double scale) {
        if (!def.getCategories().isEmpty()) {
            throw new IncompatibleModelException(at + ": a NUMERIC feature must not list categories");
        }
        double impute = def.getImputeValue();
        if (!Double.isFinite(impute)) {
            throw new IncompatibleModelException(at + ": imputeValue must be finite, was " + impute);
        }
        double min = def.getClipMin() == null ? Double.NEGATIVE_INFINITY : def.getClipMin();
        double max = def.getClipMax() == null ? Double.POSITIVE_INFINITY : def.getClipMax();
        if (Double.isNaN(min) || Double.isNaN(max) || min > max
                || (def.getClipMin() != null && Double.isInfinite(min))
                || (def.getClipMax() != null && Double.isInfinite(max))) {
            throw new IncompatibleModelException(at + ": clip bounds must be finite with clipMin <= clipMax, got ["
                    + def.getClipMin() + ", " + def.getClipMax() + "]");
        }
        return new NumericStep(def.getName(), column, impute, min, max,
                def.getTransform() == Transform.LOG1P, center, scale);
    }

    private static Step oneHotStep(FeatureDef def, String at, int column, double center, double scale) {
        if (def.getTransform() != Transform.NONE || def.getClipMin() != null || def.getClipMax() != null) {
            throw new IncompatibleModelException(at + ": a CATEGORICAL feature cannot be clipped or transformed");
        }
        Map<String, Integer> index = new HashMap<>();
        List<String> categories = def.getCategories();
        for (int i = 0; i < categories.size(); i++) {
            String category = categories.get(i);
            if (category == null || index.putIfAbsent(category, i) != null) {
                throw new IncompatibleModelException(at + ": categories must be distinct and non-null, got " + categories);
            }
        }
        return new OneHotStep(def.getName(), column, categories.size(), Map.copyOf(index), def.getImputeCategory(),
                (1.0 - center) / scale, (0.0 - center) / scale);
    }

    /** Writes the vector of {@code source} into {@code out[0 .. dimension)}. Allocates nothing. */
    public void vectorize(FeatureSource source, double[] out) {
        vectorize(source, out, 0);
    }

    /** Writes the vector into {@code out[offset .. offset + dimension)}, e.g. one row of a flat matrix. */
    public void vectorize(FeatureSource source, double[] out, int offset) {
        Objects.requireNonNull(source, "source");
        Objects.checkFromIndexSize(offset, dimension, out.length);
        for (Step step : steps) {
            step.write(source, out, offset);
        }
    }

    /** Allocating convenience for off-hot-path callers. */
    public double[] vectorize(FeatureSource source) {
        double[] out = new double[dimension];
        vectorize(source, out, 0);
        return out;
    }

    /** Length of the output vector. */
    public int dimension() {
        return dimension;
    }

    public String specHash() {
        return specHash;
    }

    /** Half-life the profiles feeding this vectorizer must be folded with. */
    public double halfLifeDays() {
        return halfLifeDays;
    }

    /** Input feature names, in spec order. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** Output column names: the feature name, or {@code name=category} for a one-hot column. */
    public List<String> columnNames() {
        return columnNames;
    }

    /** Index (into {@link #featureNames()}) of the input feature that produced an output column. */
    public int featureOfColumn(int column) {
        return featureOfColumn[column];
    }

    /** Name of the input feature that produced an output column: the inverse used by explanations. */
    public String featureNameOfColumn(int column) {
        return featureNames.get(featureOfColumn[column]);
    }

    private static String shortHash(String hash) {
        return hash == null ? "<no hash>" : hash.length() > 12 ? hash.substring(0, 12) : hash;
    }

    /** One input feature's recipe, writing its column(s). */
    private sealed interface Step permits NumericStep, OneHotStep {
        void write(FeatureSource source, double[] out, int offset);
    }

    /**
     * The LOG1P transform, defined on every number: {@code sign(x) * log1p(|x|)}, equal to {@code log1p} on the
     * non-negative values features usually have. The trainer fits with this very function, so a value below -1
     * (a refund larger than the purchases, say) is read the same way on both sides instead of refused by one.
     */
    public static double signedLog1p(double x) {
        return x >= 0 ? StrictMath.log1p(x) : -StrictMath.log1p(-x);
    }

    private record NumericStep(String name, int column, double impute, double clipMin, double clipMax,
                               boolean log1p, double center, double scale) implements Step {
        @Override
        public void write(FeatureSource source, double[] out, int offset) {
            double x = source.numeric(name);
            if (!Double.isFinite(x)) {
                x = impute;
            }
            if (x < clipMin) {
                x = clipMin;
            }
            if (x > clipMax) {
                x = clipMax;
            }
            if (log1p) {
                x = signedLog1p(x);
            }
            out[offset + column] = (x - center) / scale;
        }
    }

    private record OneHotStep(String name, int column, int width, Map<String, Integer> index,
                              String imputeCategory, double hot, double cold) implements Step {
        @Override
        public void write(FeatureSource source, double[] out, int offset) {
            String value = source.category(name);
            if (value == null) {
                value = imputeCategory;
            }
            int start = offset + column;
            for (int i = 0; i < width; i++) {
                out[start + i] = cold;
            }
            Integer hit = value == null ? null : index.get(value);
            if (hit != null) {
                out[start + hit] = hot;
            }
        }
    }
}
