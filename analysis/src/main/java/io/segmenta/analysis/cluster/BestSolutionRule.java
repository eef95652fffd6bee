package io.segmenta.analysis.cluster;

import io.segmenta.fitting.Checks;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the best clustering: the highest silhouette among the eligible ones (a number of segments within the
 * analyst's k range, none smaller than {@code minSegmentShare} of the rows, at most {@code maxNoiseShare} noise); a
 * silhouette within {@code tieTolerance} of the best counts as a tie, and ties go to fewer segments, then to the
 * method listed first in {@link Method} (K-Means before the others). Methods that find their own k (DBSCAN, affinity
 * propagation) stay in the comparison when they land outside the range, but cannot win: a marketer asked for
 * 2..10 segments, not 19. When nothing is eligible, the choice falls back to the solutions within the k range (any
 * segment size), then to every scored one, and says so.
 */
public record BestSolutionRule(double minSegmentShare, double maxNoiseShare, double tieTolerance, int kMin,
                               int kMax) {

    /** A segment of less than 5 % of the customers is rarely one a campaign is planned for. */
    public static final double DEFAULT_MIN_SEGMENT_SHARE = 0.05;
    public static final double DEFAULT_MAX_NOISE_SHARE = 0.2;
    public static final double DEFAULT_TIE_TOLERANCE = 0.01;

    public BestSolutionRule {
        Checks.within("minSegmentShare", minSegmentShare, 0, 0.5);
        Checks.within("maxNoiseShare", maxNoiseShare, 0, 1);
        Checks.nonNegative("tieTolerance", tieTolerance);
        if (kMin < 2 || kMax < kMin) {
            throw new IllegalArgumentException("k range must satisfy 2 <= kMin <= kMax, got " + kMin + ".." + kMax);
        }
    }

    /** The default shares and tolerance for a k range ({@code kMin == kMax}: a fixed k). */
    public static BestSolutionRule defaults(int kMin, int kMax) {
        return new BestSolutionRule(DEFAULT_MIN_SEGMENT_SHARE, DEFAULT_MAX_NOISE_SHARE, DEFAULT_TIE_TOLERANCE, kMin,
                kMax);
    }

    public BestSolutionRule withMinSegmentShare(double share) {
        return new BestSolutionRule(share, maxNoiseShare, tieTolerance, kMin, kMax);
    }

    /** The chosen candidate and whether it met the eligibility conditions. */
    public record Choice(Candidate best, boolean eligible, String rule) {
    }

    public String describe() {
        String range = kMin == kMax ? "exactly " + kMin + " segments" : kMin + " to " + kMax + " segments";
        return String.format(Locale.ROOT, "highest silhouette among solutions with %s (--k), no segment "
                        + "under %.0f%% of rows (--min-segment-share) and at most %.0f%% noise; silhouettes within "
                        + "%.2f count as a tie, won by fewer segments, then by K-Means, GMM, hierarchical, DBSCAN, "
                        + "affinity propagation in that order", range, 100 * minSegmentShare, 100 * maxNoiseShare,
                tieTolerance);
    }

    public boolean inRange(Candidate c) {
        return c.k() >= kMin && c.k() <= kMax && c.scores().silhouette() != null;
    }

    public boolean isEligible(Candidate c) {
        Scores s = c.scores();
        return inRange(c) && s.smallestShare() >= minSegmentShare && s.noiseShare() <= maxNoiseShare;
    }

    public Optional<Choice> choose(List<Candidate> candidates) {
        List<Candidate> eligible = candidates.stream().filter(this::isEligible).toList();
        if (!eligible.isEmpty()) {
            return Optional.of(new Choice(best(eligible), true, describe()));
        }
        List<Candidate> inRange = candidates.stream().filter(this::inRange).toList();
        if (!inRange.isEmpty()) {
            return Optional.of(new Choice(best(inRange), false, describe() + ". No solution met the conditions, so "
                    + "the best one within the k range was taken although it has a small segment or much noise: "
                    + "treat it with care"));
        }
        List<Candidate> scored = candidates.stream().filter(c -> c.k() >= 2 && c.scores().silhouette() != null)
                .toList();
        if (scored.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Choice(best(scored), false, describe() + ". No solution had a number of segments "
                + "within the k range, so the best of all scored ones was taken: treat it with care"));
    }

    private Candidate best(List<Candidate> pool) {
        double top = pool.stream().mapToDouble(c -> c.scores().silhouette()).max().orElseThrow();
        return pool.stream().filter(c -> c.scores().silhouette() >= top - tieTolerance)
                .min(Comparator.comparingInt(Candidate::k).thenComparing(Candidate::method)
                        .thenComparing(c -> -c.scores().silhouette()))
                .orElseThrow();
    }
}
