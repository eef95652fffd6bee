package io.segmenta.assigner.features;

import io.segmenta.avro.FeatureDef;
import io.segmenta.avro.FeatureKind;
import io.segmenta.avro.FeatureSpec;

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
        StringBuilder canonical = new StringBuilder("segmenta-feature-spec/v1\n");
        canonical.append("halfLifeDays=").append(Double.toString(halfLifeDays)).append('\n');
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

    /** Builds a complete spec (dimension and hash filled in) from its features. */
    public static FeatureSpec of(List<FeatureDef> features, double halfLifeDays) {
        return FeatureSpec.newBuilder()
                .setFeatures(features)
                .setHalfLifeDays(halfLifeDays)
                .setDimension(dimension(features))
                .setHash(layoutHash(features, halfLifeDays))
                .build();
    }
}
