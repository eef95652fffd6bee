package io.segmenta.analysis;

import io.segmenta.analysis.prepare.ColumnDecision;
import io.segmenta.analysis.report.HtmlReport;
import io.segmenta.transactions.Datasets;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole analysis on the shared real data sets (each skipped with a message when absent). Elapsed times are
 * printed so that the build log records them.
 */
class RealDatasetsAnalysisTest {

    private static Analysis analyse(AnalysisOptions options) {
        Analysis a = new Analyzer(options).run(Progress.silent());
        HtmlReport.render(a); // the report must build for every data set
        System.out.printf(Locale.ROOT, "%s: %d rows, best %s k=%d, %.1f s; segments %s%n",
                options.input().getFileName(), a.table().rows(), a.best().name(), a.best().k(), a.seconds(),
                a.segments().stream().map(SegmentSummary::label).toList());
        return a;
    }

    private static List<String> dropped(Analysis a) {
        return a.selection().dropped().stream().map(ColumnDecision::column).toList();
    }

    @Test
    void mallCustomersShowTheFiveIncomeSpendingGroups() {
        Path file = Datasets.require("mall-customers.csv");
        Analysis a = analyse(AnalysisOptions.defaults(file)
                .withColumns(List.of("Annual Income (k$)", "Spending Score (1-100)")).withKs(new KRange(5, 5)));
        assertThat(a.best().k()).isEqualTo(5);
        double[][] known = {{55, 50}, {87, 18}, {26, 20}, {26, 79}, {87, 82}};
        for (double[] centre : known) {
            SegmentSummary nearest = a.segments().stream().min(java.util.Comparator.comparingDouble(s ->
                    Math.hypot(s.means().get("Annual Income (k$)") - centre[0],
                            s.means().get("Spending Score (1-100)") - centre[1]))).orElseThrow();
            assertThat(Math.hypot(nearest.means().get("Annual Income (k$)") - centre[0],
                    nearest.means().get("Spending Score (1-100)") - centre[1]))
                    .as("distance of the nearest segment to (%s, %s)", centre[0], centre[1]).isLessThan(6);
            String label = nearest.label().toLowerCase(Locale.ROOT);
            if (centre[0] > 80) {
                assertThat(label).contains("high income");
            } else if (centre[0] < 30) {
                assertThat(label).contains("low income");
            }
            if (centre[1] > 70) {
                assertThat(label).contains("high spending");
            } else if (centre[1] < 30) {
                assertThat(label).contains("low spending");
            }
        }
    }

    @Test
    void ccGeneralImputesMinimumPaymentsAndRunsUnderAMinute() {
        Path file = Datasets.require("cc-general.csv");
        Analysis a = analyse(AnalysisOptions.defaults(file));
        System.out.printf(Locale.ROOT, "cc-general: whole analysis of %d rows took %.1f s (limit 60 s); stages %s%n",
                a.table().rows(), a.seconds(), a.timings());
        assertThat(a.table().rows()).isEqualTo(8950);
        assertThat(a.prepared().steps()).anySatisfy(s -> assertThat(s).startsWith("MINIMUM_PAYMENTS: 313 missing filled"));
        assertThat(dropped(a)).contains("CUST_ID");
        assertThat(a.seconds()).isLessThan(60);
    }

    @Test
    void churnModellingOneHotEncodesCategoriesAndDropsIds() {
        Path file = Datasets.require("churn-modelling.csv");
        Analysis a = analyse(AnalysisOptions.defaults(file).withTsneRows(500));
        assertThat(dropped(a)).contains("RowNumber", "CustomerId", "Surname");
        assertThat(a.prepared().categoricalFeatures()).contains("Geography", "Gender");
        assertThat(a.prepared().columnNames()).contains("Geography=France", "Geography=Germany", "Geography=Spain",
                "Gender=Male", "Gender=Female");
    }

    @Test
    void marketingCampaignIsTabSeparatedAndIncomeIsImputed() {
        Path file = Datasets.require("marketing-campaign.tsv");
        Analysis a = analyse(AnalysisOptions.defaults(file).withTsneRows(500));
        assertThat(a.table().notes().get(0)).contains("tab-separated");
        assertThat(a.table().rows()).isEqualTo(2240);
        assertThat(a.prepared().steps()).anySatisfy(s -> assertThat(s).startsWith("Income: 24 missing filled"));
        assertThat(dropped(a)).contains("ID", "Z_CostContact", "Z_Revenue");
    }

    @Test
    void wholesaleDropsItsEmptyTrailingColumnsButANamedEmptyColumnIsAnError() {
        Path file = Datasets.require("wholesale-customers.csv");
        Analysis a = analyse(AnalysisOptions.defaults(file).withTsneRows(0));
        assertThat(a.selection().dropped()).filteredOn(d -> d.reason().contains("values are missing")).hasSize(4);
        assertThat(a.prepared().numericFeatures()).contains("Fresh", "Milk", "Grocery", "Frozen");
        assertThatThrownBy(() -> new Analyzer(AnalysisOptions.defaults(file)
                .withColumns(List.of("Fresh", "column_9"))).run(Progress.silent()))
                .isInstanceOf(UserError.class).hasMessageContaining("'column_9' named in --columns has no values");
    }

    @Test
    void onlineRetailTransactionsBecomeRfmProfilesPerCustomer() {
        Path dir = Datasets.require("online-retail-by-day");
        Analysis a = analyse(AnalysisOptions.defaults(dir).withTsneRows(500));
        assertThat(a.transactions()).isNotNull();
        assertThat(a.table().rows()).isEqualTo(4372);
        assertThat(a.transactions().read().rowsWithoutCustomerId()).isEqualTo(135_080);
        assertThat(a.table().notes()).anySatisfy(n -> assertThat(n).contains("135,080 rows without a customer id"));
        assertThat(a.selection().kept()).contains("recency_days", "frequency", "monetary");
        Map<String, Object> summary = io.segmenta.analysis.report.SummaryJson.tree(a);
        assertThat(summary.get("kind")).isEqualTo("transactions");
        io.segmenta.analysis.publish.ServableModelBuilder.requireServable(a); // servable by the assigner
    }

    @Test
    void cdnowThroughItsMapping() {
        Path file = Datasets.require("cdnow-master.txt");
        Analysis a = analyse(AnalysisOptions.defaults(file).withMapping("cdnow").withTsneRows(500));
        assertThat(a.table().rows()).isEqualTo(23_544);
        assertThat(a.transactions().read().events()).isEqualTo(69_659);
        assertThat(a.segments()).hasSize(a.best().k());
    }
}
