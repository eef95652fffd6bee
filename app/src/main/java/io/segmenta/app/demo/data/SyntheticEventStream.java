package io.segmenta.app.demo.data;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.EventType;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * The events of a {@link SyntheticPopulation}, lazily and in event-time order. Memory is bounded by the population:
 * a priority queue holds each customer's next session plus the few events of sessions in progress and the refunds
 * scheduled for later purchases (about 1 to 3 entries per customer), so 100k+ customers stream in a few tens of MB.
 *
 * <p>Each customer acts in sessions, with exponential gaps at its segment's rate: SESSION_START, page views,
 * add-to-carts and maybe a PURCHASE, seconds apart; a refunded purchase gets its REFUND 1 to 21 days later. A
 * customer who signs up during the timeline starts with SIGNUP (carrying age, gender, income, country, channel);
 * an established customer's first event is a PROFILE_UPDATE with the same attributes.
 *
 * <p>Guarantees: event ids {@code s<seed>-<customerId>-<n>} are unique and the same for the same options; event
 * times lie in [start, end); amounts are positive (cents); times are non-decreasing except for
 * {@link SyntheticOptions#outOfOrderFraction()} of the events, whose event time is up to
 * {@link SyntheticOptions#maxLateness()} earlier than the stream's time when they are emitted (late arrivals). Which
 * events are late depends on their id only. Not thread-safe.
 */
public final class SyntheticEventStream implements Iterator<CustomerEvent> {

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final long STREAM_SALT = 0x5EED_5EED_0000_0001L;
    private static final String CURRENCY = "EUR";

    private final SyntheticPopulation population;
    private final List<SyntheticCustomer> customers;
    private final CustomerState[] states;
    private final PriorityQueue<Pending> queue;
    private final long startMillis;
    private final long endMillis;
    private final long driftMillis;
    private final boolean drift;
    private final long seed;
    private final double lateFraction;
    private final long maxLatenessMillis;
    private long insertions;
    private long emitted;
    private long late;
    private long streamTime;

    SyntheticEventStream(SyntheticPopulation population) {
        this.population = population;
        this.customers = population.customers();
        SyntheticOptions o = population.options();
        this.startMillis = population.start().toEpochMilli();
        this.endMillis = population.end().toEpochMilli();
        this.drift = o.drift();
        this.driftMillis = o.drift() ? population.driftTime().toEpochMilli() : Long.MAX_VALUE;
        this.seed = o.seed();
        this.lateFraction = o.outOfOrderFraction();
        this.maxLatenessMillis = o.maxLateness().toMillis();
        this.states = new CustomerState[customers.size()];
        this.queue = new PriorityQueue<>(Math.max(16, customers.size() * 2));
        this.streamTime = startMillis;
        for (SyntheticCustomer c : customers) {
            CustomerState state = new CustomerState(Rng.of(seed ^ STREAM_SALT, c.index()));
            states[c.index()] = state;
            long signup = c.signup().toEpochMilli();
            long first;
            if (signup >= startMillis) {
                first = signup;
            } else {
                SegmentBehaviour b = behaviour(c, startMillis);
                first = startMillis + Math.round(state.rng.exponential(meanGapMillis(b, c)));
            }
            if (first < Math.min(endMillis, c.activeUntil().toEpochMilli())) {
                push(first, c.index(), null);
            }
        }
    }

    public SyntheticPopulation population() {
        return population;
    }

    /** Events returned so far. */
    public long emitted() {
        return emitted;
    }

    /** Of which emitted late (out of order). */
    public long late() {
        return late;
    }

    /** Event time the stream has reached (the time of the latest in-order event). */
    public Instant streamTime() {
        return Instant.ofEpochMilli(streamTime);
    }

    @Override
    public boolean hasNext() {
        return advance();
    }

    @Override
    public CustomerEvent next() {
        if (!advance()) {
            throw new NoSuchElementException("the synthetic stream has ended");
        }
        Pending p = queue.poll();
        streamTime = p.time;
        SyntheticCustomer c = customers.get(p.customer);
        Draft d = p.draft;
        String id = "s" + seed + "-" + c.id() + "-" + d.seq;
        long t = p.time;
        if (lateFraction > 0 && Rng.unit(seed, p.customer, d.seq) < lateFraction) {
            long lateness = 1000 + Math.round(Rng.unit(seed ^ STREAM_SALT, p.customer, d.seq)
                    * Math.max(0, maxLatenessMillis - 1000));
            long shifted = Math.max(startMillis, t - Math.min(lateness, maxLatenessMillis));
            if (shifted < t) {
                t = shifted;
                late++;
            }
        }
        emitted++;
        boolean attributes = d.type == EventType.SIGNUP || d.type == EventType.PROFILE_UPDATE;
        boolean money = d.type == EventType.PURCHASE || d.type == EventType.REFUND;
        return new CustomerEvent(id, c.id(), Instant.ofEpochMilli(t), d.type,
                money ? d.amount : null, money ? CURRENCY : null, money ? d.quantity : null, d.category,
                d.channel, c.country(),
                attributes ? c.age() : null, attributes ? c.gender() : null, attributes ? c.income() : null,
                d.refundOf == null ? Map.of() : Map.of("refundOf", d.refundOf));
    }

    /** Processes session triggers until the head of the queue is an event; false when nothing is left. */
    private boolean advance() {
        while (!queue.isEmpty()) {
            Pending head = queue.peek();
            if (head.draft != null) {
                return true;
            }
            queue.poll();
            session(customers.get(head.customer), head.time);
        }
        return false;
    }

    private SegmentBehaviour behaviour(SyntheticCustomer c, long t) {
        return SegmentParameters.behaviour(c.initialSegment(), drift && t >= driftMillis);
    }

    private static double meanGapMillis(SegmentBehaviour b, SyntheticCustomer c) {
        return 7.0 * MILLIS_PER_DAY / (b.sessionsPerWeek() * c.activity());
    }

    /** One session of customer {@code c} starting at {@code t}: its events, and the next session. */
    private void session(SyntheticCustomer c, long t) {
        CustomerState st = states[c.index()];
        Rng rng = st.rng;
        SegmentBehaviour b = behaviour(c, t);
        SegmentTraits traits = SegmentParameters.traits(c.initialSegment());
        long activeUntil = Math.min(endMillis, c.activeUntil().toEpochMilli());
        long s = t;
        if (!st.started) {
            st.started = true;
            boolean signedUpNow = c.signup().toEpochMilli() >= startMillis;
            emit(c, s, draft(st, signedUpNow ? EventType.SIGNUP : EventType.PROFILE_UPDATE, c.primaryChannel()), activeUntil);
            s += Math.round(rng.uniform(signedUpNow ? 60 : 1, signedUpNow ? 1800 : 10) * 1000);
        }
        String channel = rng.chance(0.8) || traits.channels().size() == 1 ? c.primaryChannel()
                : SegmentTraits.draw(traits.channels(), rng);
        List<String> categories = traits.categories();
        emit(c, s, draft(st, EventType.SESSION_START, channel), activeUntil);
        int pageViews = Math.max(1, rng.poisson(b.pageViewsPerSession()));
        for (int i = 0; i < pageViews; i++) {
            s += Math.round(rng.uniform(5, 90) * 1000);
            Draft d = draft(st, EventType.PAGE_VIEW, channel);
            d.category = categories.get(rng.nextInt(categories.size()));
            emit(c, s, d, activeUntil);
        }
        int cartAdds = rng.poisson(b.cartAddsPerSession());
        for (int i = 0; i < cartAdds; i++) {
            s += Math.round(rng.uniform(5, 60) * 1000);
            Draft d = draft(st, EventType.ADD_TO_CART, channel);
            d.category = categories.get(rng.nextInt(categories.size()));
            emit(c, s, d, activeUntil);
        }
        boolean buy = (b.firstSessionBuys() && st.purchases == 0) || rng.chance(b.conversion());
        if (b.maxPurchases() > 0 && st.purchases >= b.maxPurchases()) {
            buy = false;
        }
        if (buy) {
            s += Math.round(rng.uniform(20, 180) * 1000);
            Draft purchase = draft(st, EventType.PURCHASE, channel);
            purchase.amount = Math.max(0.5, Math.round(rng.logNormal(b.basketMedian(), b.basketSigma()) * 100) / 100.0);
            purchase.quantity = 1 + rng.poisson(1.0);
            purchase.category = categories.get(rng.nextInt(categories.size()));
            if (emit(c, s, purchase, activeUntil)) {
                st.purchases++;
                if (rng.chance(b.refundRate())) {
                    long when = s + Math.round(rng.uniform(1, 21) * MILLIS_PER_DAY);
                    Draft refund = draft(st, EventType.REFUND, channel);
                    refund.amount = purchase.amount;
                    refund.quantity = purchase.quantity;
                    refund.category = purchase.category;
                    refund.refundOf = "s" + seed + "-" + c.id() + "-" + purchase.seq;
                    emit(c, when, refund, activeUntil);
                }
            }
        }
        long next = t + Math.max(60_000, Math.round(rng.exponential(meanGapMillis(b, c))));
        if (next < activeUntil) {
            push(next, c.index(), null);
        }
    }

    private static Draft draft(CustomerState st, EventType type, String channel) {
        Draft d = new Draft();
        d.seq = st.nextSeq++;
        d.type = type;
        d.channel = channel;
        return d;
    }

    /** Queues an event unless it falls after the customer's activity (or the timeline) ends. */
    private boolean emit(SyntheticCustomer c, long time, Draft d, long activeUntil) {
        if (time >= activeUntil) {
            return false;
        }
        push(time, c.index(), d);
        return true;
    }

    private void push(long time, int customer, Draft draft) {
        queue.add(new Pending(time, insertions++, customer, draft));
    }

    private static final class CustomerState {
        final Rng rng;
        int nextSeq;
        int purchases;
        boolean started;

        CustomerState(Rng rng) {
            this.rng = rng;
        }
    }

    /** An event to emit; the customer's attributes are added at emission. */
    private static final class Draft {
        int seq;
        EventType type;
        String channel;
        String category;
        double amount;
        int quantity;
        String refundOf;
    }

    /** A queued event (draft set) or the start of a customer's next session (draft null). */
    private record Pending(long time, long order, int customer, Draft draft) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending o) {
            int byTime = Long.compare(time, o.time);
            return byTime != 0 ? byTime : Long.compare(order, o.order);
        }
    }
}
