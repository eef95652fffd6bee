package io.segmenta.fitting.estimate;

import io.segmenta.avro.Algorithm;
import io.segmenta.avro.QualityMetrics;
import io.segmenta.fitting.assembly.SegmentFit;
import io.segmenta.fitting.select.KSelection;

/**
 * An algorithm that fits segments: the one thing a caller needs to know about K-Means, a Gaussian mixture or a
 * future algorithm. Adding an algorithm is one implementation plus its line in {@link Estimators}. Implementations
 * are stateless and thread-safe; every call is seeded, so the same input gives the same fit.
 */
public interface SegmentEstimator {

    /** The algorithm written to the models this estimator's fits become. */
    Algorithm algorithm();

    /**
     * How users spell this algorithm in settings and on command lines, lower case; the first is the one printed.
     * The trainer's {@code segmenta.algorithm} accepts exactly these ({@link Estimators#forName}).
     */
    java.util.List<String> names();

    /** k clusters fitted from scratch. */
    SegmentFit fit(double[][] rows, int k, long seed);

    /**
     * A fit with the parent's k that starts from the parent (already expressed in the rows' space; it may be of
     * another algorithm, which is converted into a starting point). An implementation may let a fit from scratch
     * compete and say so in {@link WarmFit#fresh()}; the fresh fit wins only when its inertia is below
     * {@code freshAdvantage} times the warm fit's (in (0, 1]): the warm fit is the optimum nearest the parent, so
     * it moves only the customers the data moves, and another optimum must be clearly better to relabel the rest.
     */
    WarmFit warmFit(double[][] rows, SegmentFit parent, long seed, double freshAdvantage);

    /**
     * Chooses k in [kMin, kMax] by this algorithm's criterion; a k whose fit leaves a segment with less than
     * {@code minSegmentShare} of the rows is not chosen.
     */
    KSelection selectK(double[][] rows, int kMin, int kMax, long seed, int silhouetteSample, double minSegmentShare);

    /** The quality metrics of a fit of this algorithm on the rows. */
    QualityMetrics quality(double[][] rows, SegmentFit fit, int silhouetteSample, long seed);
}
