package io.segmenta.transactions.synthetic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Determinism, the truth's shape per variant, and the behaviours' habits, on the generator's own output. */
class GeneratorTest {

    private static final GeneratorOptions SMALL = GeneratorOptions.defaults().withCustomers(300).withDays(60);

    @TempDir
    Path dir;

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedOtherOnes() throws IOException {
        SyntheticDataset.Written a = SyntheticDataset.write(SMALL, dir.resolve("a"), SyntheticDataset.Layout.SINGLE_FILE);
        SyntheticDataset.Written b = SyntheticDataset.write(SMALL, dir.resolve("b"), SyntheticDataset.Layout.SINGLE_FILE);
        SyntheticDataset.Written c = SyntheticDataset.write(SMALL.withSeed(8), dir.resolve("c"),
                SyntheticDataset.Layout.SINGLE_FILE);

        assertThat(Files.mismatch(a.transactions(), b.transactions())).isEqualTo(-1);
        assertThat(Files.mismatch(a.truth(), b.truth())).isEqualTo(-1);
        assertThat(Files.mismatch(a.transactions(), c.transactions())).isNotEqualTo(-1);
        assertThat(Files.mismatch(a.truth(), c.truth())).isNotEqualTo(-1);
    }

    @Test
    void stationaryTruthHasOneRowPerCustomerOnTheStartDayInTheDefaultProportions() {
        SyntheticData data = Generator.generate(SMALL.withCustomers(1000));

        assertThat(data.truth()).hasSize(1000).allSatisfy(r -> assertThat(r.from()).isEqualTo(SMALL.start()));
        assertThat(data.switchedCustomers()).isZero();
        assertThat(data.firstBehaviourCounts()).containsEntry(Behaviours.REGULAR, 250L)
                .containsEntry(Behaviours.WHOLESALE, 100L).containsEntry(Behaviours.OCCASIONAL, 300L)
                .containsEntry(Behaviours.PREMIUM_RETURNER, 150L).containsEntry(Behaviours.WEEKEND_BARGAIN, 200L);
    }

    @Test
    void driftingSwitchesExactlyTheGivenShareToAnotherBehaviourInTheMiddleThird() {
        GeneratorOptions drifting = SMALL.withCustomers(1000).withVariant(Variant.DRIFTING).withDriftShare(0.25);
        SyntheticData data = Generator.generate(drifting);

        assertThat(data.switchedCustomers()).isEqualTo(250);
        assertThat(data.truth()).hasSize(1250);
        LocalDate earliest = drifting.start().plusDays(drifting.days() / 3);
        LocalDate latest = drifting.start().plusDays(2 * drifting.days() / 3);
        for (SyntheticCustomer c : data.customers()) {
            List<TruthRow> t = c.timeline();
            assertThat(t.get(0).from()).isEqualTo(drifting.start());
            if (t.size() == 2) {
                assertThat(t.get(1).from()).isBetween(earliest, latest.minusDays(1));
                assertThat(t.get(1).behaviour()).isNotEqualTo(t.get(0).behaviour());
            } else {
                assertThat(t).hasSize(1);
            }
        }
    }

    @Test
    void aDriftShareIsIgnoredWhenStationary() {
        assertThat(Generator.generate(SMALL.withDriftShare(0.5)).switchedCustomers()).isZero();
        assertThat(SMALL.withVariant(Variant.DRIFTING).withDriftShare(0).switchingCustomers()).isZero();
    }

    @Test
    void everyCustomerBuysAtLeastOnceEvenOnAShortTimeline() {
        SyntheticData data = Generator.generate(SMALL.withDays(GeneratorOptions.MIN_DAYS));
        Map<Integer, Long> purchases = new HashMap<>();
        data.invoices().stream().filter(i -> !i.cancellation())
                .forEach(i -> purchases.merge(i.customer().id(), 1L, Long::sum));
        assertThat(purchases).hasSize(SMALL.customers());
    }

    @Test
    void weekdayHabitsShowInTheInvoices() {
        SyntheticData data = Generator.generate(SMALL.withCustomers(1000).withDays(84));
        assertThat(weekendShare(data, Behaviours.WEEKEND_BARGAIN)).isGreaterThan(0.7);
        assertThat(weekendShare(data, Behaviours.WHOLESALE)).isLessThan(0.1);
        assertThat(weekendShare(data, Behaviours.OCCASIONAL)).isCloseTo(2 / 7.0, within(0.07));
    }

    @Test
    void driftingWholesaleBasketsShrinkWhileStationaryOnesDoNot() {
        GeneratorOptions o = SMALL.withCustomers(600).withDays(120);
        List<Behaviour> onlyWholesale = List.of(Behaviours.named(Behaviours.WHOLESALE));
        double stationary = lateToEarlyLines(Generator.generate(o, onlyWholesale));
        double drifting = lateToEarlyLines(Generator.generate(o.withVariant(Variant.DRIFTING).withDriftShare(0),
                onlyWholesale));
        assertThat(stationary).isCloseTo(1, within(0.06));
        // 30 % fewer lines by the last day: about 16 % fewer in the second half than in the first
        assertThat(drifting).isCloseTo(0.84, within(0.06));
    }

    private static double weekendShare(SyntheticData data, String behaviour) {
        long[] n = new long[2];
        data.invoices().stream().filter(i -> !i.cancellation())
                .filter(i -> i.customer().timeline().get(0).behaviour().equals(behaviour)).forEach(i -> {
                    DayOfWeek d = i.time().getDayOfWeek();
                    n[Behaviour.isWeekend(d) ? 1 : 0]++;
                });
        return n[1] / (double) (n[0] + n[1]);
    }

    /** Mean lines of wholesale invoices in the second half over the first half. */
    private static double lateToEarlyLines(SyntheticData data) {
        LocalDate middle = data.options().start().plusDays(data.options().days() / 2);
        double[] sum = new double[2];
        long[] n = new long[2];
        data.invoices().stream().filter(i -> !i.cancellation())
                .filter(i -> i.customer().timeline().get(0).behaviour().equals(Behaviours.WHOLESALE)).forEach(i -> {
                    int half = i.time().toLocalDate().isBefore(middle) ? 0 : 1;
                    sum[half] += i.lines().size();
                    n[half]++;
                });
        return (sum[1] / n[1]) / (sum[0] / n[0]);
    }
}
