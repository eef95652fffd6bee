package io.segmenta.assigner.scoring;

import io.segmenta.assigner.AllocationMeter;
import io.segmenta.assigner.features.MapFeatureSource;
import io.segmenta.avro.Algorithm;
import io.segmenta.avro.FeatureContribution;
import io.segmenta.avro.SegmentModel;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SwitchMarginTest {

    static final SwitchMargin DEFAULT = new SwitchMargin(0.1, 0.2);

    /** Two segments, 1 at 0 and 2 at 4 on a line; the boundary is at 2. */
    static SegmentScorer twoCentres() {
        SegmentModel model = TestModels.model(Algorithm.KMEANS, TestModels.identitySpec(1), List.of(
                TestModels.segment(1, new double[] {0}).build(), TestModels.segment(2, new double[] {4}).build()));
        return SegmentScorer.compile(model, TestModels.validator(1));
    }

    /** Two equal unit-variance components, 1 at 0 and 2 at 4: posterior(2) = 1 / (1 + exp(8 - 4x)). */
    static SegmentScorer twoComponents() {
        SegmentModel model = TestModels.model(Algorithm.GMM_DIAGONAL, TestModels.identitySpec(1), List.of(
                TestModels.segment(1, new double[] {0}).setWeight(0.5).setCovariance(List.of(1.0)).build(),
                TestModels.segment(2, new double[] {4}).setWeight(0.5).setCovariance(List.of(1.0)).build()));
        return SegmentScorer.compile(model, TestModels.validator(1));
    }

    @Test
    void marginsOutsideZeroToOneAreRefused() {
        assertThatThrownBy(() -> new SwitchMargin(-0.1, 0)).hasMessageContaining("distance margin must be in [0, 1)");
        assertThatThrownBy(() -> new SwitchMargin(0, 1)).hasMessageContaining("posterior margin must be in [0, 1)");
        assertThatThrownBy(() -> new SwitchMargin(Double.NaN, 0)).hasMessageContaining("was NaN");
        assertThat(SwitchMargin.NONE).isEqualTo(new SwitchMargin(0, 0));
    }

    @Nested
    class KMeans {

        final SegmentScorer scorer = twoCentres();
        final Assignment a = new Assignment();

        @Test
        void withinTheMarginTheCurrentSegmentIsKeptAndDescribed() {
            // 2.1 is nearer 2 (1.9) than 1 (2.1), but 1.9 > 0.9 * 2.1 = 1.89: not clearly
            scorer.score(new double[] {2.1}, 1, DEFAULT, a);

            assertThat(a.heldBack()).isTrue();
            assertThat(a.segmentId()).isEqualTo(1);
            assertThat(a.segmentIndex()).isEqualTo(0);
            assertThat(a.label()).isEqualTo("segment 1");
            assertThat(a.distance()).isCloseTo(2.1, within(1e-12));
            assertThat(a.confidence()).as("the kept segment is not the nearest").isZero();
            assertThat(a.runnerUpSegmentId()).as("the best, held back").isEqualTo(2);
            assertThat(a.runnerUpIndex()).isEqualTo(1);
        }

        @Test
        void beyondTheMarginTheBestWins() {
            // 1.85 <= 0.9 * 2.15 = 1.935
            scorer.score(new double[] {2.15}, 1, DEFAULT, a);

            assertThat(a.heldBack()).isFalse();
            assertThat(a.segmentId()).isEqualTo(2);
            assertThat(a.distance()).isCloseTo(1.85, within(1e-12));
            assertThat(a.runnerUpSegmentId()).isEqualTo(1);
        }

        @Test
        void theMarginIsRelativeToTheDistance() {
            // 0.5 past the boundary: clear on the line, not 20 away from it: no longer 10 % nearer
            SegmentModel wide = TestModels.model(Algorithm.KMEANS, TestModels.identitySpec(2), List.of(
                    TestModels.segment(1, new double[] {0, 0}).build(), TestModels.segment(2, new double[] {4, 0}).build()));
            SegmentScorer planar = SegmentScorer.compile(wide, TestModels.validator(2));

            planar.score(new double[] {2.5, 0}, 1, DEFAULT, a);
            assertThat(a.segmentId()).as("on the line: 1.5 vs 2.5").isEqualTo(2);
            planar.score(new double[] {2.5, 20}, 1, DEFAULT, a);
            assertThat(a.segmentId()).as("far off the line: 20.06 vs 20.16").isEqualTo(1);
        }
    }

    @Nested
    class GaussianMixture {

        final SegmentScorer scorer = twoComponents();
        final Assignment a = new Assignment();

        @Test
        void withinTheMarginTheCurrentComponentIsKeptWithItsOwnPosterior() {
            // posterior(2) at 2.05 = 1 / (1 + e^-0.2) = 0.5498: a difference of 0.0997 < 0.2
            scorer.score(new double[] {2.05}, 1, DEFAULT, a);

            assertThat(a.heldBack()).isTrue();
            assertThat(a.segmentId()).isEqualTo(1);
            assertThat(a.label()).isEqualTo("segment 1");
            assertThat(a.distance()).as("Mahalanobis to component 1").isCloseTo(2.05, within(1e-12));
            assertThat(a.confidence()).isCloseTo(1 / (1 + Math.exp(0.2)), within(1e-12));
            assertThat(a.runnerUpSegmentId()).isEqualTo(2);
        }

        @Test
        void beyondTheMarginTheBestWins() {
            // at 2.1: 0.5987 - 0.4013 = 0.1974 < 0.2 is kept; at 2.11: 0.6083 - 0.3917 = 0.217 switches
            scorer.score(new double[] {2.1}, 1, DEFAULT, a);
            assertThat(a.segmentId()).isEqualTo(1);

            scorer.score(new double[] {2.11}, 1, DEFAULT, a);
            assertThat(a.heldBack()).isFalse();
            assertThat(a.segmentId()).isEqualTo(2);
            assertThat(a.confidence()).isCloseTo(1 / (1 + Math.exp(-0.44)), within(1e-12));
        }
    }

    @Test
    void aCurrentSegmentNotInTheModelOrNoSegmentYetTakesTheBest() {
        SegmentScorer scorer = twoCentres();
        Assignment a = new Assignment();

        scorer.score(new double[] {2.1}, 99, DEFAULT, a);
        assertThat(a.segmentId()).as("segment 99 died in this model").isEqualTo(2);
        assertThat(a.heldBack()).isFalse();

        scorer.score(new double[] {2.1}, Assignment.NO_SEGMENT, DEFAULT, a);
        assertThat(a.segmentId()).isEqualTo(2);
    }

    @Test
    void aFreshScoringForgetsThatTheLastOneWasHeldBack() {
        SegmentScorer scorer = twoCentres();
        Assignment a = new Assignment();
        scorer.score(new double[] {2.1}, 1, DEFAULT, a);
        assertThat(a.heldBack()).isTrue();

        scorer.score(new double[] {2.1}, a);

        assertThat(a.heldBack()).isFalse();
        assertThat(a.segmentId()).isEqualTo(2);
    }

    @Test
    void assignVectorizesLikeScore() {
        SegmentScorer scorer = twoCentres();
        Assignment a = new Assignment();

        scorer.assign(new MapFeatureSource().with("f0", 2.1), 1, DEFAULT, a);

        assertThat(a.segmentId()).isEqualTo(1);
        assertThat(a.vector()).containsExactly(2.1);
    }

    @Test
    void theExplanationOfAKeptSegmentIsAboutItAgainstTheHeldBackBest() {
        SegmentScorer scorer = twoCentres();
        Assignment a = new Assignment();
        scorer.score(new double[] {2.1}, 1, DEFAULT, a);

        List<FeatureContribution> explanation = scorer.explain(new double[] {2.1}, a, 3);

        // squared distance to the runner-up (the best, 1.9^2) minus to the kept one (2.1^2): negative
        assertThat(explanation).singleElement().satisfies(c ->
                assertThat(c.getContribution()).isCloseTo(1.9 * 1.9 - 2.1 * 2.1, within(1e-9)));
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"KMEANS", "GMM_DIAGONAL", "GMM_FULL"})
    void noMarginIsThePlainBestSegment(Algorithm algorithm) {
        Random rnd = new Random(31 + algorithm.ordinal());
        Assignment plain = new Assignment();
        Assignment sticky = new Assignment();
        for (int m = 0; m < 20; m++) {
            int k = 1 + rnd.nextInt(8);
            int d = 1 + rnd.nextInt(10);
            SegmentScorer scorer = SegmentScorer.compile(randomModel(algorithm, rnd, k, d), TestModels.validator(d));
            for (int v = 0; v < 100; v++) {
                double[] x = TestModels.gaussian(rnd, d, 3.0);
                scorer.score(x, plain);
                scorer.score(x, TestModels.idOf(rnd.nextInt(k)), SwitchMargin.NONE, sticky);
                assertThat(sticky.toString()).isEqualTo(plain.toString());
                assertThat(sticky.segmentIndex()).isEqualTo(plain.segmentIndex());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"KMEANS", "GMM_DIAGONAL", "GMM_FULL"})
    void agreesWithTheTextbookRuleOnRandomModels(Algorithm algorithm) {
        Random rnd = new Random(57 + algorithm.ordinal());
        Assignment a = new Assignment();
        int held = 0;
        int switched = 0;
        for (int m = 0; m < 20; m++) {
            int k = 2 + rnd.nextInt(7);
            int d = 1 + rnd.nextInt(10);
            SegmentModel model = randomModel(algorithm, rnd, k, d);
            SegmentScorer scorer = SegmentScorer.compile(model, TestModels.validator(d));
            SwitchMargin margin = new SwitchMargin(0.3 * rnd.nextDouble(), 0.5 * rnd.nextDouble());
            for (int v = 0; v < 100; v++) {
                double[] x = TestModels.gaussian(rnd, d, 3.0);
                int current = rnd.nextInt(k);
                scorer.score(x, TestModels.idOf(current), margin, a);
                ReferenceScorer.Kept expected = ReferenceScorer.score(model, x, current, margin);
                assertThat(a.segmentIndex()).as("%s", a).isEqualTo(expected.index());
                assertThat(a.segmentId()).isEqualTo(TestModels.idOf(expected.index()));
                assertThat(a.label()).isEqualTo("segment " + TestModels.idOf(expected.index()));
                assertThat(a.runnerUpIndex()).isEqualTo(expected.runnerUpIndex());
                assertThat(a.heldBack()).isEqualTo(expected.heldBack());
                assertThat(a.distance()).isCloseTo(expected.distance(), within(1e-9 * (1 + expected.distance())));
                assertThat(a.confidence()).isCloseTo(expected.confidence(), within(1e-9)).isBetween(0.0, 1.0);
                if (a.heldBack()) {
                    held++;
                } else if (expected.index() != current) {
                    switched++;
                }
            }
        }
        assertThat(held).as("customers held back").isPositive();
        assertThat(switched).as("customers switched").isPositive();
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"KMEANS", "GMM_DIAGONAL", "GMM_FULL"})
    void scoringWithAMarginAllocatesNothing(Algorithm algorithm) {
        Random rnd = new Random(13);
        SegmentScorer scorer = SegmentScorer.compile(randomModel(algorithm, rnd, 8, 16), TestModels.validator(16));
        double[][] vectors = new double[64][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = TestModels.gaussian(rnd, 16, 3);
        }
        Assignment a = new Assignment();
        Runnable run = () -> {
            for (int i = 0; i < 20_000; i++) {
                scorer.score(vectors[i & 63], TestModels.idOf(i & 7), DEFAULT, a);
            }
        };
        run.run();
        assertThat(AllocationMeter.bytesAllocatedBy(run)).as("bytes allocated by 20,000 scorings").isLessThan(1_000);
    }

    private static SegmentModel randomModel(Algorithm algorithm, Random rnd, int k, int d) {
        return switch (algorithm) {
            case KMEANS -> TestModels.kmeans(rnd, k, d);
            case GMM_DIAGONAL -> TestModels.gmmDiagonal(rnd, k, d);
            case GMM_FULL -> TestModels.gmmFull(rnd, k, d);
            default -> throw new IllegalArgumentException();
        };
    }
}
