package io.segmenta.analysis.cluster;

import io.segmenta.fitting.Checks;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the best clustering: the highest silhouette among the eligible ones (at least 2 segments, none smaller than
 * {@code minSegmentShare} of the rows, at most {@code maxNoiseShare} noise, and exactly {@code requiredK} segments
 * when the analyst fixed k); a silhouette within {@code tieTolerance} of the best counts as a tie, and ties go to
 * fewer segments, then to the method listed first in {@link Method} (K-Means before the others). When nothing is
 * eligible, the same order applies to every scored solution and the choice says so.
 */
public record BestSolutionRule(double minSegmentShare, double maxNoiseShare, double tieTolerance, Integer requiredK) {

    public static final double DEFAULT_MIN_SEGMENT_SHARE = 0.02;
    public static final double DEFAULT_MAX_NOISE_SHARE = 0.2;
    public static final double DEFAULT_TIE_TOLERANCE = 0.01;

    public BestSolutionRule {
        Checks.within("minSegmentShare", minSegmentShare, 0, 0.5);
        Checks.within("maxNoiseShare", maxNoiseShare, 0, 1);
        Checks.nonNegative("tieTolerance", tieTolerance);
    }

    public static BestSolutionRule defaults(Integer requiredK) {
        return new BestSolutionRule(DEFAULT_MIN_SEGMENT_SHARE, DEFAULT_MAX_NOISE_SHARE, DEFAULT_TIE_TOLERANCE,
                requiredK);
    }

    /** The chosen candidate and whether it met the eligibility conditions. */
    public record Choice(Candidate best, boolean eligible, String rule) {
    }

    public String describe() {
        return String.format(Locale.ROOT, "highest silhouette among solutions with at least 2 segments, no segment "
                        + "under %.0f%% of rows and at most %.0f%% noise%s; silhouettes within %.2f count as a tie, "
                        + "won by fewer segments, then by K-Means, GMM, hierarchical, DBSCAN, affinity propagation "
                        + "in that order", 100 * minSegmentShare, 100 * maxNoiseShare,
                requiredK == null ? "" : ", with exactly " + requiredK + " segments (--k)", tieTolerance);
    }

    public boolean isEligible(Candidate c) {
        Scores s = c.scores();
        return c.k() >= 2 && s.silhouette() != null && s.smallestShare() >= minSegmentShare
                && s.noiseShare() <= maxNoiseShare && (requiredK == null || c.k() == requiredK);
    }

    public Optional<Choice> choose(List<Candidate> candidates) {
        List<Candidate> eligible = candidates.stream().filter(this::isEligible).toList();
        boolean ok = !eligible.isEmpty();
        List<Candidate> pool = ok ? eligible
                : candidates.stream().filter(c -> c.k() >= 2 && c.scores().silhouette() != null).toList();
        if (pool.isEmpty()) {
            return Optional.empty();
        }
        double top = pool.stream().mapToDouble(c -> c.scores().silhouette()).max().orElseThrow();
        Candidate best = pool.stream().filter(c -> c.scores().silhouette() >= top - tieTolerance)
                .min(Comparator.comparingInt(Candidate::k).thenComparing(Candidate::method)
                        .thenComparing(c -> -c.scores().silhouette()))
                .orElseThrow();
        String rule = describe() + (ok ? "" : ". No solution met the conditions, so the best of all scored ones was "
                + "taken: treat it with care");
        return Optional.of(new Choice(best, ok, rule));
    }
}
