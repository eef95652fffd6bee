package io.segmenta.assigner.profile;

import io.segmenta.assigner.AllocationMeter;
import io.segmenta.assigner.events.EventRules;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.segmenta.assigner.profile.Events.DAY;
import static io.segmenta.assigner.profile.Events.T0;
import static io.segmenta.assigner.profile.Events.event;
import static io.segmenta.assigner.profile.Events.purchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ProfileFolderTest {

    private static final double HALF_LIFE_DAYS = 10;
    private static final long HALF_LIFE = (long) (HALF_LIFE_DAYS * DAY);
    private final ProfileFolder folder = new ProfileFolder(HALF_LIFE_DAYS, EventRules.DEFAULTS);

    private CustomerProfile fold(List<CustomerEvent> events) {
        CustomerProfile p = folder.newProfile();
        events.forEach(e -> folder.fold(p, e));
        return p;
    }

    @Test
    void decayedCountersHalveAfterEachHalfLife() {
        CustomerProfile p = fold(List.of(purchase(T0, 80, "books")));
        assertThat(p.asOf(T0).frequency()).isEqualTo(1.0);
        assertThat(p.asOf(T0 + HALF_LIFE).frequency()).isCloseTo(0.5, within(1e-15));
        assertThat(p.asOf(T0 + 2 * HALF_LIFE).frequency()).isCloseTo(0.25, within(1e-15));
        assertThat(p.asOf(T0 + HALF_LIFE).monetary()).isCloseTo(40, within(1e-12));
        // a ratio of decayed sums does not decay
        assertThat(p.asOf(T0 + 3 * HALF_LIFE).avgOrderValue()).isCloseTo(80, within(1e-12));
    }

    @Test
    void anOlderEventWeighsByItsAgeRelativeToTheNewest() {
        CustomerProfile p = fold(List.of(purchase(T0 + HALF_LIFE, 10, null), purchase(T0, 30, null)));
        assertThat(p.asOf(T0 + HALF_LIFE).frequency()).isCloseTo(1.5, within(1e-15));
        assertThat(p.asOf(T0 + HALF_LIFE).monetary()).isCloseTo(10 + 15, within(1e-12));
        assertThat(p.lastEventMillis()).isEqualTo(T0 + HALF_LIFE);
        assertThat(p.firstEventMillis()).isEqualTo(T0);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void outOfOrderFoldingGivesTheSameFeaturesAsInOrder(long seed) {
        Random rnd = new Random(seed);
        List<CustomerEvent> history = Events.randomHistory(rnd, 400, 365);
        List<CustomerEvent> inOrder = new ArrayList<>(history);
        inOrder.sort((a, b) -> a.getEventTime().compareTo(b.getEventTime()));
        List<CustomerEvent> shuffled = new ArrayList<>(history);
        Collections.shuffle(shuffled, rnd);

        CustomerProfile a = fold(inOrder);
        CustomerProfile b = fold(shuffled);
        long asOf = T0 + 400 * DAY;
        ProfileSnapshot x = a.asOf(asOf);
        ProfileSnapshot y = b.asOf(asOf);
        double[] xs = numerics(x);
        double[] ys = numerics(y);
        for (int i = 0; i < xs.length; i++) {
            assertThat(ys[i]).as("feature #%d", i).isCloseTo(xs[i], within(1e-12 * Math.max(1, Math.abs(xs[i]))));
        }
        assertThat(y.gender()).isEqualTo(x.gender());
        assertThat(y.country()).isEqualTo(x.country());
        assertThat(y.channel()).isEqualTo(x.channel());
        assertThat(b.eventCount()).isEqualTo(a.eventCount()).isEqualTo(400);
        assertThat(x.frequency()).isPositive();
    }

    @Test
    void ratesAreDefinedOnDecayedCounts() {
        CustomerProfile p = fold(List.of(
                purchase(T0, 100, "a"), purchase(T0 + HALF_LIFE, 50, "b"),
                event(EventType.REFUND, T0 + HALF_LIFE).setAmount(50.0).build(),
                event(EventType.SESSION_START, T0).build(), event(EventType.SESSION_START, T0 + HALF_LIFE).build(),
                event(EventType.SESSION_START, T0 + HALF_LIFE).build(),
                event(EventType.PAGE_VIEW, T0 + HALF_LIFE).build(), event(EventType.ADD_TO_CART, T0).build()));
        ProfileSnapshot s = p.asOf(T0 + HALF_LIFE);
        double purchases = 0.5 + 1;
        assertThat(s.frequency()).isCloseTo(purchases, within(1e-12));
        assertThat(s.monetary()).isCloseTo(50 + 50, within(1e-12));
        assertThat(s.avgOrderValue()).isCloseTo(100 / purchases, within(1e-12));
        assertThat(s.refundRate()).isCloseTo(1 / purchases, within(1e-12));
        assertThat(s.sessions()).isCloseTo(2.5, within(1e-12));
        assertThat(s.conversionRate()).isCloseTo(purchases / 2.5, within(1e-12));
        assertThat(s.pageViews()).isCloseTo(1, within(1e-12));
        assertThat(s.cartAdds()).isCloseTo(0.5, within(1e-12));
        assertThat(s.categoryDiversity()).isEqualTo(2);
        assertThat(s.recencyDays()).isEqualTo(0);
        assertThat(s.tenureDays()).isEqualTo(HALF_LIFE_DAYS);
    }

    @Test
    void ratiosWithoutADenominatorAreMissing() {
        ProfileSnapshot s = fold(List.of(event(EventType.REFUND, T0).build())).asOf(T0);
        assertThat(s.refundRate()).isNaN();
        assertThat(s.avgOrderValue()).isNaN();
        assertThat(s.conversionRate()).isNaN();
        assertThat(s.frequency()).isZero();
    }

    @Test
    void unknownEventsCountOnlyAsActivity() {
        CustomerProfile p = fold(List.of(purchase(T0, 10, "a"),
                event(EventType.UNKNOWN, T0 + 5 * DAY).setAmount(999.0).setCountry("FR").setProductCategory("z").build()));
        ProfileSnapshot s = p.asOf(T0 + 7 * DAY);
        assertThat(s.recencyDays()).isEqualTo(2);
        assertThat(s.tenureDays()).isEqualTo(7);
        assertThat(s.monetary()).isCloseTo(10 * Math.pow(0.5, 0.7), within(1e-12));
        assertThat(s.country()).isNull();
        assertThat(s.categoryDiversity()).isEqualTo(1);
    }

    @Test
    void latestAttributeWinsWhateverTheArrivalOrder() {
        CustomerEvent older = event(EventType.PROFILE_UPDATE, T0).setCountry("GB").setAge(30).setIncome(100.0).build();
        CustomerEvent newer = event(EventType.PROFILE_UPDATE, T0 + DAY).setCountry("FR").setAge(31).build();
        for (List<CustomerEvent> order : List.of(List.of(older, newer), List.of(newer, older))) {
            ProfileSnapshot s = fold(order).asOf(T0 + DAY);
            assertThat(s.country()).isEqualTo("FR");
            assertThat(s.age()).isEqualTo(31);
            assertThat(s.income()).isEqualTo(100);
        }
    }

    @Test
    void equalTimesAreBrokenByValueSoOrderDoesNotMatter() {
        CustomerEvent a = event(EventType.SESSION_START, T0).setChannel("app").build();
        CustomerEvent b = event(EventType.SESSION_START, T0).setChannel("web").build();
        assertThat(fold(List.of(a, b)).channel()).isEqualTo("web");
        assertThat(fold(List.of(b, a)).channel()).isEqualTo("web");
    }

    @Test
    void implausibleAttributesAreDroppedAndTheFormerValueKept() {
        CustomerProfile p = fold(List.of(event(EventType.SIGNUP, T0).setAge(40).setIncome(10.0).build(),
                event(EventType.PROFILE_UPDATE, T0 + DAY).setAge(250).setIncome(-5.0).build()));
        assertThat(p.age()).isEqualTo(40);
        assertThat(p.income()).isEqualTo(10);
    }

    @Test
    void categoryDiversityCountsDistinctPurchasedCategoriesUpToABound() {
        List<CustomerEvent> events = new ArrayList<>();
        events.add(event(EventType.PAGE_VIEW, T0).setProductCategory("viewed-only").build());
        for (int i = 0; i < 3 * CustomerProfile.MAX_TRACKED_CATEGORIES; i++) {
            events.add(purchase(T0 + i, 1, "cat" + (i % 5)));
        }
        assertThat(fold(events).categoryCount()).isEqualTo(5);
        for (int i = 0; i < 40; i++) {
            events.add(purchase(T0 + i, 1, "other" + i));
        }
        assertThat(fold(events).asOf(T0).categoryDiversity()).isEqualTo(CustomerProfile.MAX_TRACKED_CATEGORIES);
    }

    @Test
    void asOfBeforeTheLatestEventIsClampedToIt() {
        CustomerProfile p = fold(List.of(purchase(T0, 10, null), purchase(T0 + 4 * DAY, 10, null)));
        assertThat(p.asOf(T0)).isEqualTo(p.asOf(T0 + 4 * DAY));
        assertThat(p.asOf(T0).recencyDays()).isZero();
    }

    @Test
    void emptyProfileHasZeroCountsAndMissingTimes() {
        ProfileSnapshot s = folder.newProfile().asOf(T0);
        assertThat(s.frequency()).isZero();
        assertThat(s.recencyDays()).isNaN();
        assertThat(s.tenureDays()).isNaN();
        assertThat(s.age()).isNaN();
        assertThat(s.country()).isNull();
    }

    @Test
    void refusesAProfileFoldedWithAnotherHalfLife() {
        CustomerProfile other = new ProfileFolder(30, EventRules.DEFAULTS).newProfile();
        assertThatThrownBy(() -> folder.fold(other, purchase(T0, 1, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("half-life 30.0");
        assertThatThrownBy(() -> new ProfileFolder(0, EventRules.DEFAULTS)).hasMessageContaining("halfLifeDays");
    }

    @Test
    void copyIsIndependent() {
        CustomerProfile p = fold(List.of(purchase(T0, 10, "a")));
        CustomerProfile copy = p.copy();
        folder.fold(p, purchase(T0 + DAY, 10, "b"));
        assertThat(copy.eventCount()).isEqualTo(1);
        assertThat(copy.categoryCount()).isEqualTo(1);
        assertThat(p.categoryCount()).isEqualTo(2);
    }

    @Test
    void foldingAllocatesNothing() {
        List<CustomerEvent> events = Events.randomHistory(new Random(9), 2_000, 100);
        CustomerProfile p = folder.newProfile();
        CustomerEvent[] array = events.toArray(CustomerEvent[]::new);
        Runnable foldAll = () -> {
            for (CustomerEvent e : array) {
                folder.fold(p, e);
            }
        };
        foldAll.run(); // the category array, once per profile
        long bytes = AllocationMeter.bytesAllocatedBy(() -> {
            for (int i = 0; i < 10; i++) {
                foldAll.run();
            }
        });
        assertThat(bytes).as("bytes allocated by 20,000 folds").isLessThan(1_000);
    }

    @Test
    void ratesDoNotGrowWithTenureWhereDecayedCountsDo() {
        // a stationary customer: 20 euros every 5 days for a year, folded with the default 30-day half-life
        ProfileFolder defaults = new ProfileFolder(30, EventRules.DEFAULTS);
        List<CustomerEvent> history = new ArrayList<>();
        for (int day = 0; day <= 360; day += 5) {
            history.add(purchase(T0 + day * DAY, 20, null));
        }
        CustomerProfile year = defaults.newProfile();
        history.forEach(e -> defaults.fold(year, e));
        CustomerProfile month = defaults.newProfile();
        history.subList(0, 7).forEach(e -> defaults.fold(month, e));   // the same customer at day 30
        ProfileSnapshot atDay30 = month.asOf(T0 + 30 * DAY);
        ProfileSnapshot atDay360 = year.asOf(T0 + 360 * DAY);

        // the decayed count of day 30 is about half the stationary level; the rate is close to it already
        assertThat(atDay30.frequency() / atDay360.frequency()).isLessThan(0.6);
        assertThat(atDay30.purchaseRate() / atDay360.purchaseRate()).isCloseTo(1.0, within(0.15));
        // 6 purchases per 30 days (read at a purchase, which counts in full: about half a purchase more)
        assertThat(atDay360.purchaseRate()).isCloseTo(6.35, within(0.05));
        assertThat(atDay360.spendRate()).isCloseTo(20 * atDay360.purchaseRate(), within(1e-9));
        assertThat(atDay360.pageViewRate()).isZero();
    }

    @Test
    void aRateIsMeasuredOverAtLeastThirtyDays() {
        CustomerProfile p = fold(List.of(purchase(T0, 50, null)));
        double exposure30 = (1 - Math.pow(2, -30 / HALF_LIFE_DAYS)) * HALF_LIFE_DAYS / Math.log(2);

        // one purchase on the first day is one purchase in the first 30 days, not 30 a month
        assertThat(p.asOf(T0).purchaseRate()).isCloseTo(30 / exposure30, within(1e-9));
        assertThat(p.asOf(T0 + 3 * DAY).purchaseRate()).isCloseTo(30 * Math.pow(2, -3 / HALF_LIFE_DAYS) / exposure30,
                within(1e-9));
        assertThat(p.asOf(T0).spendRate()).isCloseTo(50 * 30 / exposure30, within(1e-9));
    }

    static double[] numerics(ProfileSnapshot s) {
        return new double[] {s.recencyDays(), s.frequency(), s.monetary(), s.avgOrderValue(), s.refundRate(),
                s.sessions(), s.pageViews(), s.cartAdds(), s.conversionRate(), s.categoryDiversity(), s.tenureDays(),
                s.purchaseRate(), s.spendRate(), s.sessionRate(), s.pageViewRate(), s.age(), s.income()};
    }
}
