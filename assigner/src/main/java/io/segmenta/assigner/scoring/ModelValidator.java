package io.segmenta.assigner.scoring;

import io.segmenta.assigner.IncompatibleModelException;
import io.segmenta.assigner.features.FeatureCatalog;
import io.segmenta.assigner.features.FeatureSpecs;
import io.segmenta.assigner.features.FeatureVectorizer;
import io.segmenta.avro.Algorithm;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentModel;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether a {@link SegmentModel} can be served. A model is refused with an
 * {@link IncompatibleModelException} whose message starts with {@code model 'name' vN:} when:
 * <ul>
 *   <li>its algorithm is UNKNOWN (a newer writer) or it has no feature spec</li>
 *   <li>the spec's hash differs from {@link FeatureSpecs#layoutHash} recomputed, or from the expected hash
 *       configured with {@link #expectingSpecHash(String)}</li>
 *   <li>the spec's dimension differs from the columns its features produce</li>
 *   <li>the spec reads a feature the {@link FeatureCatalog} does not know, or has unusable fitted parameters
 *       (see {@link FeatureVectorizer#compile(FeatureSpec, FeatureCatalog)})</li>
 *   <li>it has no segments, or two segments share a segment id, or a size is negative</li>
 *   <li>a centroid does not have {@code dimension} values, or any value is NaN or infinite</li>
 *   <li>GMM: a weight is missing or not positive; a covariance is missing, of the wrong length (d variances for
 *       GMM_DIAGONAL, d x d for GMM_FULL), has a variance that is not positive, or is not symmetric
 *       (positive definiteness is checked when the scorer factorises it)</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class ModelValidator {

    /** Relative tolerance for the symmetry of a full covariance, well above rounding in a fit. */
    static final double SYMMETRY_TOLERANCE = 1e-9;

    private static final ModelValidator STANDARD = new ModelValidator(FeatureCatalog.standard(), null);

    private final FeatureCatalog catalog;
    private final String expectedSpecHash;

    /**
     * @param catalog          features the served profiles provide
     * @param expectedSpecHash if not null, only models with exactly this spec hash are accepted (a deployment
     *                         pinned to one feature layout)
     */
    public ModelValidator(FeatureCatalog catalog, String expectedSpecHash) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.expectedSpecHash = expectedSpecHash;
    }

    /** Standard profile features, any spec hash. */
    public static ModelValidator standard() {
        return STANDARD;
    }

    public ModelValidator expectingSpecHash(String hash) {
        return new ModelValidator(catalog, Objects.requireNonNull(hash, "hash"));
    }

    public FeatureCatalog catalog() {
        return catalog;
    }

    /**
     * Validates the model and returns its compiled vectorizer.
     *
     * @throws IncompatibleModelException naming the model, its version and the first problem found
     */
    public FeatureVectorizer validate(SegmentModel model) {
        Objects.requireNonNull(model, "model");
        String where = describe(model);
        if (model.getAlgorithm() == null || model.getAlgorithm() == Algorithm.UNKNOWN) {
            throw new IncompatibleModelException(where + ": algorithm " + model.getAlgorithm()
                    + " is not one this build can score (KMEANS, GMM_DIAGONAL, GMM_FULL)");
        }
        FeatureSpec spec = model.getFeatureSpec();
        if (spec == null || spec.getFeatures() == null) {
            throw new IncompatibleModelException(where + ": has no feature spec");
        }
        String recomputed = FeatureSpecs.layoutHash(spec.getFeatures(), spec.getHalfLifeDays(), spec.getReadAt());
        if (!recomputed.equals(spec.getHash())) {
            throw new IncompatibleModelException(where + ": feature spec hash " + spec.getHash()
                    + " does not match its layout, recomputed " + recomputed);
        }
        if (expectedSpecHash != null && !expectedSpecHash.equals(spec.getHash())) {
            throw new IncompatibleModelException(where + ": feature spec hash " + spec.getHash()
                    + " differs from the expected " + expectedSpecHash);
        }
        int d = FeatureSpecs.dimension(spec.getFeatures());
        if (spec.getDimension() != d) {
            throw new IncompatibleModelException(where + ": feature spec dimension is " + spec.getDimension()
                    + " but its features produce " + d + " columns");
        }
        FeatureVectorizer vectorizer;
        try {
            vectorizer = FeatureVectorizer.compile(spec, catalog);
        } catch (IncompatibleModelException e) {
            throw new IncompatibleModelException(where + ": " + e.getMessage(), e);
        }
        validateSegments(model, where, d);
        return vectorizer;
    }

    private static void validateSegments(SegmentModel model, String where, int d) {
        List<Segment> segments = model.getSegments();
        if (segments == null || segments.isEmpty()) {
            throw new IncompatibleModelException(where + ": has no segments");
        }
        Algorithm algorithm = model.getAlgorithm();
        Set<Integer> ids = new HashSet<>();
        for (Segment s : segments) {
            String at = where + ": segment " + s.getSegmentId();
            if (!ids.add(s.getSegmentId())) {
                throw new IncompatibleModelException(at + " appears more than once (segment ids must be distinct)");
            }
            if (s.getSize() < 0) {
                throw new IncompatibleModelException(at + " has negative size " + s.getSize());
            }
            checkVector(at + " centroid", s.getCentroid(), d);
            if (algorithm == Algorithm.KMEANS) {
                continue;
            }
            Double weight = s.getWeight();
            if (weight == null || !(weight > 0) || weight.isInfinite()) {
                throw new IncompatibleModelException(at + " needs a positive finite GMM weight, has " + weight);
            }
            List<Double> cov = s.getCovariance();
            if (cov == null) {
                throw new IncompatibleModelException(at + " has no covariance (required by " + algorithm + ")");
            }
            boolean full = algorithm == Algorithm.GMM_FULL;
            checkVector(at + " covariance", cov, full ? d * d : d);
            for (int i = 0; i < d; i++) {
                double variance = cov.get(full ? i * d + i : i);
                if (!(variance > 0)) {
                    throw new IncompatibleModelException(at + " covariance has non-positive variance " + variance
                            + " in column " + i);
                }
            }
            if (full) {
                checkSymmetric(at, cov, d);
            }
        }
    }

    private static void checkVector(String what, List<Double> values, int expectedLength) {
        if (values == null || values.size() != expectedLength) {
            throw new IncompatibleModelException(what + " has " + (values == null ? "no" : values.size())
                    + " values, expected " + expectedLength);
        }
        for (int i = 0; i < values.size(); i++) {
            Double v = values.get(i);
            if (v == null || !Double.isFinite(v)) {
                throw new IncompatibleModelException(what + " has non-finite value " + v + " at index " + i);
            }
        }
    }

    private static void checkSymmetric(String at, List<Double> cov, int d) {
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double a = cov.get(i * d + j);
                double b = cov.get(j * d + i);
                double scale = Math.sqrt(cov.get(i * d + i) * cov.get(j * d + j));
                if (Math.abs(a - b) > SYMMETRY_TOLERANCE * scale) {
                    throw new IncompatibleModelException(at + " covariance is not symmetric at (" + i + ", " + j
                            + "): " + a + " vs " + b);
                }
            }
        }
    }

    static String describe(SegmentModel model) {
        return "model '" + model.getModelName() + "' v" + model.getVersion();
    }
}
