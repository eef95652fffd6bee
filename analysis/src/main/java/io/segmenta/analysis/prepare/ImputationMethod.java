package io.segmenta.analysis.prepare;

/**
 * How missing values are filled before clustering. MEDIAN (numeric) / MOST_FREQUENT (categorical) is what the
 * feature spec records and the assigner applies. KNN fills numeric gaps from the 5 most similar rows: better for the
 * analysis, but the assigner cannot do it one customer at a time, so the spec still records the median.
 */
public enum ImputationMethod {
    MEDIAN, KNN
}
