package io.segmenta.assigner.profile;

import io.segmenta.assigner.features.FeatureCatalog;
import io.segmenta.assigner.features.FeatureSource;

/**
 * A customer's features as of one time, named as in {@link FeatureCatalog}; NaN / null mean missing.
 * Produced by {@link CustomerProfile#asOf(long)}; the feature definitions are documented on {@link FeatureCatalog}.
 */
public record ProfileSnapshot(
        long asOfMillis,
        double recencyDays,
        double frequency,
        double monetary,
        double avgOrderValue,
        double refundRate,
        double sessions,
        double pageViews,
        double cartAdds,
        double conversionRate,
        double categoryDiversity,
        double tenureDays,
        double purchaseRate,
        double spendRate,
        double sessionRate,
        double pageViewRate,
        double age,
        double income,
        String gender,
        String country,
        String channel) implements FeatureSource {

    /** A customer without events: counts are 0, everything time- or ratio-based is missing. */
    static ProfileSnapshot empty(long asOfMillis) {
        double nan = Double.NaN;
        return new ProfileSnapshot(asOfMillis, nan, 0, 0, nan, nan, 0, 0, 0, nan, 0, nan, 0, 0, 0, 0, nan, nan, null, null,
                null);
    }

    @Override
    public double numeric(String name) {
        return switch (name) {
            case FeatureCatalog.RECENCY_DAYS -> recencyDays;
            case FeatureCatalog.FREQUENCY -> frequency;
            case FeatureCatalog.MONETARY -> monetary;
            case FeatureCatalog.AVG_ORDER_VALUE -> avgOrderValue;
            case FeatureCatalog.REFUND_RATE -> refundRate;
            case FeatureCatalog.SESSIONS -> sessions;
            case FeatureCatalog.PAGE_VIEWS -> pageViews;
            case FeatureCatalog.CART_ADDS -> cartAdds;
            case FeatureCatalog.CONVERSION_RATE -> conversionRate;
            case FeatureCatalog.CATEGORY_DIVERSITY -> categoryDiversity;
            case FeatureCatalog.TENURE_DAYS -> tenureDays;
            case FeatureCatalog.PURCHASE_RATE -> purchaseRate;
            case FeatureCatalog.SPEND_RATE -> spendRate;
            case FeatureCatalog.SESSION_RATE -> sessionRate;
            case FeatureCatalog.PAGE_VIEW_RATE -> pageViewRate;
            case FeatureCatalog.AGE -> age;
            case FeatureCatalog.INCOME -> income;
            default -> throw new IllegalArgumentException("not a numeric profile feature: '" + name + "'");
        };
    }

    @Override
    public String category(String name) {
        return switch (name) {
            case FeatureCatalog.GENDER -> gender;
            case FeatureCatalog.COUNTRY -> country;
            case FeatureCatalog.CHANNEL -> channel;
            default -> throw new IllegalArgumentException("not a categorical profile feature: '" + name + "'");
        };
    }
}
