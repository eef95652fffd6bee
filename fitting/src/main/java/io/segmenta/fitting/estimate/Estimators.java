package io.segmenta.fitting.estimate;

import io.segmenta.avro.Algorithm;
import io.segmenta.fitting.gmm.CovarianceType;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registry of estimators, by the algorithm their models carry. A new algorithm registers here (one line in
 * {@link #REGISTERED}); callers ask {@link #forAlgorithm} instead of switching on the algorithm.
 */
public final class Estimators {

    private static final List<SegmentEstimator> REGISTERED = List.of(
            new KMeansEstimator(),
            new GaussianMixtureEstimator(CovarianceType.DIAGONAL),
            new GaussianMixtureEstimator(CovarianceType.FULL));

    private static final Map<Algorithm, SegmentEstimator> BY_ALGORITHM = index();

    private Estimators() {
    }

    /** The estimator of an algorithm; an algorithm nobody registered is an {@link IllegalArgumentException}. */
    public static SegmentEstimator forAlgorithm(Algorithm algorithm) {
        SegmentEstimator estimator = algorithm == null ? null : BY_ALGORITHM.get(algorithm);
        if (estimator == null) {
            throw new IllegalArgumentException("no estimator for algorithm " + algorithm + "; known: "
                    + BY_ALGORITHM.keySet());
        }
        return estimator;
    }

    /**
     * The estimator a user names ({@link SegmentEstimator#names()}; case, '_' for '-' and spaces do not matter).
     *
     * @throws IllegalArgumentException listing the names there are
     */
    public static SegmentEstimator forName(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return REGISTERED.stream().filter(e -> e.names().contains(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be " + describeNames()));
    }

    /** The printed names of the registered estimators, e.g. "kmeans, gmm-diagonal or gmm-full". */
    public static String describeNames() {
        List<String> names = REGISTERED.stream().map(e -> e.names().get(0)).toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** The algorithms that can be fitted. */
    public static Set<Algorithm> algorithms() {
        return Collections.unmodifiableSet(BY_ALGORITHM.keySet());
    }

    private static Map<Algorithm, SegmentEstimator> index() {
        Map<Algorithm, SegmentEstimator> map = new EnumMap<>(Algorithm.class);
        for (SegmentEstimator e : REGISTERED) {
            if (map.put(e.algorithm(), e) != null) {
                throw new IllegalStateException("two estimators registered for " + e.algorithm());
            }
        }
        return map;
    }
}
