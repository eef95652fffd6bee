package io.segmenta.analysis.table;

/** What a column holds: numbers, categories (any text), or nothing at all. */
public enum ColumnType {
    NUMERIC, CATEGORICAL, EMPTY
}
