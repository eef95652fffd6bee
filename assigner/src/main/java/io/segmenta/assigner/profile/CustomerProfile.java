package io.segmenta.assigner.profile;

import io.segmenta.assigner.features.FeatureSource;

import java.util.Arrays;

/**
 * What is known about one customer, folded from events by a {@link ProfileFolder} and stored between events
 * with {@link ProfileCodec}. Mutable on purpose: folding in place keeps the per-event path allocation-free.
 * Not thread-safe; a state store or keyed state owns one instance per customer at a time.
 *
 * <p>Decayed counters are kept normalised to a reference time, the latest event time seen
 * ({@link #lastEventMillis()}): an event at {@code t} weighs {@code 2^-(ref - t)/halfLife}. Normalising to the
 * maximum (not to the arrival order) is what makes out-of-order events fold to the same profile.
 * Read features with {@link #asOf(long)}.
 */
public final class CustomerProfile {

    // computed once: a profile is built on every state decode, and StrictMath.log showed in the trainer's profile
    private static final double LN2 = StrictMath.log(2);

    /** Marks a time that was never set. */
    public static final long NO_TIME = Long.MIN_VALUE;
    /** Distinct purchased categories tracked; diversity saturates here to bound the profile's size. */
    public static final int MAX_TRACKED_CATEGORIES = 16;

    static final long MILLIS_PER_DAY = 86_400_000L;
    /** Rates are per this many days ({@code purchase_rate}: purchases per 30 days). */
    public static final double RATE_PERIOD_DAYS = 30;
    /**
     * A rate is measured over at least this much of the customer's life: one purchase on a customer's first day is
     * not 30 purchases a month. Equal to the lifecycle's default "new" stage, during which rates still settle.
     */
    public static final long MIN_RATE_SPAN_MILLIS = 30 * MILLIS_PER_DAY;

    final double halfLifeDays;
    /** Per millisecond: {@code ln 2 / halfLife}. */
    final double decayRate;

    long firstEventMillis = NO_TIME;
    long lastEventMillis = NO_TIME;
    long eventCount;

    // decayed counters at lastEventMillis
    double purchases;
    double purchaseAmount;
    double refunds;
    double sessions;
    double pageViews;
    double cartAdds;

    /** String hash codes of distinct purchased categories; the hash is specified by the JLS, so stable. */
    int[] categoryHashes;
    int categoryCount;

    // latest plausible attributes, each with the event time that set it
    double age = Double.NaN;
    long ageMillis = NO_TIME;
    double income = Double.NaN;
    long incomeMillis = NO_TIME;
    String gender;
    long genderMillis = NO_TIME;
    String country;
    long countryMillis = NO_TIME;
    String channel;
    long channelMillis = NO_TIME;

    /** An empty profile; normally obtained from {@link ProfileFolder#newProfile()}. */
    public CustomerProfile(double halfLifeDays) {
        if (!(halfLifeDays > 0) || Double.isInfinite(halfLifeDays)) {
            throw new IllegalArgumentException("halfLifeDays must be positive and finite, was " + halfLifeDays);
        }
        this.halfLifeDays = halfLifeDays;
        this.decayRate = LN2 / (halfLifeDays * MILLIS_PER_DAY);
    }

    /**
     * The profile's features as of {@code asOfMillis}: decayed counters are decayed on to that time, recency and
     * tenure are measured to it. An {@code asOf} before the latest event is treated as the latest event's time,
     * since a profile cannot forget what it has folded. Allocates one small snapshot.
     */
    public ProfileSnapshot asOf(long asOfMillis) {
        if (isEmpty()) {
            return ProfileSnapshot.empty(asOfMillis);
        }
        long at = Math.max(asOfMillis, lastEventMillis);
        double decay = decayFactor(at - lastEventMillis);
        double frequency = purchases * decay;
        double perExposure = RATE_PERIOD_DAYS / exposureDays(at);
        return new ProfileSnapshot(
                at,
                (double) (at - lastEventMillis) / MILLIS_PER_DAY,
                frequency,
                purchaseAmount * decay,
                purchases > 0 ? purchaseAmount / purchases : Double.NaN,
                purchases > 0 ? refunds / purchases : Double.NaN,
                sessions * decay,
                pageViews * decay,
                cartAdds * decay,
                sessions > 0 ? purchases / sessions : Double.NaN,
                categoryCount,
                (double) (at - firstEventMillis) / MILLIS_PER_DAY,
                frequency * perExposure,
                purchaseAmount * decay * perExposure,
                sessions * decay * perExposure,
                pageViews * decay * perExposure,
                age,
                income,
                gender,
                country,
                channel);
    }

