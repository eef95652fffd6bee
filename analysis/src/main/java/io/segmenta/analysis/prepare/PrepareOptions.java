package io.segmenta.analysis.prepare;

import io.segmenta.avro.Scaling;
import io.segmenta.fitting.Checks;

import java.util.Objects;

/**
 * Preprocessing choices.
 *
 * @param imputation     MEDIAN (recorded in the spec) or KNN (analysis only, see {@link ImputationMethod})
 * @param knnNeighbours  donors per KNN-imputed value (default 5)
 * @param scaling        STANDARD (mean / sd) or ROBUST (median / IQR) for numeric columns
 * @param logSkewed      apply log1p to skewed non-negative columns
 * @param skewThreshold  "skewed" means skewness above this (default 1.0: the usual "highly skewed" bound, as money
 *                       columns with a long right tail are)
 * @param halfLifeDays   recorded in the spec (profile features decay with it; irrelevant for a plain table)
 * @param maxCategories  one-hot columns per categorical feature at most
 */
public record PrepareOptions(ImputationMethod imputation, int knnNeighbours, Scaling scaling, boolean logSkewed,
                             double skewThreshold, double halfLifeDays, int maxCategories) {

    public static final double DEFAULT_SKEW_THRESHOLD = 1.0;
    public static final double DEFAULT_HALF_LIFE_DAYS = 30.0;

    public static final PrepareOptions DEFAULTS = new PrepareOptions(ImputationMethod.MEDIAN, 5, Scaling.STANDARD,
            true, DEFAULT_SKEW_THRESHOLD, DEFAULT_HALF_LIFE_DAYS, 20);

    public PrepareOptions {
        Objects.requireNonNull(imputation, "imputation");
        Objects.requireNonNull(scaling, "scaling");
        Checks.atLeast("knnNeighbours", knnNeighbours, 1);
        Checks.positive("skewThreshold", skewThreshold);
        Checks.positive("halfLifeDays", halfLifeDays);
        Checks.atLeast("maxCategories", maxCategories, 1);
        if (scaling == Scaling.NONE) {
            throw new IllegalArgumentException("scaling must be STANDARD or ROBUST: unscaled columns let the largest "
                    + "unit dominate every distance");
        }
    }

    public PrepareOptions withImputation(ImputationMethod m) {
        return new PrepareOptions(m, knnNeighbours, scaling, logSkewed, skewThreshold, halfLifeDays, maxCategories);
    }

    public PrepareOptions withScaling(Scaling s) {
        return new PrepareOptions(imputation, knnNeighbours, s, logSkewed, skewThreshold, halfLifeDays, maxCategories);
    }

    public PrepareOptions withLogSkewed(boolean log) {
        return new PrepareOptions(imputation, knnNeighbours, scaling, log, skewThreshold, halfLifeDays, maxCategories);
    }

    public PrepareOptions withHalfLifeDays(double days) {
        return new PrepareOptions(imputation, knnNeighbours, scaling, logSkewed, skewThreshold, days, maxCategories);
    }
}
