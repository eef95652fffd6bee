package io.segmenta.benchmarks.replay;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReplayReportTest {

    private final Rate pass = new Rate(20_000, 10_000);
    private final Rate floor = new Rate(10_000, 6_000);

    @Test
    void comparesSteadyRatesWhenBothHaveOne() {
        Rate.Ratio r = new Rate(12_000, 5_000).over(floor);
        assertThat(r.steady()).isTrue();
        assertThat(r.value()).isCloseTo(1.2, within(1e-9));
        assertThat(r.text()).isEqualTo("1.20");
    }

    @Test
    void fallsBackToWholeRunRatesWhenOneSideHasNoSteadyRate() {
        Rate.Ratio r = new Rate(Double.NaN, 3_000).over(floor);
        assertThat(r.steady()).isFalse();
        assertThat(r.value()).isCloseTo(0.5, within(1e-9));
        assertThat(r.text()).isEqualTo("0.50 (whole run)");
        assertThat(floor.over(null)).isNull();
    }

    @Test
    void theTargetIsMetAtTheStateFloorAndMissedBelowIt() {
        assertThat(ReplayReport.verdict(new Rate(10_000, 1), floor)).startsWith("met (1.00 ");
        assertThat(ReplayReport.verdict(new Rate(9_999, 1), floor)).startsWith("MISSED (1.00 ");
        assertThat(ReplayReport.verdict(new Rate(8_000, 1), floor)).isEqualTo("MISSED (0.80 of the state floor)");
        assertThat(ReplayReport.verdict(new Rate(8_000, 1), null)).startsWith("no verdict");
    }

    @Test
    void aRowHasItsRatesRatiosTargetAndVerdict() {
        ReplayReport report = new ReplayReport();
        report.title("Replay throughput");
        report.condition("Load average at start 1.00 / 1.00 / 1.00");
        report.row(new ReplayReport.Row("pass-through", pass, "Kafka Streams", pass, floor, false, "40 MB"));
        report.row(new ReplayReport.Row("replay", new Rate(11_000, 5_500), "Kafka Streams", pass, floor, true,
                "90 MB"));
        report.note("a note");
        String md = report.markdown();
        assertThat(md).startsWith("# Replay throughput\n\n- Load average");
        assertThat(md).contains("- Load average at start 1.00 / 1.00 / 1.00\n");
        assertThat(md).contains("| pass-through | 20,000 | 10,000 | 1.00 (Kafka Streams) | 2.00 | baseline |  | 40 MB |");
        assertThat(md).contains("| replay | 11,000 | 5,500 | 0.55 (Kafka Streams) | 1.10 | >= state floor "
                + "| met (1.10 of the state floor) | 90 MB |");
        assertThat(md).endsWith("- a note\n");
    }
}
