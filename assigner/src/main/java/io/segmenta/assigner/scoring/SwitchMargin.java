package io.segmenta.assigner.scoring;

/**
 * How clearly the best segment must beat a customer's current one before the customer changes segment: the
 * hysteresis that keeps a customer near a boundary from flapping between two segments as each event (or a refit
 * that barely moves the boundary) tips it one way or the other. Used by
 * {@link SegmentScorer#score(double[], int, SwitchMargin, Assignment)}; {@link #NONE} is the plain best segment.
 *
 * <p>K-Means switches only when {@code d(best) <= (1 - distance) * d(current)}, i.e. when the best centre is
 * {@code distance} (a fraction) nearer than the current one. Relative, not absolute, because the scaled space has
 * no unit that means the same across models: its spread grows with the number of features, and a refit may rescale
 * it; a fraction of the customer's own distance means the same thing in all of them. It is also the K-Means
 * {@link Assignment#confidence()} with the current segment in the runner-up's place: a customer is held exactly while
 * that confidence would stay below the margin.
 *
 * <p>Gaussian mixtures switch only when {@code posterior(best) - posterior(current) >= posterior}. Posteriors are
 * probabilities, already without unit, so the margin is a plain difference (0.2 between two components: switch at
 * 60:40, not at 50.1:49.9). Where no component reaches {@code posterior} at all (many overlapping components), the
 * customer keeps its segment: no evidence is clear there.
 *
 * @param distance  K-Means relative distance margin, in [0, 1)
 * @param posterior GMM posterior margin, in [0, 1)
 */
public record SwitchMargin(double distance, double posterior) {

    /** No margin: every scoring takes the best segment. */
    public static final SwitchMargin NONE = new SwitchMargin(0, 0);

    public SwitchMargin {
        check("distance", distance);
        check("posterior", posterior);
    }

    private static void check(String name, double value) {
        // 1 would freeze every K-Means customer short of landing exactly on a centre, and no posterior difference
        // reaches 1: both would mean "never switch", which is not a margin
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " margin must be in [0, 1), was " + value);
        }
    }
}
