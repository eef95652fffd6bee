package io.segmenta.analysis.prepare;

import io.segmenta.analysis.UserError;
import io.segmenta.analysis.table.CustomerTable;
import io.segmenta.analysis.table.RawTable;
import io.segmenta.transactions.Delimiter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeatureSelectorTest {

    /** 40 rows: id, row number, income, income x 2 (+noise), a near-constant flag, an empty column, a category. */
    static CustomerTable table() {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double income = 20.5 + (i * 37 % 40);
            rows.add(new String[] {"C" + i, Integer.toString(i + 1), Double.toString(income),
                    Double.toString(2 * income + (i % 3)), i == 0 ? "1" : "0", "", i % 2 == 0 ? "a" : "b",
                    Double.toString((i * 13) % 7)});
        }
        return CustomerTable.of(new RawTable("t.csv", Delimiter.COMMA,
                List.of("id", "row", "income", "income2", "flag", "empty", "group", "score"), rows), null);
    }

    private final FeatureSelector selector = new FeatureSelector(SelectionRules.DEFAULTS);

    @Test
    void dropsIdsEmptyNearConstantAndCorrelatedColumnsSayingWhy() {
        FeatureSelection s = selector.select(table(), null, null);
        assertThat(s.kept()).containsExactly("income", "group", "score");
        assertThat(s.dropped()).extracting(ColumnDecision::column, ColumnDecision::reason).contains(
                org.assertj.core.groups.Tuple.tuple("id", "the id column"),
                org.assertj.core.groups.Tuple.tuple("row", "id-like: a distinct integer on every row"),
                org.assertj.core.groups.Tuple.tuple("empty", "all 40 values are missing"));
        assertThat(s.dropped()).filteredOn(d -> d.column().equals("flag")).singleElement()
                .extracting(ColumnDecision::reason).asString().startsWith("near-constant: one value covers 97.5%");
        assertThat(s.dropped()).filteredOn(d -> d.column().equals("income2")).singleElement()
                .extracting(ColumnDecision::reason).asString().contains("highly correlated with income");
    }

    @Test
    void namedColumnsAreKeptWithAWarningButAnEmptyOneIsAUserError() {
        FeatureSelection s = selector.select(table(), List.of("income", "income2", "flag"), null);
        assertThat(s.kept()).containsExactly("income", "income2", "flag");
        assertThat(s.decisions()).filteredOn(d -> d.column().equals("income2")).singleElement()
                .extracting(ColumnDecision::reason).asString().contains("correlated with income");
        assertThatThrownBy(() -> selector.select(table(), List.of("income", "empty"), null))
                .isInstanceOf(UserError.class).hasMessageContaining("'empty' named in --columns has no values");
        assertThatThrownBy(() -> selector.select(table(), List.of("salary"), null))
                .isInstanceOf(UserError.class).hasMessageContaining("no column 'salary'");
    }
}
