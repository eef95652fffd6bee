package io.segmenta.app.demo.data;

import java.util.Locale;

/**
 * The true segments of the synthetic population. Five are there from the start and stay; with drift on, one more
 * is born and one dies during the timeline (see {@link SyntheticPopulation#schedule()}).
 */
public enum LatentSegment {

    /** Frequent, large baskets, very few refunds, sessions that convert; long tenure. */
    LOYAL_HIGH_SPENDERS("Frequent buyers with large baskets and almost no refunds"),
    /** Small baskets in discount categories, many refunds; with drift their refunds and baskets grow. */
    BARGAIN_HUNTERS("Small baskets in discount categories, many refunds"),
    /** Many sessions, page views and cart adds, rarely buy. */
    WINDOW_SHOPPERS("Browse a lot, add to cart, rarely buy"),
    /** Signed up in the last few weeks: short tenure, one or two purchases. */
    NEW_CUSTOMERS("Signed up recently, one or two purchases"),
    /** Used to buy, then stopped at some point in the first half of the timeline: recency keeps growing. */
    LAPSING_CUSTOMERS("Used to buy, stopped: recency grows"),
    /**
     * Very frequent mid-basket store customers. With drift they fade: at the drift point the store closes and they
     * stop buying, so by the end they look like (and are counted as) {@link #LAPSING_CUSTOMERS}.
     */
    STORE_REGULARS("Frequent store visits with mid-size baskets (fade away with drift)"),
    /** Born with drift: sign up via the app after the drift point and buy very large baskets. */
    APP_FIRST_BIG_SPENDERS("New app sign-ups with very large baskets (emerge with drift)");

    private final String description;

    LatentSegment(String description) {
        this.description = description;
    }

    /** Stable lower-case name, e.g. {@code loyal_high_spenders}: what {@link SyntheticPopulation#truth} returns. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    /** The segment of a label, e.g. {@code bargain_hunters}. */
    public static LatentSegment ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
