package io.segmenta.analysis.prepare;

import io.segmenta.fitting.Checks;

/**
 * Thresholds of feature selection.
 *
 * @param nearConstantShare a column whose most frequent value covers at least this share of its observed rows
 *                          carries almost no information (default 0.95)
 * @param maxAbsCorrelation of two numeric columns correlated beyond this |r|, the later one is dropped: it would
 *                          count the same signal twice in the distance (default 0.9)
 * @param maxCategories     a text column with more distinct values is not one-hot encoded (names, dates, free
 *                          text; default 50)
 * @param maxMissingShare   a column missing on more than this share of rows is too sparse to impute: most of its
 *                          values would be invented (default 0.5)
 */
public record SelectionRules(double nearConstantShare, double maxAbsCorrelation, int maxCategories,
                             double maxMissingShare) {

    public static final SelectionRules DEFAULTS = new SelectionRules(0.95, 0.9, 50, 0.5);

    public SelectionRules {
        Checks.within("nearConstantShare", nearConstantShare, 0.5, 1.0);
        Checks.within("maxAbsCorrelation", maxAbsCorrelation, 0.0, 1.0);
        Checks.atLeast("maxCategories", maxCategories, 2);
        Checks.within("maxMissingShare", maxMissingShare, 0.0, 1.0);
    }

    public SelectionRules withMaxAbsCorrelation(double r) {
        return new SelectionRules(nearConstantShare, r, maxCategories, maxMissingShare);
    }
}