    /**
     * The decayed time the customer has been observed up to {@code at}, in days: {@code integral of
     * 2^-(at - s)/halfLife ds} from the first event (or {@link #MIN_RATE_SPAN_MILLIS} before {@code at}, whichever
     * is earlier) to {@code at}. A decayed count divided by it is a rate that does not grow with tenure: a decayed
     * count alone starts at zero and needs several half-lives to reach a stationary customer's level, so every young
     * customer would drift through the segments on its way up.
     */
    double exposureDays(long at) {
        long span = Math.max(at - firstEventMillis, MIN_RATE_SPAN_MILLIS);
        return (1 - decayFactor(span)) / (decayRate * MILLIS_PER_DAY);
    }

    /** {@code 2^-(dt / halfLife)}; StrictMath so that every JVM folds to the same bits. */
    double decayFactor(long elapsedMillis) {
        return elapsedMillis == 0 ? 1.0 : StrictMath.exp(-decayRate * elapsedMillis);
    }

    public boolean isEmpty() {
        return eventCount == 0;
    }

    public double halfLifeDays() {
        return halfLifeDays;
    }

    /** Earliest event time folded, or {@link #NO_TIME}. */
    public long firstEventMillis() {
        return firstEventMillis;
    }

    /** Latest event time folded (the decay reference), or {@link #NO_TIME}. */
    public long lastEventMillis() {
        return lastEventMillis;
    }

    /** Events folded, undecayed, all types. */
    public long eventCount() {
        return eventCount;
    }

    /** Distinct purchased categories seen, at most {@link #MAX_TRACKED_CATEGORIES}. */
    public int categoryCount() {
        return categoryCount;
    }

    public String gender() {
        return gender;
    }

    public String country() {
        return country;
    }

    public String channel() {
        return channel;
    }

    /** Latest plausible age, NaN if none. */
    public double age() {
        return age;
    }

    /** Latest plausible income, NaN if none. */
    public double income() {
        return income;
    }

    /** A deep copy, e.g. to score "what if" without touching the stored profile. */
    public CustomerProfile copy() {
        CustomerProfile c = new CustomerProfile(halfLifeDays);
        c.firstEventMillis = firstEventMillis;
        c.lastEventMillis = lastEventMillis;
        c.eventCount = eventCount;
        c.purchases = purchases;
        c.purchaseAmount = purchaseAmount;
        c.refunds = refunds;
        c.sessions = sessions;
        c.pageViews = pageViews;
        c.cartAdds = cartAdds;
        c.categoryHashes = categoryHashes == null ? null : categoryHashes.clone();
        c.categoryCount = categoryCount;
        c.age = age;
        c.ageMillis = ageMillis;
        c.income = income;
        c.incomeMillis = incomeMillis;
        c.gender = gender;
        c.genderMillis = genderMillis;
        c.country = country;
        c.countryMillis = countryMillis;
        c.channel = channel;
        c.channelMillis = channelMillis;
        return c;
    }

    /** Sorted copy of the tracked category hashes (for codecs and tests; order of arrival is not state). */
    int[] sortedCategoryHashes() {
        int[] copy = categoryHashes == null ? new int[0] : Arrays.copyOf(categoryHashes, categoryCount);
        Arrays.sort(copy);
        return copy;
    }

    @Override
    public String toString() {
        return "CustomerProfile{events=" + eventCount + ", first=" + firstEventMillis + ", last=" + lastEventMillis
                + ", halfLifeDays=" + halfLifeDays + ", " + asOf(lastEventMillis) + '}';
    }
}
