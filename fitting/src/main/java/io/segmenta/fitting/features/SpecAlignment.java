package io.segmenta.fitting.features;

import io.segmenta.avro.FeatureDef;
import io.segmenta.avro.FeatureKind;
import io.segmenta.avro.FeatureSpec;

/**
 * Moves vectors between the scaled spaces of two specs with the same layout. A refit re-fits centre and scale, so the
 * parent's centroids must be re-expressed in the new space before they can be compared: per numeric column the map
 * from old to new scaled value is affine, v' = (v * oldScale + oldCenter - newCenter) / newScale (exact, since
 * imputation, clipping and the transform come before scaling and are the same for both). One-hot columns are not
 * scaled and stay as they are.
 */
public final class SpecAlignment {

    private final double[] factor;
    private final double[] offset;

    private SpecAlignment(double[] factor, double[] offset) {
        this.factor = factor;
        this.offset = offset;
    }

    /** True when vectors of {@code from} can be re-expressed in {@code to}'s space (same layout hash). */
    public static boolean compatible(FeatureSpec from, FeatureSpec to) {
        return from.getHash().equals(to.getHash()) && from.getDimension() == to.getDimension();
    }

    public static SpecAlignment between(FeatureSpec from, FeatureSpec to) {
        if (!compatible(from, to)) {
            throw new IllegalArgumentException("feature specs have different layouts (hash " + from.getHash()
                    + " vs " + to.getHash() + "); their vectors cannot be compared");
        }
        int d = to.getDimension();
        double[] factor = new double[d];
        double[] offset = new double[d];
        int col = 0;
        for (int f = 0; f < to.getFeatures().size(); f++) {
            FeatureDef a = from.getFeatures().get(f);
            FeatureDef b = to.getFeatures().get(f);
            if (b.getKind() == FeatureKind.CATEGORICAL) {
                for (int c = 0; c < b.getCategories().size(); c++) {
                    factor[col++] = 1.0;
                }
            } else {
                factor[col] = a.getScale() / b.getScale();
                offset[col] = (a.getCenter() - b.getCenter()) / b.getScale();
                col++;
            }
        }
        return new SpecAlignment(factor, offset);
    }

    public double[] vector(double[] v) {
        double[] out = new double[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = factor[j] * v[j] + offset[j];
        }
        return out;
    }

    /** A covariance (d variances, or d x d row-major) under the same affine map. */
    public double[] covariance(double[] cov) {
        int d = factor.length;
        double[] out = new double[cov.length];
        if (cov.length == d) {
            for (int j = 0; j < d; j++) {
                out[j] = factor[j] * factor[j] * cov[j];
            }
        } else if (cov.length == d * d) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    out[a * d + b] = factor[a] * factor[b] * cov[a * d + b];
                }
            }
        } else {
            throw new IllegalArgumentException("covariance has " + cov.length + " values; expected " + d + " or "
                    + d * d);
        }
        return out;
    }
}
