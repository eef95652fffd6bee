package io.segmenta.fitting.features;

import io.segmenta.avro.FeatureKind;
import io.segmenta.avro.Imputation;
import io.segmenta.avro.Scaling;
import io.segmenta.avro.Transform;
import io.segmenta.fitting.Checks;

import java.util.Objects;

/**
 * How one input feature should be prepared, before fitting: the configuration half of a {@code FeatureDef}.
 * {@link FeatureSpecFitter} adds the fitted half (impute value, categories, center, scale).
 *
 * @param name            feature name as the profile knows it
 * @param kind            NUMERIC or CATEGORICAL
 * @param impute          how a missing value is filled
 * @param imputeConstant  the value for CONSTANT imputation of a numeric feature
 * @param imputeCategory  the value for CONSTANT imputation of a categorical feature
 * @param clipMin         lower bound in original units, or null
 * @param clipMax         upper bound in original units, or null
 * @param transform       NONE or LOG1P (numeric only)
 * @param scaling         NONE, STANDARD (mean/std) or ROBUST (median/IQR); numeric only
 * @param maxCategories   one-hot columns at most (most frequent categories first); categorical only
 */
public record FeatureColumn(String name, FeatureKind kind, Imputation impute, double imputeConstant,
                            String imputeCategory, Double clipMin, Double clipMax, Transform transform,
                            Scaling scaling, int maxCategories)
        implements java.io.Serializable {

    public static final int DEFAULT_MAX_CATEGORIES = 20;

    public FeatureColumn {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("feature name must not be blank");
        }
        Objects.requireNonNull(kind, "kind of " + name);
        Objects.requireNonNull(impute, "impute of " + name);
        Objects.requireNonNull(transform, "transform of " + name);
        Objects.requireNonNull(scaling, "scaling of " + name);
        if (kind == FeatureKind.CATEGORICAL) {
            if (transform != Transform.NONE || scaling != Scaling.NONE || clipMin != null || clipMax != null) {
                throw new IllegalArgumentException("categorical feature " + name
                        + " takes no transform, scaling or clipping (it becomes one-hot columns)");
            }
            if (impute == Imputation.MEAN || impute == Imputation.MEDIAN) {
                throw new IllegalArgumentException("categorical feature " + name
                        + " can only be imputed NONE, CONSTANT or MOST_FREQUENT, not " + impute);
            }
            if (impute == Imputation.CONSTANT && (imputeCategory == null || imputeCategory.isEmpty())) {
                throw new IllegalArgumentException("categorical feature " + name
                        + " with CONSTANT imputation needs an imputeCategory");
            }
            Checks.atLeast("maxCategories of " + name, maxCategories, 1);
        } else {
            if (!Double.isFinite(imputeConstant)) {
                throw new IllegalArgumentException("imputeConstant of " + name + " must be finite");
            }
            if (clipMin != null && clipMax != null && clipMin > clipMax) {
                throw new IllegalArgumentException("clipMin (" + clipMin + ") of " + name + " exceeds clipMax ("
                        + clipMax + ")");
            }
        }
    }

    /** Numeric, median-imputed, standardised: the usual choice for RFM-style features. */
    public static FeatureColumn numeric(String name) {
        return new FeatureColumn(name, FeatureKind.NUMERIC, Imputation.MEDIAN, 0.0, null, null, null,
                Transform.NONE, Scaling.STANDARD, DEFAULT_MAX_CATEGORIES);
    }

    /** Categorical, missing filled with the most frequent value, at most 20 one-hot columns. */
    public static FeatureColumn categorical(String name) {
        return new FeatureColumn(name, FeatureKind.CATEGORICAL, Imputation.MOST_FREQUENT, 0.0, null, null, null,
                Transform.NONE, Scaling.NONE, DEFAULT_MAX_CATEGORIES);
    }

    public FeatureColumn withImpute(Imputation newImpute) {
        return new FeatureColumn(name, kind, newImpute, imputeConstant, imputeCategory, clipMin, clipMax, transform,
                scaling, maxCategories);
    }

    /** CONSTANT imputation with a numeric value. */
    public FeatureColumn withImputeConstant(double value) {
        return new FeatureColumn(name, kind, Imputation.CONSTANT, value, imputeCategory, clipMin, clipMax, transform,
                scaling, maxCategories);
    }

    /** CONSTANT imputation with a category. */
    public FeatureColumn withImputeCategory(String category) {
        return new FeatureColumn(name, kind, Imputation.CONSTANT, imputeConstant, category, clipMin, clipMax,
                transform, scaling, maxCategories);
    }

    public FeatureColumn withClip(Double min, Double max) {
        return new FeatureColumn(name, kind, impute, imputeConstant, imputeCategory, min, max, transform, scaling,
                maxCategories);
    }

    public FeatureColumn withTransform(Transform newTransform) {
        return new FeatureColumn(name, kind, impute, imputeConstant, imputeCategory, clipMin, clipMax, newTransform,
                scaling, maxCategories);
    }

    public FeatureColumn withScaling(Scaling newScaling) {
        return new FeatureColumn(name, kind, impute, imputeConstant, imputeCategory, clipMin, clipMax, transform,
                newScaling, maxCategories);
    }

    public FeatureColumn withMaxCategories(int max) {
        return new FeatureColumn(name, kind, impute, imputeConstant, imputeCategory, clipMin, clipMax, transform,
                scaling, max);
    }
}
