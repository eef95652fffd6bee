package io.segmenta.assigner.profile;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.EventType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Event builders for profile tests. */
final class Events {

    static final long DAY = 86_400_000L;
    static final long T0 = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();

    private Events() {
    }

    static CustomerEvent.Builder event(EventType type, long millis) {
        return CustomerEvent.newBuilder().setEventId(type + "@" + millis).setCustomerId("c-1")
                .setEventTime(Instant.ofEpochMilli(millis)).setType(type);
    }

    static CustomerEvent purchase(long millis, double amount, String category) {
        return event(EventType.PURCHASE, millis).setAmount(amount).setProductCategory(category).setQuantity(1).build();
    }

    /** A random history of one customer over {@code days}, every type, attributes now and then. */
    static List<CustomerEvent> randomHistory(Random rnd, int n, int days) {
        EventType[] types = EventType.values();
        String[] countries = {"GB", "FR", "DE"};
        String[] channels = {"web", "app", "store"};
        List<CustomerEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            EventType type = types[rnd.nextInt(types.length)];
            long t = T0 + (long) (rnd.nextDouble() * days * DAY);
            CustomerEvent.Builder b = event(type, t).setEventId("e" + i);
            if (type == EventType.PURCHASE || type == EventType.REFUND) {
                b.setAmount(Math.round(rnd.nextDouble() * 20000) / 100.0);
            }
            if (rnd.nextInt(3) == 0) {
                b.setProductCategory("cat" + rnd.nextInt(25));
            }
            if (rnd.nextInt(5) == 0) {
                b.setCountry(countries[rnd.nextInt(3)]).setChannel(channels[rnd.nextInt(3)]);
            }
            if (rnd.nextInt(10) == 0) {
                b.setAge(18 + rnd.nextInt(70)).setIncome(1000.0 * rnd.nextInt(100)).setGender(rnd.nextBoolean() ? "f" : "m");
            }
            events.add(b.build());
        }
        return events;
    }
}
