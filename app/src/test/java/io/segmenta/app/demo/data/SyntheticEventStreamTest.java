package io.segmenta.app.demo.data;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.EventType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SyntheticEventStreamTest {

    static final Instant END = Instant.parse("2026-01-01T00:00:00Z");
    static final SyntheticOptions OPTIONS = SyntheticOptions.defaults().withCustomers(600).withDays(120).withEnd(END);

    static SyntheticPopulation population;
    static List<CustomerEvent> events;

    @BeforeAll
    static void generate() {
        population = SyntheticPopulation.generate(OPTIONS);
        events = population.stream().toList();
    }

    @Test
    void theSameSeedGivesTheSameEventsAndAnotherSeedOthers() {
        assertThat(SyntheticPopulation.generate(OPTIONS).stream().toList()).isEqualTo(events);
        List<CustomerEvent> other = SyntheticPopulation.generate(OPTIONS.withSeed(43)).stream().limit(1000).toList();
        assertThat(other).isNotEqualTo(events.subList(0, 1000));
        // the same population iterated twice gives the same events too
        assertThat(population.stream().limit(5000).toList()).isEqualTo(events.subList(0, 5000));
    }

    @Test
    void eventIdsAreUniqueAndEventsWellFormed() {
        Set<String> ids = new HashSet<>();
        for (CustomerEvent e : events) {
            assertThat(ids.add(e.getEventId())).as("duplicate id %s", e.getEventId()).isTrue();
            assertThat(population.customer(e.getCustomerId())).isNotNull();
            if (e.getType() == EventType.PURCHASE || e.getType() == EventType.REFUND) {
                assertThat(e.getAmount()).isPositive();
                assertThat(e.getQuantity()).isPositive();
                assertThat(e.getCurrency()).isNotBlank();
            }
            if (e.getType() == EventType.SIGNUP || e.getType() == EventType.PROFILE_UPDATE) {
                assertThat(e.getAge()).isBetween(18, 90);
                assertThat(e.getIncome()).isPositive();
                assertThat(e.getGender()).isIn("F", "M");
            }
        }
        assertThat(events).hasSizeGreaterThan(100_000);
        assertThat(events.stream().map(CustomerEvent::getType).distinct())
                .contains(EventType.PURCHASE, EventType.REFUND, EventType.PAGE_VIEW, EventType.ADD_TO_CART,
                        EventType.SESSION_START, EventType.SIGNUP, EventType.PROFILE_UPDATE);
    }

    @Test
    void timesAreInTheTimelineAndInOrderExceptAFewSlightlyLateEvents() {
        long start = population.start().toEpochMilli();
        long end = population.end().toEpochMilli();
        long maxLate = OPTIONS.maxLateness().toMillis();
        long watermark = Long.MIN_VALUE;
        int late = 0;
        for (CustomerEvent e : events) {
            long t = e.getEventTime().toEpochMilli();
            assertThat(t).isBetween(start, end - 1);
            if (t < watermark) {
                late++;
                assertThat(watermark - t).isLessThanOrEqualTo(maxLate);
            }
            watermark = Math.max(watermark, t);
        }
        assertThat(late / (double) events.size()).isBetween(0.005, 0.03);

        List<CustomerEvent> inOrder = SyntheticPopulation.generate(OPTIONS.withOutOfOrder(0, Duration.ZERO)).stream()
                .toList();
        for (int i = 1; i < inOrder.size(); i++) {
            assertThat(inOrder.get(i).getEventTime()).isAfterOrEqualTo(inOrder.get(i - 1).getEventTime());
        }
        assertThat(inOrder).hasSameSizeAs(events);
    }

    @Test
    void theDefaultTimelineEndsBeforeNowSoThatNoEventIsInTheFuture() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:30.500Z"), ZoneOffset.UTC);
        SyntheticPopulation p = SyntheticPopulation.generate(SyntheticOptions.defaults().withCustomers(50).withDays(10),
                clock);
        assertThat(p.end()).isEqualTo(Instant.parse("2026-03-01T11:50:30Z"));
        assertThat(p.start()).isEqualTo(p.end().minus(Duration.ofDays(10)));
        assertThat(p.stream().map(CustomerEvent::getEventTime)).allMatch(t -> t.isBefore(clock.instant()));
    }

    @Test
    void segmentSharesAreExactAndTruthIsTheSegmentAtTheEnd() {
        Map<String, Long> counts = population.truthCounts();
        assertThat(population.segmentNames()).containsExactly("loyal_high_spenders", "bargain_hunters",
                "window_shoppers", "new_customers", "lapsing_customers", "app_first_big_spenders");
        assertThat(counts.get("loyal_high_spenders")).isEqualTo(90);  // 15% of 600
        assertThat(counts.get("bargain_hunters")).isEqualTo(120);     // 20%
        assertThat(counts.get("window_shoppers")).isEqualTo(108);     // 18%
        assertThat(counts.get("new_customers")).isEqualTo(60);        // 10%
        assertThat(counts.get("lapsing_customers")).isEqualTo(90 + 72); // 15% + the faded store regulars' 12%
        assertThat(counts.get("app_first_big_spenders")).isEqualTo(60); // 10%
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(600);

        SyntheticCustomer regular = population.customers().stream()
                .filter(c -> c.initialSegment() == LatentSegment.STORE_REGULARS).findFirst().orElseThrow();
        assertThat(population.truth(regular.id())).isEqualTo("lapsing_customers");

        SyntheticPopulation noDrift = SyntheticPopulation.generate(OPTIONS.withDrift(false));
        assertThat(noDrift.segmentNames()).containsExactly("loyal_high_spenders", "bargain_hunters",
                "window_shoppers", "new_customers", "lapsing_customers", "store_regulars");
        assertThat(noDrift.schedule()).isEmpty();
        assertThat(noDrift.driftTime()).isNull();
        // ids do not reveal segments: the first customers are not all of one segment
        assertThat(population.customers().subList(0, 20).stream().map(SyntheticCustomer::initialSegment).distinct()
                .count()).isGreaterThan(3);
    }

    @Test
    void theDriftScheduleIsVisibleInTheData() {
        long drift = population.driftTime().toEpochMilli();
        long day = Duration.ofDays(1).toMillis();
        assertThat(population.schedule()).extracting(DriftEvent::kind)
                .containsExactly(DriftEvent.Kind.SHIFT, DriftEvent.Kind.BIRTH, DriftEvent.Kind.DEATH);
        assertThat(population.driftTime()).isEqualTo(population.start().plus(Duration.ofDays(60)));

        // SHIFT: bargain hunters' refunds per purchase and median basket before vs after the drift
        Predicate<CustomerEvent> bargain = e -> population.customer(e.getCustomerId()).initialSegment()
                == LatentSegment.BARGAIN_HUNTERS;
        long s = population.start().toEpochMilli();
        double refundsBefore = rate(bargain, EventType.REFUND, s + 10 * day, drift - 5 * day);
        double refundsAfter = rate(bargain, EventType.REFUND, drift + 25 * day, population.end().toEpochMilli());
        assertThat(refundsBefore).isCloseTo(0.25, within(0.06));
        assertThat(refundsAfter).isCloseTo(0.45, within(0.08));
        assertThat(medianBasket(bargain, s, drift)).isCloseTo(15, within(3.0));
        assertThat(medianBasket(bargain, drift, population.end().toEpochMilli())).isCloseTo(30, within(5.0));

        // BIRTH: app-first big spenders do nothing before the drift, then sign up via the app with big baskets
        Predicate<CustomerEvent> appFirst = e -> population.segment(e.getCustomerId())
                == LatentSegment.APP_FIRST_BIG_SPENDERS;
        assertThat(events.stream().filter(appFirst)).allMatch(e -> e.getEventTime().toEpochMilli() >= drift - 5 * 60_000);
        assertThat(events.stream().filter(appFirst).filter(e -> e.getType() == EventType.SIGNUP)
                .map(CustomerEvent::getChannel)).hasSize(60).containsOnly("app");
        assertThat(medianBasket(appFirst, drift, population.end().toEpochMilli())).isGreaterThan(400);

        // DEATH: store regulars buy up to the drift and not 5 days after it
        Predicate<CustomerEvent> regulars = e -> population.customer(e.getCustomerId()).initialSegment()
                == LatentSegment.STORE_REGULARS;
        assertThat(count(regulars, EventType.PURCHASE, drift - 10 * day, drift)).isGreaterThan(50);
        assertThat(count(regulars, EventType.PURCHASE, drift + 5 * day, Long.MAX_VALUE)).isZero();
        assertThat(events.stream().filter(regulars)).allMatch(e -> e.getEventTime().toEpochMilli() < drift + 5 * day);

        // lapsing customers stop for good within the first half, new customers signed up in the last weeks
        Map<String, Long> lastEvent = new HashMap<>();
        events.forEach(e -> lastEvent.merge(e.getCustomerId(), e.getEventTime().toEpochMilli(), Math::max));
        population.customers().stream().filter(c -> c.initialSegment() == LatentSegment.LAPSING_CUSTOMERS)
                .forEach(c -> assertThat(lastEvent.getOrDefault(c.id(), s)).isLessThan(s + 60 * day));
        population.customers().stream().filter(c -> c.initialSegment() == LatentSegment.NEW_CUSTOMERS)
                .forEach(c -> assertThat(c.signup()).isBetween(END.minus(Duration.ofDays(18)), END.minus(Duration.ofDays(2))));
        Map<String, Long> newPurchases = new HashMap<>();
        events.stream().filter(e -> e.getType() == EventType.PURCHASE
                        && population.segment(e.getCustomerId()) == LatentSegment.NEW_CUSTOMERS)
                .forEach(e -> newPurchases.merge(e.getCustomerId(), 1L, Long::sum));
        assertThat(newPurchases.values()).allMatch(n -> n >= 1 && n <= 2);
    }

    @Test
    void withoutDriftNothingShifts() {
        SyntheticPopulation p = SyntheticPopulation.generate(OPTIONS.withDrift(false).withCustomers(300));
        List<CustomerEvent> all = p.stream().toList();
        long mid = p.start().plus(Duration.ofDays(60)).toEpochMilli();
        long late = all.stream().filter(e -> p.customer(e.getCustomerId()).initialSegment() == LatentSegment.STORE_REGULARS
                && e.getType() == EventType.PURCHASE && e.getEventTime().toEpochMilli() > mid + Duration.ofDays(30).toMillis())
                .count();
        assertThat(late).isGreaterThan(100);
        assertThat(p.customers()).noneMatch(c -> c.initialSegment() == LatentSegment.APP_FIRST_BIG_SPENDERS);
    }

    @Test
    void theStreamIsLazy() {
        SyntheticPopulation big = SyntheticPopulation.generate(SyntheticOptions.defaults().withCustomers(100_000)
                .withDays(365).withEnd(END));
        SyntheticEventStream stream = big.events();
        List<CustomerEvent> first = new ArrayList<>();
        for (int i = 0; i < 10_000 && stream.hasNext(); i++) {
            first.add(stream.next());
        }
        assertThat(first).hasSize(10_000);
        assertThat(stream.streamTime()).isBefore(big.start().plus(Duration.ofDays(1)));
    }

    private static double rate(Predicate<CustomerEvent> who, EventType type, long from, long to) {
        return count(who, type, from, to) / (double) count(who, EventType.PURCHASE, from, to);
    }

    private static long count(Predicate<CustomerEvent> who, EventType type, long from, long to) {
        return events.stream().filter(who).filter(e -> e.getType() == type)
                .filter(e -> e.getEventTime().toEpochMilli() >= from && e.getEventTime().toEpochMilli() < to).count();
    }

    private static double medianBasket(Predicate<CustomerEvent> who, long from, long to) {
        double[] amounts = events.stream().filter(who).filter(e -> e.getType() == EventType.PURCHASE)
                .filter(e -> e.getEventTime().toEpochMilli() >= from && e.getEventTime().toEpochMilli() < to)
                .mapToDouble(CustomerEvent::getAmount).sorted().toArray();
        return amounts[amounts.length / 2];
    }
}
