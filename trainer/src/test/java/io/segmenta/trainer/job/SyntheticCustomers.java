package io.segmenta.trainer.job;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.EventType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Three kinds of customers with known truth: loyal spenders, refund-prone bargain hunters, window shoppers. */
final class SyntheticCustomers {

    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    final List<CustomerEvent> events = new ArrayList<>();
    final Map<String, Integer> truth = new HashMap<>();

    SyntheticCustomers(int perGroup, int days, long seed) {
        Random random = new Random(seed);
        for (int group = 0; group < 3; group++) {
            for (int c = 0; c < perGroup; c++) {
                String id = "g" + group + "-c" + c;
                truth.put(id, group);
                for (int day = 0; day < days; day++) {
                    Instant t = START.plus(Duration.ofDays(day)).plusSeconds(random.nextInt(86_000));
                    switch (group) {
                        case 0 -> { // loyal, frequent, high value
                            if (random.nextDouble() < 0.5) {
                                add(id, t, EventType.PURCHASE, 120 + 20 * random.nextGaussian(), random);
                            }
                            add(id, t.minusSeconds(5), EventType.SESSION_START, null, random);
                            add(id, t.plusSeconds(1), EventType.PAGE_VIEW, null, random);
                        }
                        case 1 -> { // bargain hunters: small baskets, many refunds
                            if (random.nextDouble() < 0.2) {
                                add(id, t, EventType.PURCHASE, 15 + 3 * random.nextGaussian(), random);
                                if (random.nextDouble() < 0.5) {
                                    add(id, t.plusSeconds(60), EventType.REFUND, 12.0, random);
                                }
                            }
                        }
                        default -> { // window shoppers: many views, rare purchases
                            add(id, t.minusSeconds(5), EventType.SESSION_START, null, random);
                            for (int v = 0; v < 6; v++) {
                                add(id, t.plusSeconds(v), EventType.PAGE_VIEW, null, random);
                            }
                            if (random.nextDouble() < 0.02) {
                                add(id, t.plusSeconds(10), EventType.PURCHASE, 30.0, random);
                            }
                        }
                    }
                }
            }
        }
        events.sort(Comparator.comparing(CustomerEvent::getEventTime));
    }

    private void add(String id, Instant t, EventType type, Double amount, Random random) {
        events.add(CustomerEvent.newBuilder().setEventId(id + "-" + events.size()).setCustomerId(id).setEventTime(t)
                .setType(type).setAmount(amount == null ? null : Math.max(1, amount)).setCurrency("EUR")
                .setQuantity(amount == null ? null : 1 + random.nextInt(3)).setProductCategory("cat" + random.nextInt(5))
                .setChannel("web").setCountry(null).setAge(null).setGender(null).setIncome(null).build());
    }

    Instant end() {
        return events.get(events.size() - 1).getEventTime();
    }
}
