package io.segmenta.fitting.gmm;

import io.segmenta.avro.Algorithm;

import java.util.Optional;

/** Shape of the component covariances: d variances, or a full d x d matrix (stored row-major). */
public enum CovarianceType {
    DIAGONAL(Algorithm.GMM_DIAGONAL),
    FULL(Algorithm.GMM_FULL);

    private final Algorithm algorithm;

    CovarianceType(Algorithm algorithm) {
        this.algorithm = algorithm;
    }

    /**
     * The covariance shape of a model algorithm, or empty for one that is not a mixture (K-Means). The one place
     * that maps {@code GMM_DIAGONAL} / {@code GMM_FULL} to a shape; everything else asks here.
     */
    public static Optional<CovarianceType> of(Algorithm algorithm) {
        for (CovarianceType type : values()) {
            if (type.algorithm == algorithm) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The model algorithm written to a {@code SegmentModel}. */
    public Algorithm algorithm() {
        return algorithm;
    }

    /** Stored numbers per component covariance. */
    public int storedLength(int d) {
        return this == DIAGONAL ? d : d * d;
    }

    /** Free covariance parameters per component, for BIC. */
    public int freeParameters(int d) {
        return this == DIAGONAL ? d : d * (d + 1) / 2;
    }
}
