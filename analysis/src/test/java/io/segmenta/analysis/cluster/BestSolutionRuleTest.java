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
        Candidate tiny = candidate(Method.WARD, 3, 0.70, 0.01, 0); // a segment under 2 %
        Candidate noisy = candidate(Method.DBSCAN, 2, 0.65, 0.10, 0.3); // 30 % noise
        Candidate good = candidate(Method.GMM, 4, 0.50, 0.10, 0);
        Candidate worse = candidate(Method.KMEANS, 4, 0.40, 0.10, 0);
        BestSolutionRule.Choice c = BestSolutionRule.defaults(null).choose(List.of(tiny, noisy, good, worse))
                .orElseThrow();
        assertThat(c.best()).isSameAs(good);
        assertThat(c.eligible()).isTrue();
        assertThat(c.rule()).contains("no segment under 2%");
    }

    @Test
    void tiesGoToFewerSegmentsThenToKMeans() {
        Candidate five = candidate(Method.KMEANS, 5, 0.500, 0.1, 0);
        Candidate fourWard = candidate(Method.WARD, 4, 0.495, 0.1, 0);
        Candidate fourKMeans = candidate(Method.KMEANS, 4, 0.492, 0.1, 0);
        assertThat(BestSolutionRule.defaults(null).choose(List.of(five, fourWard, fourKMeans)).orElseThrow().best())
                .isSameAs(fourKMeans);
    }

    @Test
    void aFixedKRestrictsTheChoiceAndNothingEligibleFallsBackVisibly() {
        Candidate three = candidate(Method.KMEANS, 3, 0.6, 0.1, 0);
        Candidate five = candidate(Method.WARD, 5, 0.4, 0.1, 0);
        assertThat(BestSolutionRule.defaults(5).choose(List.of(three, five)).orElseThrow().best()).isSameAs(five);
        BestSolutionRule.Choice fallback = BestSolutionRule.defaults(7).choose(List.of(three, five)).orElseThrow();
        assertThat(fallback.eligible()).isFalse();
        assertThat(fallback.best()).isSameAs(three);
        assertThat(fallback.rule()).contains("No solution met the conditions");
    }
}
