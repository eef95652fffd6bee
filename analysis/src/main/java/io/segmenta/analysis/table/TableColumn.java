package io.segmenta.analysis.table;

import java.util.Objects;

/**
 * One column of a customer table. {@code texts} holds every cell as written (null = missing), so ids keep their
 * zero padding; {@code numbers} holds the parsed values of a NUMERIC column (NaN = missing) and is null otherwise.
 */
public record TableColumn(String name, ColumnType type, String[] texts, double[] numbers) {

    public TableColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(texts, "texts");
        if ((type == ColumnType.NUMERIC) != (numbers != null)) {
            throw new IllegalArgumentException("column " + name + ": numbers are given exactly for a NUMERIC column");
        }
    }

    public int size() {
        return texts.length;
    }

    public boolean isMissing(int row) {
        return texts[row] == null;
    }

    public int missing() {
        int m = 0;
        for (String t : texts) {
            if (t == null) {
                m++;
            }
        }
        return m;
    }

    public boolean isNumeric() {
        return type == ColumnType.NUMERIC;
    }
}
