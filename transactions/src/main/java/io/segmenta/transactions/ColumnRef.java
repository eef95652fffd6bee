package io.segmenta.transactions;

import java.util.List;
import java.util.Locale;

/**
 * A column of a transactions file: by header name (files with a header) or by 1-based position (files without).
 * Names match case-insensitively, ignoring surrounding blanks, since exports disagree on both.
 */
public record ColumnRef(String name, int position) {

    public ColumnRef {
        if (name == null && position < 1) {
            throw new IllegalArgumentException("a column is a header name or a position >= 1");
        }
    }

    public static ColumnRef named(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("column name must not be blank");
        }
        return new ColumnRef(name.strip(), 0);
    }

    public static ColumnRef at(int position) {
        return new ColumnRef(null, position);
    }

    /** "#3" or "3" is a position, anything else a name. */
    public static ColumnRef parse(String text) {
        String t = text.strip();
        String digits = t.startsWith("#") ? t.substring(1) : t;
        if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit)) {
            return at(Integer.parseInt(digits));
        }
        return named(t);
    }

    public boolean isPosition() {
        return name == null;
    }

    /** 0-based index in a row with this header (null when the file has none), or -1 when absent. */
    public int indexIn(List<String> header) {
        if (isPosition()) {
            return position - 1;
        }
        if (header == null) {
            return -1;
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).strip().toLowerCase(Locale.ROOT).equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return isPosition() ? "#" + position : name;
    }
}
