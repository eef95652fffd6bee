package io.segmenta.assigner.features;

import io.segmenta.avro.FeatureKind;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The features a {@link FeatureSource} can provide, by stable name and kind. A model's spec may only read
 * features its catalog knows. {@link #standard()} lists what a customer profile folded from events provides;
 * {@link #of(Map)} describes other sources (e.g. an analyst's customer table). Immutable.
 *
 * <p>Standard features, read "as of" a time {@code T} (see {@code CustomerProfile.asOf}); "decayed" means each
 * event counts {@code 2^-(T - eventTime) / halfLife}:
 * <ul>
 *   <li>{@value #RECENCY_DAYS}: days from the latest event of any type to T</li>
 *   <li>{@value #FREQUENCY}: decayed number of purchases</li>
 *   <li>{@value #MONETARY}: decayed sum of purchase amounts (gross, refunds not deducted)</li>
 *   <li>{@value #AVG_ORDER_VALUE}: {@code monetary / frequency}, the decay-weighted mean purchase; missing without purchases</li>
 *   <li>{@value #REFUND_RATE}: decayed refunds per decayed purchase; missing without purchases; may exceed 1 when
 *       the refunded purchases have decayed (clip it in the spec)</li>
 *   <li>{@value #SESSIONS}, {@value #PAGE_VIEWS}, {@value #CART_ADDS}: decayed counts of those events</li>
 *   <li>{@value #CONVERSION_RATE}: decayed purchases per decayed session; missing without sessions</li>
 *   <li>{@value #CATEGORY_DIVERSITY}: distinct product categories purchased (not decayed), saturating at a
 *       small bound to keep the profile bounded</li>
 *   <li>{@value #TENURE_DAYS}: days from the first event of any type to T</li>
 *   <li>{@value #PURCHASE_RATE}, {@value #SPEND_RATE}, {@value #SESSION_RATE}, {@value #PAGE_VIEW_RATE}: the
 *       decayed purchases, purchase amount, sessions and page views per 30 days of the customer's decayed observed
 *       time (from the first event, at least 30 days; {@code CustomerProfile.exposureDays}). Unlike the decayed
 *       counts they do not grow with tenure: a stationary customer reads the same in her second month as in her
 *       tenth, so young customers do not drift through the segments while their counts fill up.</li>
 *   <li>{@value #AGE}, {@value #INCOME}: the customer's latest plausible value</li>
 *   <li>categorical {@value #GENDER}, {@value #COUNTRY}, {@value #CHANNEL}: the most recent value (by event time)</li>
 * </ul>
 */
public final class FeatureCatalog {

    public static final String RECENCY_DAYS = "recency_days";
    public static final String FREQUENCY = "frequency";
    public static final String MONETARY = "monetary";
    public static final String AVG_ORDER_VALUE = "avg_order_value";
    public static final String REFUND_RATE = "refund_rate";
    public static final String SESSIONS = "sessions";
    public static final String PAGE_VIEWS = "page_views";
    public static final String CART_ADDS = "cart_adds";
    public static final String CONVERSION_RATE = "conversion_rate";
    public static final String CATEGORY_DIVERSITY = "category_diversity";
    public static final String TENURE_DAYS = "tenure_days";
    public static final String PURCHASE_RATE = "purchase_rate";
    public static final String SPEND_RATE = "spend_rate";
    public static final String SESSION_RATE = "session_rate";
    public static final String PAGE_VIEW_RATE = "page_view_rate";
    public static final String AGE = "age";
    public static final String INCOME = "income";
    public static final String GENDER = "gender";
    public static final String COUNTRY = "country";
    public static final String CHANNEL = "channel";

    private static final FeatureCatalog STANDARD = buildStandard();

    private final Map<String, FeatureKind> kinds;

    private FeatureCatalog(Map<String, FeatureKind> kinds) {
        this.kinds = Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
    }

    /** The features of a customer profile folded from events. */
    public static FeatureCatalog standard() {
        return STANDARD;
    }

    /** A catalog of other named features, e.g. the columns of a customer table; iteration order is kept. */
    public static FeatureCatalog of(Map<String, FeatureKind> features) {
        Objects.requireNonNull(features, "features");
        features.forEach((name, kind) -> {
            if (name == null || name.isBlank() || kind == null) {
                throw new IllegalArgumentException("feature names must be non-blank and kinds non-null: " + features);
            }
        });
        return new FeatureCatalog(features);
    }

    public boolean contains(String name) {
        return kinds.containsKey(name);
    }

    public Optional<FeatureKind> kindOf(String name) {
        return Optional.ofNullable(kinds.get(name));
    }

    /** All names, in catalog order. */
    public Set<String> names() {
        return kinds.keySet();
    }

    private static FeatureCatalog buildStandard() {
        Map<String, FeatureKind> m = new LinkedHashMap<>();
        for (String numeric : new String[] {RECENCY_DAYS, FREQUENCY, MONETARY, AVG_ORDER_VALUE, REFUND_RATE,
                SESSIONS, PAGE_VIEWS, CART_ADDS, CONVERSION_RATE, CATEGORY_DIVERSITY, TENURE_DAYS, PURCHASE_RATE, SPEND_RATE,
                SESSION_RATE, PAGE_VIEW_RATE, AGE, INCOME}) {
            m.put(numeric, FeatureKind.NUMERIC);
        }
        for (String categorical : new String[] {GENDER, COUNTRY, CHANNEL}) {
            m.put(categorical, FeatureKind.CATEGORICAL);
        }
        return new FeatureCatalog(m);
    }

    @Override
    public String toString() {
        return "FeatureCatalog" + kinds;
    }
}
