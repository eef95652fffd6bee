package io.segmenta.analysis.prepare;

import io.segmenta.analysis.UserError;
import io.segmenta.analysis.table.ColumnType;
import io.segmenta.analysis.table.CustomerTable;
import io.segmenta.analysis.table.Stats;
import io.segmenta.analysis.table.TableColumn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses the clustering columns, stating a reason for each. Without {@code --columns} every column is a candidate
 * and these are dropped, in this order: the id column; all-empty columns; mostly-missing columns (over
 * {@code maxMissingShare}); id-like columns (unique integers or text
 * on every row); text with more than {@code maxCategories} values; near-constant columns; then, of each numeric pair
 * correlated beyond {@code maxAbsCorrelation}, the later one. Columns named in {@code --columns} are the analyst's
 * choice: they are kept with a warning instead, but one that is all missing (or unknown) is an error.
 */
public final class FeatureSelector {

    private final SelectionRules rules;

    public FeatureSelector(SelectionRules rules) {
        this.rules = rules;
    }

    /**
     * @param requested the columns named by the analyst, or null for "every column"
     * @param defaults  the candidates when none are named (null: every column of the table)
     */
    public FeatureSelection select(CustomerTable table, List<String> requested, List<String> defaults) {
        Map<String, TableColumn> byName = new LinkedHashMap<>();
        table.columns().forEach(c -> byName.put(c.name(), c));
        boolean named = requested != null && !requested.isEmpty();
        List<TableColumn> candidates = new ArrayList<>();
        if (named) {
            for (String name : requested) {
                TableColumn c = byName.get(name);
                if (c == null) {
                    c = byName.values().stream().filter(x -> x.name().equalsIgnoreCase(name.strip())).findFirst()
                            .orElseThrow(() -> new UserError("no column '" + name + "' in " + table.source()
                                    + "; the columns are " + table.columnNames()));
                }
                if (c.type() == ColumnType.EMPTY) {
                    throw new UserError("column '" + c.name() + "' named in --columns has no values (all "
                            + c.size() + " rows are missing)");
                }
                if (!candidates.contains(c)) {
                    candidates.add(c);
                }
            }
        } else if (defaults != null) {
            defaults.stream().map(byName::get).filter(java.util.Objects::nonNull).forEach(candidates::add);
        } else {
            candidates.addAll(byName.values());
        }

        List<ColumnDecision> decisions = new ArrayList<>();
        List<TableColumn> kept = new ArrayList<>();
        for (TableColumn c : candidates) {
            String reason = dropReason(c, table, named);
            if (reason != null) {
                decisions.add(ColumnDecision.drop(c.name(), reason));
            } else {
                kept.add(c);
            }
        }
        Map<String, String> correlated = named ? Map.of() : correlatedDrops(kept);
        List<String> keptNames = new ArrayList<>();
        for (TableColumn c : kept) {
            String reason = correlated.get(c.name());
            if (reason != null) {
                decisions.add(ColumnDecision.drop(c.name(), reason));
                continue;
            }
            keptNames.add(c.name());
            String warning = named ? warning(c, kept) : null;
            decisions.add(ColumnDecision.keep(c.name(), (c.isNumeric() ? "numeric" : "categorical, one-hot encoded")
                    + (named ? ", named in --columns" : "") + (warning == null ? "" : "; note: " + warning)));
        }
        if (keptNames.isEmpty()) {
            throw new UserError("no usable column left to cluster on: " + decisions.stream()
                    .map(d -> d.column() + " (" + d.reason() + ")").toList());
        }
        return new FeatureSelection(keptNames, decisions);
    }

    private String dropReason(TableColumn c, CustomerTable table, boolean named) {
        if (c.name().equals(table.idColumn())) {
            return "the id column";
        }
        if (c.type() == ColumnType.EMPTY) {
            return "all " + c.size() + " values are missing";
        }
        double missing = (double) c.missing() / c.size();
        if (!named && missing > rules.maxMissingShare()) {
            return String.format(Locale.ROOT, "%.1f%% of values are missing (over %.0f%%): too sparse to impute",
                    100 * missing, 100 * rules.maxMissingShare());
        }
        if (!named && CustomerTable.isIdLike(c)) {
            return "id-like: a distinct " + (c.isNumeric() ? "integer" : "text") + " on every row";
        }
        if (!c.isNumeric()) {
            long distinct = java.util.Arrays.stream(c.texts()).filter(java.util.Objects::nonNull).distinct().count();
            if (distinct > rules.maxCategories()) {
                return "text with " + distinct + " distinct values (over " + rules.maxCategories()
                        + "): a name, date or free text, not a category to one-hot encode";
            }
        }
        double top = topShare(c);
        if (!named && top >= rules.nearConstantShare()) {
            return String.format(Locale.ROOT, "near-constant: one value covers %.1f%% of rows (>= %.0f%%)",
                    100 * top, 100 * rules.nearConstantShare());
        }
        return null;
    }

    private String warning(TableColumn c, List<TableColumn> kept) {
        double top = topShare(c);
        if (top >= rules.nearConstantShare()) {
            return String.format(Locale.ROOT, "near-constant (%.1f%% one value)", 100 * top);
        }
        for (TableColumn other : kept) {
            if (other != c && c.isNumeric() && other.isNumeric()) {
                double r = Stats.correlation(c.numbers(), other.numbers());
                if (Math.abs(r) > rules.maxAbsCorrelation()) {
                    return String.format(Locale.ROOT, "correlated with %s (r = %.2f)", other.name(), r);
                }
            }
        }
        return null;
    }

    /** Of each pair beyond the threshold, the later column, with the earlier one kept as the reason. */
    private Map<String, String> correlatedDrops(List<TableColumn> kept) {
        Map<String, String> drops = new LinkedHashMap<>();
        for (int b = 0; b < kept.size(); b++) {
            TableColumn later = kept.get(b);
            if (!later.isNumeric()) {
                continue;
            }
            for (int a = 0; a < b; a++) {
                TableColumn earlier = kept.get(a);
                if (!earlier.isNumeric() || drops.containsKey(earlier.name())) {
                    continue;
                }
                double r = Stats.correlation(earlier.numbers(), later.numbers());
                if (Math.abs(r) > rules.maxAbsCorrelation()) {
                    drops.put(later.name(), String.format(Locale.ROOT,
                            "highly correlated with %s (r = %.2f, |r| > %.2f): the same signal twice", earlier.name(),
                            r, rules.maxAbsCorrelation()));
                    break;
                }
            }
        }
        return drops;
    }

    /** Share of the observed rows holding the most frequent value. */
    static double topShare(TableColumn c) {
        Map<String, Integer> freq = new HashMap<>();
        int observed = 0;
        for (int i = 0; i < c.size(); i++) {
            if (!c.isMissing(i)) {
                String key = c.isNumeric() ? Double.toString(c.numbers()[i]) : c.texts()[i];
                freq.merge(key, 1, Integer::sum);
                observed++;
            }
        }
        int top = freq.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return observed == 0 ? 1 : (double) top / observed;
    }
}
