package io.segmenta.assigner.profile;

import io.segmenta.assigner.events.EventRules;
import io.segmenta.assigner.events.EventValidator;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.EventType;
import io.segmenta.avro.FeatureSpec;

import java.util.Objects;

/**
 * Folds {@link CustomerEvent}s into {@link CustomerProfile}s with exponential time decay in event time.
 * Events are expected to have passed {@link EventValidator} with the same {@link EventRules}; the folder itself
 * only drops the implausible attributes that validation accepts (see {@link EventRules#isPlausibleAge}).
 *
 * <p>What each event type contributes:
 * <ul>
 *   <li>every type, UNKNOWN included: first/last event time (tenure, recency, decay reference), event count</li>
 *   <li>PURCHASE: one purchase, its amount, its product category (diversity)</li>
 *   <li>REFUND: one refund (its amount is not read: refund rate is per purchase, monetary stays gross)</li>
 *   <li>SESSION_START, PAGE_VIEW, ADD_TO_CART: one of each</li>
 *   <li>every known type: age, income, gender, country, channel when present; the value with the latest event
 *       time wins, ties broken by value so that any arrival order gives the same profile</li>
 * </ul>
 * Replays of the same event are not detected here (de-duplicate by event id upstream). Immutable and
 * thread-safe; {@link #fold} allocates nothing except, once per profile, its small category array.
 */
public final class ProfileFolder {

    private final double halfLifeDays;
    private final EventRules rules;

    public ProfileFolder(double halfLifeDays, EventRules rules) {
        if (!(halfLifeDays > 0) || Double.isInfinite(halfLifeDays)) {
            throw new IllegalArgumentException("halfLifeDays must be positive and finite, was " + halfLifeDays);
        }
        this.halfLifeDays = halfLifeDays;
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** A folder with the half-life of a model's spec and default event rules. */
    public static ProfileFolder forSpec(FeatureSpec spec) {
        return new ProfileFolder(spec.getHalfLifeDays(), EventRules.DEFAULTS);
    }

    public double halfLifeDays() {
        return halfLifeDays;
    }

    public CustomerProfile newProfile() {
        return new CustomerProfile(halfLifeDays);
    }

    /**
     * Folds one validated event into the profile, in place.
     *
     * @throws IllegalArgumentException if the profile was folded with another half-life (its counters would mean
     *                                  something else; rebuild it from history instead)
     */
    public void fold(CustomerProfile profile, CustomerEvent event) {
        if (profile.halfLifeDays != halfLifeDays) {
            throw new IllegalArgumentException("profile was folded with half-life " + profile.halfLifeDays
                    + " days, this folder uses " + halfLifeDays);
        }
        long t = event.getEventTime().toEpochMilli();
        double w = advance(profile, t);
        EventType type = event.getType();
        switch (type) {
            case PURCHASE -> {
                profile.purchases += w;
                Double amount = event.getAmount();
                if (amount != null) {
                    profile.purchaseAmount += w * amount;
                }
                addCategory(profile, event.getProductCategory());
            }
            case REFUND -> profile.refunds += w;
            case SESSION_START -> profile.sessions += w;
            case PAGE_VIEW -> profile.pageViews += w;
            case ADD_TO_CART -> profile.cartAdds += w;
            case UNKNOWN -> {
                return; // activity only: nothing else is trusted from a type we do not know
            }
            default -> {
                // SIGNUP, PROFILE_UPDATE: attributes only
            }
        }
        foldAttributes(profile, event, t);
    }

    /**
     * Moves the profile's reference time to {@code t} if it is newer (decaying the counters to it) and returns
     * the weight of an event at {@code t} relative to the reference.
     */
    private static double advance(CustomerProfile p, long t) {
        p.eventCount++;
        if (p.lastEventMillis == CustomerProfile.NO_TIME) {
            p.firstEventMillis = t;
            p.lastEventMillis = t;
            return 1.0;
        }
        if (t < p.firstEventMillis) {
            p.firstEventMillis = t;
        }
        if (t <= p.lastEventMillis) {
            return p.decayFactor(p.lastEventMillis - t);
        }
        double f = p.decayFactor(t - p.lastEventMillis);
        p.purchases *= f;
        p.purchaseAmount *= f;
        p.refunds *= f;
        p.sessions *= f;
        p.pageViews *= f;
        p.cartAdds *= f;
        p.lastEventMillis = t;
        return 1.0;
    }

    private static void addCategory(CustomerProfile p, String category) {
        if (category == null || p.categoryCount == CustomerProfile.MAX_TRACKED_CATEGORIES) {
            return;
        }
        int h = category.hashCode(); // cached in the String: no hashing cost after the first read
        int[] hashes = p.categoryHashes;
        if (hashes == null) {
            hashes = p.categoryHashes = new int[CustomerProfile.MAX_TRACKED_CATEGORIES];
        }
        for (int i = 0; i < p.categoryCount; i++) {
            if (hashes[i] == h) {
                return;
            }
        }
        hashes[p.categoryCount++] = h;
    }

    private void foldAttributes(CustomerProfile p, CustomerEvent e, long t) {
        Integer age = e.getAge();
        if (age != null && rules.isPlausibleAge(age) && newer(t, p.ageMillis, age, p.age)) {
            p.age = age;
            p.ageMillis = t;
        }
        Double income = e.getIncome();
        if (income != null && rules.isPlausibleIncome(income) && newer(t, p.incomeMillis, income, p.income)) {
            p.income = income;
            p.incomeMillis = t;
        }
        String gender = e.getGender();
        if (gender != null && newer(t, p.genderMillis, gender, p.gender)) {
            p.gender = gender;
            p.genderMillis = t;
        }
        String country = e.getCountry();
        if (country != null && newer(t, p.countryMillis, country, p.country)) {
            p.country = country;
            p.countryMillis = t;
        }
        String channel = e.getChannel();
        if (channel != null && newer(t, p.channelMillis, channel, p.channel)) {
            p.channel = channel;
            p.channelMillis = t;
        }
    }

    private static boolean newer(long t, long currentMillis, double value, double current) {
        return t > currentMillis || (t == currentMillis && value > current);
    }

    private static boolean newer(long t, long currentMillis, String value, String current) {
        return t > currentMillis || (t == currentMillis && value.compareTo(current) > 0);
    }
}
