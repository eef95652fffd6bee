package io.segmenta.fitting.profile;

import java.util.List;
import java.util.Locale;

/**
 * Readable words for "this segment is high / low on feature X", for the feature names this project knows, with a
 * generic "high x" / "low x" for the rest, and the action that goes with each phrase.
 */
public final class FeaturePhrases {

    /** Phrase for a feature whose normalised name contains one of {@code keywords}. */
    record Entry(List<String> keywords, String high, String low, String highAction, String lowAction) {
    }

    // Order matters: the first entry whose keyword occurs in the name wins ("spending score" before "spend").
    private static final List<Entry> ENTRIES = List.of(
            new Entry(List.of("recency", "days_since"), "lapsed", "recent",
                    "Win back with a personalised offer before they churn",
                    "Engage while interest is fresh: recommendations and a second-purchase incentive"),
            new Entry(List.of("refund", "return_rate", "returns"), "refund-prone", "rarely refund",
                    "Review product fit and return reasons before promoting to them",
                    "Trust them with try-before-you-buy and new arrivals"),
            new Entry(List.of("spending"), "high spending", "low spending",
                    "Retain with loyalty perks and premium ranges",
                    "Lift spending with targeted offers and bundles"),
            new Entry(List.of("monetary", "revenue", "spend", "clv", "lifetime_value", "order_value"),
                    "high value", "low value",
                    "Retain: loyalty perks, early access, dedicated service",
                    "Grow basket size with bundles and cross-sell"),
            new Entry(List.of("frequency", "order_count", "orders", "purchases", "purchase_rate", "visits"), "frequent", "infrequent",
                    "Reward frequency with a loyalty programme",
                    "Nudge with reminders and replenishment offers"),
            new Entry(List.of("page_view", "pageview", "session", "views"), "heavy browsers", "light browsers",
                    "Turn browsing into buying with personalised recommendations",
                    "Re-engage with content and newsletters"),
            new Entry(List.of("conversion"), "high converting", "low converting",
                    "Keep the path to purchase short; upsell at checkout",
                    "Remove friction: reminders, retargeting and limited-time offers"),
            new Entry(List.of("discount", "coupon", "promo"), "deal seekers", "full-price buyers",
                    "Reach through sales and coupons; protect margin with targeted discounts",
                    "Lead with quality and new arrivals, not discounts"),
            new Entry(List.of("tenure", "account_age", "customer_age_days"), "long-standing", "new",
                    "Thank and reward loyalty; invite to referral programmes",
                    "Onboard: welcome series and first-month guidance"),
            new Entry(List.of("income"), "high income", "low income",
                    "Offer premium ranges and services",
                    "Emphasise value and payment flexibility"),
            new Entry(List.of("age"), "older", "younger",
                    "Tailor channels and messaging to an older audience",
                    "Reach through social and mobile channels"));

    /** Both page views high and conversion low: a named pattern rather than two phrases. */
    static final String WINDOW_SHOPPERS = "window shoppers";
    static final String WINDOW_SHOPPERS_ACTION = "Convert with retargeting, reminders and limited-time offers";
    static final String TYPICAL = "typical customers";
    static final String TYPICAL_ACTION = "Keep in the general programme; no special treatment";

    private FeaturePhrases() {
    }

    /** Lower case, "attr." prefix and parenthesised units dropped, runs of other characters as one underscore. */
    static String normalise(String name) {
        String s = name.toLowerCase(Locale.ROOT);
        if (s.startsWith("attr.")) {
            s = s.substring(5);
        }
        s = s.replaceAll("\\(.*?\\)", " ");
        s = s.replaceAll("[^a-z0-9]+", "_");
        return s.replaceAll("^_+|_+$", "");
    }

    /** The first entry with a keyword that starts a word of the name ("age" in "customer_age", not in "usage"). */
    static Entry entryFor(String name) {
        String n = "_" + normalise(name) + "_";
        for (Entry e : ENTRIES) {
            for (String kw : e.keywords()) {
                if (n.contains("_" + kw)) {
                    return e;
                }
            }
        }
        return null;
    }

    /** "high value", "recent", or generically "high <feature>". */
    public static String phrase(String featureName, boolean high) {
        Entry e = entryFor(featureName);
        if (e != null) {
            return high ? e.high() : e.low();
        }
        String readable = normalise(featureName).replace('_', ' ');
        return (high ? "high " : "low ") + (readable.isEmpty() ? featureName : readable);
    }

    /** The action for a feature being high or low; null when the feature is unknown. */
    public static String action(String featureName, boolean high) {
        Entry e = entryFor(featureName);
        return e == null ? null : (high ? e.highAction() : e.lowAction());
    }

    /** Recency in days ("days since the latest event"): worded by {@link Lifecycle}, not by its z-score. */
    static boolean isRecency(String name) {
        Entry e = entryFor(name);
        return e != null && e.high().equals("lapsed");
    }

    /** Tenure in days: worded by {@link Lifecycle}. */
    static boolean isTenure(String name) {
        Entry e = entryFor(name);
        return e != null && e.high().equals("long-standing");
    }

    static boolean isPageViews(String name) {
        Entry e = entryFor(name);
        return e != null && e.high().equals("heavy browsers");
    }

    static boolean isConversion(String name) {
        Entry e = entryFor(name);
        return e != null && e.high().equals("high converting");
    }
}
