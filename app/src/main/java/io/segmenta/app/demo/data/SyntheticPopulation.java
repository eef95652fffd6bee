package io.segmenta.app.demo.data;

import io.segmenta.avro.CustomerEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Synthetic customers with a known (latent) segment each, deterministic from {@link SyntheticOptions#seed()}: the
 * ground truth for the demo and for tests of the whole pipeline. Their events come from {@link #events()}.
 *
 * <p>Segments: {@link LatentSegment}. Segment shares are exact (largest remainder over the customers), customers
 * are shuffled so that ids do not reveal segments. With drift on, at {@code driftAt} of the timeline (see
 * {@link #schedule()}):
 * <ul>
 *   <li>SHIFT: bargain hunters' refund rate goes from 25% to 45% and their median basket from 15 to 30</li>
 *   <li>BIRTH: app-first big spenders, new sign-ups via the app with very large baskets, start to appear</li>
 *   <li>DEATH: store regulars stop buying (the store closes) within 5 days; by the end they are lapsed</li>
 * </ul>
 * {@link #truth(String)} is the segment at the <em>end</em> of the timeline: with drift, a store regular's truth is
 * {@code lapsing_customers}; {@link SyntheticCustomer#initialSegment()} keeps where it started. Either way there are
 * six true segments at the end ({@link #segmentNames()}).
 *
 * <p>Immutable and thread-safe; holds one small record per customer.
 */
public final class SyntheticPopulation {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final SyntheticOptions options;
    private final Instant start;
    private final Instant end;
    private final Instant driftTime;
    private final List<SyntheticCustomer> customers;
    private final Map<String, SyntheticCustomer> byId;

    private SyntheticPopulation(SyntheticOptions options, Instant start, List<SyntheticCustomer> customers) {
        this.options = options;
        this.start = start;
        this.end = start.plus(Duration.ofDays(options.days()));
        this.driftTime = start.plusMillis(Math.round(options.driftAt() * options.days() * MILLIS_PER_DAY));
        this.customers = List.copyOf(customers);
        Map<String, SyntheticCustomer> ids = new HashMap<>(customers.size() * 2);
        customers.forEach(c -> ids.put(c.id(), c));
        this.byId = ids;
    }

    /** Generates the population; a null start in the options means "ending 10 minutes before now". */
    public static SyntheticPopulation generate(SyntheticOptions options) {
        return generate(options, Clock.systemUTC());
    }

    /** As {@link #generate(SyntheticOptions)} with the clock that a null start is resolved against. */
    public static SyntheticPopulation generate(SyntheticOptions options, Clock clock) {
        Instant start = options.start();
        if (start == null) {
            Instant end = clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(SyntheticOptions.DEFAULT_END_MARGIN);
            start = end.minus(Duration.ofDays(options.days()));
        }
        SyntheticOptions resolved = options.withStart(start);
        return new SyntheticPopulation(resolved, start, Builder.customers(resolved, start));
    }

    /** The options, with the start resolved. */
    public SyntheticOptions options() {
        return options;
    }

    /** First instant of the timeline. */
    public Instant start() {
        return start;
    }

    /** End of the timeline (exclusive): every event time is before it. */
    public Instant end() {
        return end;
    }

    /** When the drift happens; null when drift is off. */
    public Instant driftTime() {
        return options.drift() ? driftTime : null;
    }

    /** The scheduled changes in time order; empty without drift. */
    public List<DriftEvent> schedule() {
        if (!options.drift()) {
            return List.of();
        }
        return List.of(
                new DriftEvent(driftTime, DriftEvent.Kind.SHIFT, LatentSegment.BARGAIN_HUNTERS,
                        "bargain hunters return much more (refund rate 25% -> 45%) and buy bigger baskets (median 15 -> 30)"),
                new DriftEvent(driftTime, DriftEvent.Kind.BIRTH, LatentSegment.APP_FIRST_BIG_SPENDERS,
                        "app-first big spenders sign up via the app over the next quarter of the timeline (median basket 650)"),
                new DriftEvent(driftTime, DriftEvent.Kind.DEATH, LatentSegment.STORE_REGULARS,
                        "the store closes: store regulars stop buying within 5 days and lapse"));
    }

    public List<SyntheticCustomer> customers() {
        return customers;
    }

    public int size() {
        return customers.size();
    }

    /** @throws NoSuchElementException for an id not in this population */
    public SyntheticCustomer customer(String customerId) {
        SyntheticCustomer c = byId.get(customerId);
        if (c == null) {
            throw new NoSuchElementException("no synthetic customer " + customerId);
        }
        return c;
    }

    /** The true segment at the end of the timeline, e.g. {@code loyal_high_spenders}. */
    public String truth(String customerId) {
        return customer(customerId).finalSegment().label();
    }

    /** The true segment at the end of the timeline. */
    public LatentSegment segment(String customerId) {
        return customer(customerId).finalSegment();
    }

    /** Labels of the segments present at the end of the timeline, in {@link LatentSegment} order. */
    public List<String> segmentNames() {
        return truthCounts().keySet().stream().toList();
    }

    /** Customers per true (end-of-timeline) segment label, in {@link LatentSegment} order. */
    public Map<String, Long> truthCounts() {
        Map<LatentSegment, Long> counts = new EnumMap<>(LatentSegment.class);
        customers.forEach(c -> counts.merge(c.finalSegment(), 1L, Long::sum));
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((s, n) -> out.put(s.label(), n));
        return Collections.unmodifiableMap(out);
    }

    /** A new, lazy, time-ordered iterator over all events of this population (see {@link SyntheticEventStream}). */
    public SyntheticEventStream events() {
        return new SyntheticEventStream(this);
    }

    /** {@link #events()} as a sequential stream. */
    public Stream<CustomerEvent> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(events(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Draws the customers. */
    private static final class Builder {

        static List<SyntheticCustomer> customers(SyntheticOptions o, Instant start) {
            int n = o.customers();
            List<LatentSegment> segments = allocate(o, n);
            Rng shuffle = Rng.of(o.seed(), -1);
            for (int i = n - 1; i > 0; i--) {
                Collections.swap(segments, i, shuffle.nextInt(i + 1));
            }
            long startMillis = start.toEpochMilli();
            long span = o.days() * MILLIS_PER_DAY;
            long endMillis = startMillis + span;
            long driftMillis = startMillis + Math.round(o.driftAt() * span);
            int width = Math.max(5, String.valueOf(n - 1).length());
            List<SyntheticCustomer> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                LatentSegment s = segments.get(i);
                Rng rng = Rng.of(o.seed(), i);
                long signup = signup(s, rng, startMillis, endMillis, driftMillis, span);
                long activeUntil = switch (s) {
                    case LAPSING_CUSTOMERS -> startMillis + Math.round(rng.uniform(0.3, 0.48) * span);
                    case STORE_REGULARS -> o.drift()
                            ? Math.min(endMillis, driftMillis + Math.round(rng.uniform(0, 5) * MILLIS_PER_DAY))
                            : endMillis;
                    default -> endMillis;
                };
                LatentSegment last = o.drift() && s == LatentSegment.STORE_REGULARS ? LatentSegment.LAPSING_CUSTOMERS : s;
                SegmentTraits t = SegmentParameters.traits(s);
                double activity = rng.logNormal(1.0, 0.25);
                String channel = SegmentTraits.draw(t.channels(), rng);
                String country = SegmentTraits.draw(t.countries(), rng);
                int age = (int) Math.round(Math.max(18, Math.min(90, t.ageMean() + t.ageSd() * rng.gaussian())));
                String gender = rng.chance(t.femaleShare()) ? "F" : "M";
                double income = Math.round(rng.logNormal(t.incomeMedian(), 0.3) / 100.0) * 100.0;
                String id = "c" + String.format("%0" + width + "d", i);
                out.add(new SyntheticCustomer(id, i, s, last, Instant.ofEpochMilli(signup),
                        Instant.ofEpochMilli(activeUntil), activity, channel, country, age, gender, income));
            }
            return out;
        }

        /** Exact counts per segment by largest remainder, in enum order (ties to the earlier segment). */
        static List<LatentSegment> allocate(SyntheticOptions o, int n) {
            Map<LatentSegment, Double> shares = new EnumMap<>(SegmentParameters.SHARES);
            if (!o.drift()) {
                shares.remove(LatentSegment.APP_FIRST_BIG_SPENDERS);
            }
            double total = shares.values().stream().mapToDouble(Double::doubleValue).sum();
            Map<LatentSegment, Integer> counts = new EnumMap<>(LatentSegment.class);
            Map<LatentSegment, Double> remainders = new EnumMap<>(LatentSegment.class);
            int assigned = 0;
            for (Map.Entry<LatentSegment, Double> e : shares.entrySet()) {
                double exact = n * e.getValue() / total;
                int floor = (int) Math.floor(exact);
                counts.put(e.getKey(), floor);
                remainders.put(e.getKey(), exact - floor);
                assigned += floor;
            }
            List<LatentSegment> byRemainder = new ArrayList<>(remainders.keySet());
            byRemainder.sort((a, b) -> Double.compare(remainders.get(b), remainders.get(a)));
            for (int i = 0; assigned < n; i++, assigned++) {
                counts.merge(byRemainder.get(i % byRemainder.size()), 1, Integer::sum);
            }
            List<LatentSegment> out = new ArrayList<>(n);
            counts.forEach((s, c) -> out.addAll(Collections.nCopies(c, s)));
            return out;
        }

        private static long signup(LatentSegment s, Rng rng, long start, long end, long drift, long span) {
            long before = start - Math.round(rng.uniform(30, 900) * MILLIS_PER_DAY);
            return switch (s) {
                case LOYAL_HIGH_SPENDERS -> rng.chance(0.85) ? before : start + Math.round(rng.uniform(0, 0.15) * span);
                case BARGAIN_HUNTERS, WINDOW_SHOPPERS ->
                        rng.chance(0.7) ? before : start + Math.round(rng.uniform(0, 0.3) * span);
                case LAPSING_CUSTOMERS, STORE_REGULARS ->
                        rng.chance(0.85) ? before : start + Math.round(rng.uniform(0, 0.1) * span);
                case NEW_CUSTOMERS -> {
                    double days = span / (double) MILLIS_PER_DAY;
                    yield end - Math.round(rng.uniform(Math.min(3, 0.02 * days), Math.min(18, 0.15 * days)) * MILLIS_PER_DAY);
                }
                case APP_FIRST_BIG_SPENDERS -> { // a launch campaign: sign-ups over the quarter of the timeline after drift
                    long latest = Math.max(drift, Math.min(drift + span / 4, end - 2 * MILLIS_PER_DAY));
                    yield drift + Math.round(rng.nextDouble() * (latest - drift));
                }
            };
        }
    }
}
