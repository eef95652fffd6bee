package io.segmenta.assigner.features;

import io.segmenta.avro.FeatureDef;
import io.segmenta.avro.FeatureKind;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.avro.FeatureTime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Layout facts of a {@link FeatureSpec}: its output dimension and its layout hash. */
public final class FeatureSpecs {

    private FeatureSpecs() {
    }

    /** Number of output columns: one per numeric feature, one per category of a categorical one. */
    public static int dimension(List<FeatureDef> features) {
        int d = 0;
        for (FeatureDef f : features) {
            d += f.getKind() == FeatureKind.CATEGORICAL ? f.getCategories().size() : 1;
        }
        return d;
    }

    /**
     * SHA-256 over the layout only (names, kinds, transforms, scaling kinds, categories, half-life), not the
     * fitted values: two specs with the same hash read the same features into the same columns, so a model
     * refitted on new data keeps its hash and an assigner can tell a model built for other features.
     */
    public static String layoutHash(List<FeatureDef> features, double halfLifeDays) {
        return layoutHash(features, halfLifeDays, FeatureTime.WINDOW_END);
    }

    /**
     * The layout hash with the time the features are read at; {@link FeatureTime#WINDOW_END} (the rule before the
     * field existed) adds nothing, so the hashes of models published before it stay valid.
     */
    public static String layoutHash(List<FeatureDef> features, double halfLifeDays, FeatureTime readAt) {
        StringBuilder canonical = new StringBuilder("segmenta-feature-spec/v1\n");
        canonical.append("halfLifeDays=").append(Double.toString(halfLifeDays)).append('\n');
        if (readAt != null && readAt != FeatureTime.WINDOW_END) {
            canonical.append("readAt=").append(readAt).append('\n');
        }
        for (FeatureDef f : features) {
            canonical.append(f.getName()).append('|').append(f.getKind()).append('|')
                    .append(f.getTransform()).append('|').append(f.getScaling()).append('|')
                    .append(String.join(",", f.getCategories())).append('\n');
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** Builds a complete spec (dimension and hash filled in) from its features, read at the window end. */
    public static FeatureSpec of(List<FeatureDef> features, double halfLifeDays) {
        return of(features, halfLifeDays, FeatureTime.WINDOW_END);
    }

    /** Builds a complete spec (dimension and hash filled in) from its features and the time they are read at. */
    public static FeatureSpec of(List<FeatureDef> features, double halfLifeDays, FeatureTime readAt) {
        return FeatureSpec.newBuilder()
                .setFeatures(features)
                .setHalfLifeDays(halfLifeDays)
                .setReadAt(readAt)
                .setDimension(dimension(features))
                .setHash(layoutHash(features, halfLifeDays, readAt))
                .build();
    }

    /** The same spec read at {@code readAt} (its hash recomputed). */
    public static FeatureSpec readAt(FeatureSpec spec, FeatureTime readAt) {
        return spec.getReadAt() == readAt ? spec : of(spec.getFeatures(), spec.getHalfLifeDays(), readAt);
    }

    /**
     * The time a profile is read at under a spec: the customer's last event ({@link FeatureTime#LAST_EVENT}), or
     * the later of it and the window end ({@link FeatureTime#WINDOW_END}). A function of the data only, never of the
     * clock, so a replay reads what the first run read.
     *
     * @param lastEventMillis the customer's latest event time
     * @param windowEndMillis the end of the model's training window (the trainer: of the window being closed)
     */
    public static long readAtMillis(FeatureSpec spec, long lastEventMillis, long windowEndMillis) {
        return readAtMillis(spec.getReadAt(), lastEventMillis, windowEndMillis);
    }

    /** {@link #readAtMillis(FeatureSpec, long, long)} by the rule alone. */
    public static long readAtMillis(FeatureTime readAt, long lastEventMillis, long windowEndMillis) {
        return readAt == FeatureTime.LAST_EVENT ? lastEventMillis : Math.max(lastEventMillis, windowEndMillis);
    }
}
