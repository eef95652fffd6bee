package io.segmenta.analysis.table;

import io.segmenta.assigner.features.FeatureSource;
import io.segmenta.analysis.UserError;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A typed customer table: one row per customer, an id per row, typed columns. Rows are {@link FeatureSource}s
 * (numeric cells by column name, categorical cells as text), which is what the feature-spec fitter and the profiler
 * read.
 *
 * @param source   file (or directory) it came from
 * @param idColumn the column the ids came from, or null when they are row numbers
 * @param ids      one id per row
 * @param columns  every column, the id column included, in file order
 * @param notes    facts about how it was built, for the report
 */
public record CustomerTable(String source, String idColumn, List<String> ids, List<TableColumn> columns,
                            List<String> notes) {

    /** Cells read as missing, beside the empty cell. */
    static final Set<String> MISSING_TOKENS = Set.of("na", "n/a", "nan", "null", "none", "?", "#n/a");

    public CustomerTable {
        ids = List.copyOf(ids);
        columns = List.copyOf(columns);
        notes = List.copyOf(notes);
        for (TableColumn c : columns) {
            if (c.size() != ids.size()) {
                throw new IllegalArgumentException("column " + c.name() + " has " + c.size() + " rows, ids "
                        + ids.size());
            }
        }
    }

    /** Types the columns of a raw table and picks the id column (see {@link #chooseIdColumn}). */
    public static CustomerTable of(RawTable raw, String idColumn) {
        List<TableColumn> columns = new ArrayList<>();
        int n = raw.rows().size();
        for (int j = 0; j < raw.header().size(); j++) {
            String[] texts = new String[n];
            for (int i = 0; i < n; i++) {
                texts[i] = cell(raw.rows().get(i)[j]);
            }
            columns.add(typed(raw.header().get(j), texts));
        }
        List<String> notes = new ArrayList<>();
        notes.add("read " + n + " rows x " + columns.size() + " columns, " + raw.delimiter().displayName()
                + "-separated");
        String id = chooseIdColumn(columns, idColumn, notes);
        List<String> ids = new ArrayList<>(n);
        TableColumn idCol = id == null ? null : columns.stream().filter(c -> c.name().equals(id)).findFirst().get();
        for (int i = 0; i < n; i++) {
            ids.add(idCol == null ? Integer.toString(i + 1) : idCol.texts()[i]);
        }
        return new CustomerTable(raw.source(), id, ids, columns, notes);
    }

    /** Numeric when every present cell parses as a finite number, empty when none is present, else categorical. */
    public static TableColumn typed(String name, String[] texts) {
        double[] numbers = new double[texts.length];
        boolean any = false;
        boolean numeric = true;
        for (int i = 0; i < texts.length; i++) {
            if (texts[i] == null) {
                numbers[i] = Double.NaN;
                continue;
            }
            any = true;
            if (numeric) {
                try {
                    numbers[i] = Double.parseDouble(texts[i]);
                    numeric = Double.isFinite(numbers[i]);
                } catch (NumberFormatException e) {
                    numeric = false;
                }
            }
        }
        if (!any) {
            return new TableColumn(name, ColumnType.EMPTY, texts, null);
        }
        return numeric ? new TableColumn(name, ColumnType.NUMERIC, texts, numbers)
                : new TableColumn(name, ColumnType.CATEGORICAL, texts, null);
    }

    private static String cell(String raw) {
        String t = raw == null ? "" : raw.strip();
        return t.isEmpty() || MISSING_TOKENS.contains(t.toLowerCase(Locale.ROOT)) ? null : t;
    }

    /**
     * The named column (which must exist and have an id on every row), or else the first column whose values are
     * present and unique on every row and are integers or text (a float column unique by chance is no id); null when
     * there is none (row numbers are used).
     */
    static String chooseIdColumn(List<TableColumn> columns, String requested, List<String> notes) {
        if (requested != null) {
            TableColumn c = columns.stream().filter(x -> x.name().equals(requested)).findFirst()
                    .or(() -> columns.stream().filter(x -> x.name().equalsIgnoreCase(requested)).findFirst())
                    .orElseThrow(() -> new UserError("no id column '" + requested + "'; the columns are "
                            + columns.stream().map(TableColumn::name).toList()));
            if (c.missing() > 0) {
                throw new UserError("id column '" + c.name() + "' is empty in " + c.missing() + " rows");
            }
            notes.add("ids from --id-column " + c.name());
            return c.name();
        }
        for (TableColumn c : columns) {
            if (isIdLike(c)) {
                notes.add("ids from column " + c.name() + " (unique on every row)");
                return c.name();
            }
        }
        notes.add("no id column found: ids are row numbers");
        return null;
    }

    /** Present and distinct on every row, and integers or text: an identifier rather than a measurement. */
    public static boolean isIdLike(TableColumn c) {
        if (c.type() == ColumnType.EMPTY || c.missing() > 0) {
            return false;
        }
        if (c.isNumeric()) {
            for (double v : c.numbers()) {
                if (v != Math.rint(v)) {
                    return false;
                }
            }
        }
        Set<String> seen = new HashSet<>();
        for (String t : c.texts()) {
            if (!seen.add(t)) {
                return false;
            }
        }
        return c.size() > 1;
    }

    public int rows() {
        return ids.size();
    }

    public Optional<TableColumn> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public List<String> columnNames() {
        return columns.stream().map(TableColumn::name).toList();
    }

    /** Every row as a feature source: numeric cells by value, categorical ones by text, missing as NaN / null. */
    public List<FeatureSource> featureRows() {
        Map<String, TableColumn> byName = new LinkedHashMap<>();
        for (TableColumn c : columns) {
            byName.put(c.name(), c);
        }
        List<FeatureSource> out = new ArrayList<>(rows());
        for (int i = 0; i < rows(); i++) {
            out.add(new Row(byName, i));
        }
        return out;
    }

    private record Row(Map<String, TableColumn> byName, int i) implements FeatureSource {
        @Override
        public double numeric(String name) {
            TableColumn c = byName.get(name);
            return c == null || !c.isNumeric() ? Double.NaN : c.numbers()[i];
        }

        @Override
        public String category(String name) {
            TableColumn c = byName.get(name);
            return c == null ? null : c.texts()[i];
        }
    }
}
