package io.segmenta.it.pipeline;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.EventType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Customers in groups of clearly different behaviour, so that the right number of segments and who belongs where
 * are known: the ground truth of the refit scenario. Deterministic from the seed; jitter per customer and per day
 * keeps the groups from being single points.
 */
final class BehaviourGroups {

    /**
     * A group's customers signed up {@code tenureDays} before their first activity; on their {@code activeDays} they open a
     * session at a random hour, view pages, and every {@code buyEvery} days buy a basket of about {@code basket}.
     */
    enum Group {
        BIG_BASKETS(300, Set.of(2, 4), 300, 1, 1, 0),
        SMALL_BASKETS_MANY_REFUNDS(120, Set.of(0, 1, 2, 3, 4, 5, 6), 12, 1, 1, 2),
        BROWSERS(40, Set.of(1), 40, 8, 1, 0),
        APP_BIG_SPENDERS(0, Set.of(0, 1, 2, 3, 4, 5, 6), 2_500, 3, 1, 0);

        /** Tenure tells the groups apart robustly: an event more or less barely moves it. */
        final int tenureDays;
        /**
         * Days of the week (day since the epoch modulo 7) with activity. Weekly training windows end at the start of
         * day 0, so each group's recency at a window's end is distinct and the same every week.
         */
        final Set<Integer> activeDays;
        final double basket;
        final int pageViews;
        final int buyEvery;
        /** Every n-th purchase is returned (0: never). */
        final int refundEvery;

        Group(int tenureDays, Set<Integer> activeDays, double basket, int pageViews, int buyEvery, int refundEvery) {
            this.tenureDays = tenureDays;
            this.activeDays = activeDays;
            this.basket = basket;
            this.pageViews = pageViews;
            this.buyEvery = buyEvery;
            this.refundEvery = refundEvery;
        }

        /** Customer ids of the group start with it. */
        String prefix() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-') + "-";
        }

        String customer(int i) {
            return prefix() + i;
        }
    }

    private BehaviourGroups() {
    }

    /**
     * The events of the first {@code customers.get(g)} customers of each group with an event time in [from, to)
     * (whole days), in time order; each customer of a group in {@code signingUp} signs up just before its first
     * activity (a late event in event time: its tenure starts {@code tenureDays} earlier).
     */
    static List<CustomerEvent> events(Map<Group, Integer> customers, Instant from, Instant to, long seed,
                                      Set<Group> signingUp) {
        List<CustomerEvent> activity = new ArrayList<>();
        customers.forEach((group, n) -> activity.addAll(activity(group, n, from, to, seed)));
        activity.sort(Comparator.comparing(CustomerEvent::getEventTime));
        List<CustomerEvent> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CustomerEvent e : activity) {
            Group group = groupOf(e.getCustomerId());
            if (signingUp.contains(group) && seen.add(e.getCustomerId())) {
                out.add(event(e.getCustomerId(), e.getEventTime().minus(Duration.ofDays(group.tenureDays)).minusSeconds(60),
                        EventType.SIGNUP, null));
            }
            out.add(e);
        }
        return out;
    }

    static Group groupOf(String customer) {
        for (Group g : Group.values()) {
            if (customer.startsWith(g.prefix())) {
                return g;
            }
        }
        throw new IllegalArgumentException("not a customer of a group: " + customer);
    }

    private static List<CustomerEvent> activity(Group group, int customers, Instant from, Instant to, long seed) {
        List<CustomerEvent> out = new ArrayList<>();
        long days = Duration.between(from, to).toDays();
        long firstDay = Math.floorDiv(from.toEpochMilli(), 86_400_000L);
        for (int c = 0; c < customers; c++) {
            String id = group.customer(c);
            Random r = new Random(seed * 31 + id.hashCode() + firstDay);
            double taste = 1 + 0.05 * new Random(seed * 31 + id.hashCode()).nextGaussian();
            for (long d = 0; d < days; d++) {
                long day = firstDay + d; // counted from the epoch, so that later periods continue earlier ones
                if (!group.activeDays.contains((int) Math.floorMod(day, 7))) {
                    continue;
                }
                Instant t = from.plus(Duration.ofDays(d)).plus(Duration.ofMinutes(r.nextInt(22 * 60)));
                out.add(event(id, t, EventType.SESSION_START, null));
                for (int p = 0; p < group.pageViews; p++) {
                    out.add(event(id, t.plusSeconds(30L * (p + 1)), EventType.PAGE_VIEW, null));
                }
                if (day % group.buyEvery == 0) { // the same days for all: no sub-groups by phase
                    Instant bought = t.plusSeconds(30L * (group.pageViews + 1));
                    out.add(event(id, bought, EventType.PURCHASE, group.basket * taste * (1 + 0.05 * r.nextGaussian())));
                    if (group.refundEvery > 0 && (day / group.buyEvery) % group.refundEvery == 0) {
                        out.add(event(id, bought.plusSeconds(600), EventType.REFUND, null));
                    }
                }
            }
        }
        return out;
    }

    private static CustomerEvent event(String customer, Instant t, EventType type, Double amount) {
        return CustomerEvent.newBuilder().setEventId(customer + "-" + type + "-" + t.toEpochMilli())
                .setCustomerId(customer).setEventTime(t).setType(type).setAmount(amount)
                .setCurrency(amount == null ? null : "EUR").setQuantity(amount == null ? null : 1)
                .setProductCategory(amount == null ? null : "general").setChannel("web").setCountry("DE")
                .setAge(null).setGender(null).setIncome(null).build();
    }
}
