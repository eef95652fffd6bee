package io.segmenta.app.demo.data;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.segmenta.app.demo.data.SegmentTraits.w;

/**
 * The tuned parameters of each latent segment. Chosen so that the segments separate on the trainer's default
 * features (recency, frequency, monetary, average order value, refund rate, page views, conversion, tenure; see
 * {@code SyntheticSeparabilityTest}) while still overlapping a little, as real segments do.
 */
final class SegmentParameters {

    private SegmentParameters() {
    }

    /** Population shares with drift on; with drift off the emerging segment gets none and the rest are rescaled. */
    static final Map<LatentSegment, Double> SHARES = new EnumMap<>(Map.of(
            LatentSegment.LOYAL_HIGH_SPENDERS, 0.15,
            LatentSegment.BARGAIN_HUNTERS, 0.20,
            LatentSegment.WINDOW_SHOPPERS, 0.18,
            LatentSegment.NEW_CUSTOMERS, 0.10,
            LatentSegment.LAPSING_CUSTOMERS, 0.15,
            LatentSegment.STORE_REGULARS, 0.12,
            LatentSegment.APP_FIRST_BIG_SPENDERS, 0.10));

    private static final Map<LatentSegment, SegmentBehaviour> BEHAVIOUR = new EnumMap<>(Map.of(
            LatentSegment.LOYAL_HIGH_SPENDERS, new SegmentBehaviour(2.2, 5, 1.2, 0.75, 160, 0.45, 0.02, false, 0),
            LatentSegment.BARGAIN_HUNTERS, new SegmentBehaviour(2.0, 6, 1.5, 0.5, 15, 0.5, 0.25, false, 0),
            LatentSegment.WINDOW_SHOPPERS, new SegmentBehaviour(3.0, 10, 2.0, 0.03, 45, 0.5, 0.02, false, 0),
            LatentSegment.NEW_CUSTOMERS, new SegmentBehaviour(1.5, 4, 1.0, 0.15, 55, 0.5, 0.03, true, 2),
            LatentSegment.LAPSING_CUSTOMERS, new SegmentBehaviour(2.0, 2, 0.8, 0.45, 45, 0.4, 0.05, false, 0),
            LatentSegment.STORE_REGULARS, new SegmentBehaviour(4.0, 1, 0.3, 0.5, 45, 0.4, 0.03, false, 0),
            LatentSegment.APP_FIRST_BIG_SPENDERS, new SegmentBehaviour(1.2, 2, 1.0, 0.8, 650, 0.35, 0.04, true, 0)));

    /** Bargain hunters after the shift: they return much more and buy bigger baskets. */
    static final SegmentBehaviour SHIFTED_BARGAIN_HUNTERS = new SegmentBehaviour(2.0, 6, 1.5, 0.5, 30, 0.5, 0.45, false, 0);

    private static final Map<LatentSegment, SegmentTraits> TRAITS = new EnumMap<>(Map.of(
            LatentSegment.LOYAL_HIGH_SPENDERS, new SegmentTraits(
                    List.of(w("web", 0.5), w("app", 0.4), w("store", 0.1)),
                    List.of("electronics", "home", "fashion", "beauty", "sports", "books"),
                    List.of(w("GB", 0.5), w("DE", 0.2), w("FR", 0.15), w("NL", 0.15)), 42, 9, 85_000, 0.5),
            LatentSegment.BARGAIN_HUNTERS, new SegmentTraits(
                    List.of(w("web", 0.7), w("app", 0.3)),
                    List.of("clearance", "outlet", "grocery", "household"),
                    List.of(w("GB", 0.6), w("PL", 0.2), w("ES", 0.2)), 34, 10, 32_000, 0.55),
            LatentSegment.WINDOW_SHOPPERS, new SegmentTraits(
                    List.of(w("app", 0.6), w("web", 0.4)),
                    List.of("fashion", "electronics", "home"),
                    List.of(w("GB", 0.4), w("FR", 0.3), w("IT", 0.3)), 26, 6, 40_000, 0.6),
            LatentSegment.NEW_CUSTOMERS, new SegmentTraits(
                    List.of(w("web", 0.5), w("app", 0.5)),
                    List.of("fashion", "home", "beauty"),
                    List.of(w("GB", 0.5), w("DE", 0.25), w("FR", 0.25)), 30, 8, 45_000, 0.5),
            LatentSegment.LAPSING_CUSTOMERS, new SegmentTraits(
                    List.of(w("web", 0.8), w("store", 0.2)),
                    List.of("home", "books", "garden"),
                    List.of(w("GB", 0.7), w("IE", 0.3)), 50, 12, 55_000, 0.45),
            LatentSegment.STORE_REGULARS, new SegmentTraits(
                    List.of(w("store", 0.8), w("web", 0.2)),
                    List.of("grocery", "home", "garden"),
                    List.of(w("GB", 0.8), w("IE", 0.2)), 58, 10, 50_000, 0.55),
            LatentSegment.APP_FIRST_BIG_SPENDERS, new SegmentTraits(
                    List.of(w("app", 1.0)),
                    List.of("electronics", "luxury", "travel"),
                    List.of(w("GB", 0.4), w("DE", 0.3), w("US", 0.3)), 31, 6, 120_000, 0.4)));

    static SegmentBehaviour behaviour(LatentSegment segment, boolean shifted) {
        return shifted && segment == LatentSegment.BARGAIN_HUNTERS ? SHIFTED_BARGAIN_HUNTERS : BEHAVIOUR.get(segment);
    }

    static SegmentTraits traits(LatentSegment segment) {
        return TRAITS.get(segment);
    }
}
