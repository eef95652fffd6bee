package io.segmenta.analysis.cluster;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BestSolutionRuleTest {

    static Candidate candidate(Method m, int k, double silhouette, double smallest, double noise) {
        return new Candidate(m, "", k, new int[0], new double[0][], new Scores(silhouette, 100, 1.0, 1.0, 1.0, null,
                smallest, noise), "", null);
    }

    @Test
    void highestSilhouetteWinsAmongEligibleSolutions() {
        Candidate tiny = candidate(Method.WARD, 3, 0.70, 0.04, 0); // a segment under 5 %
        Candidate noisy = candidate(Method.DBSCAN, 2, 0.65, 0.10, 0.3); // 30 % noise
        Candidate good = candidate(Method.GMM, 4, 0.50, 0.10, 0);
        Candidate worse = candidate(Method.KMEANS, 4, 0.40, 0.10, 0);
        BestSolutionRule.Choice c = BestSolutionRule.defaults(2, 10).choose(List.of(tiny, noisy, good, worse))
                .orElseThrow();
        assertThat(c.best()).isSameAs(good);
        assertThat(c.eligible()).isTrue();
        assertThat(c.rule()).contains("no segment under 5%");
    }

    @Test
    void tiesGoToFewerSegmentsThenToKMeans() {
        Candidate five = candidate(Method.KMEANS, 5, 0.500, 0.1, 0);
        Candidate fourWard = candidate(Method.WARD, 4, 0.495, 0.1, 0);
        Candidate fourKMeans = candidate(Method.KMEANS, 4, 0.492, 0.1, 0);
        assertThat(BestSolutionRule.defaults(2, 10).choose(List.of(five, fourWard, fourKMeans)).orElseThrow().best())
                .isSameAs(fourKMeans);
    }

    @Test
    void aFixedKRestrictsTheChoiceAndNothingEligibleFallsBackVisibly() {
        Candidate three = candidate(Method.KMEANS, 3, 0.6, 0.1, 0);
        Candidate five = candidate(Method.WARD, 5, 0.4, 0.1, 0);
        assertThat(BestSolutionRule.defaults(5, 5).choose(List.of(three, five)).orElseThrow().best()).isSameAs(five);
        BestSolutionRule.Choice fallback = BestSolutionRule.defaults(7, 7).choose(List.of(three, five)).orElseThrow();
        assertThat(fallback.eligible()).isFalse();
        assertThat(fallback.best()).isSameAs(three);
        assertThat(fallback.rule()).contains("No solution had a number of segments within the k range");
    }

    @Test
    void aMethodThatFindsItsOwnKCannotWinOutsideTheRange() {
        Candidate nineteen = candidate(Method.AFFINITY_PROPAGATION, 19, 0.45, 0.02, 0);
        Candidate five = candidate(Method.KMEANS, 5, 0.40, 0.08, 0);

        BestSolutionRule.Choice c = BestSolutionRule.defaults(2, 10).choose(List.of(nineteen, five)).orElseThrow();

        assertThat(c.best()).isSameAs(five);
        assertThat(c.eligible()).isTrue();
    }

    @Test
    void withSmallSegmentsOnlyTheRangeStillHoldsAndTheChoiceSaysSo() {
        Candidate small = candidate(Method.KMEANS, 6, 0.5, 0.03, 0);
        Candidate outside = candidate(Method.DBSCAN, 12, 0.7, 0.06, 0);

        BestSolutionRule.Choice c = BestSolutionRule.defaults(2, 10).choose(List.of(small, outside)).orElseThrow();
        BestSolutionRule.Choice asked = BestSolutionRule.defaults(2, 10).withMinSegmentShare(0.02)
                .choose(List.of(small, outside)).orElseThrow();

        assertThat(c.best()).isSameAs(small);
        assertThat(c.eligible()).isFalse();
        assertThat(c.rule()).contains("best one within the k range");
        assertThat(asked.eligible()).isTrue();
    }
}
