package io.segmenta.assigner.scoring;

import io.segmenta.assigner.AllocationMeter;
import io.segmenta.assigner.features.FeatureCatalog;
import io.segmenta.assigner.features.FeatureDefs;
import io.segmenta.assigner.features.FeatureSpecs;
import io.segmenta.assigner.features.MapFeatureSource;
import io.segmenta.avro.Algorithm;
import io.segmenta.avro.FeatureContribution;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.avro.Scaling;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Random;

import static io.segmenta.assigner.scoring.TestModels.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SegmentScorerTest {

    private static SegmentModel randomModel(Algorithm algorithm, Random rnd, int k, int d) {
        return switch (algorithm) {
            case KMEANS -> TestModels.kmeans(rnd, k, d);
            case GMM_DIAGONAL -> TestModels.gmmDiagonal(rnd, k, d);
            case GMM_FULL -> TestModels.gmmFull(rnd, k, d);
            default -> throw new IllegalArgumentException();
        };
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"KMEANS", "GMM_DIAGONAL", "GMM_FULL"})
    void agreesWithABruteForceReferenceOnRandomModels(Algorithm algorithm) {
        Random rnd = new Random(algorithm.ordinal());
        Assignment result = new Assignment();
        int checked = 0;
        for (int m = 0; m < 25; m++) {
            int k = 1 + rnd.nextInt(10);
            int d = 1 + rnd.nextInt(12);
            SegmentModel model = randomModel(algorithm, rnd, k, d);
            SegmentScorer scorer = SegmentScorer.compile(model, TestModels.validator(d));
            for (int v = 0; v < 100; v++) {
                double[] x = TestModels.gaussian(rnd, d, 3.0);
                scorer.score(x, result);
                ReferenceScorer.Result expected = ReferenceScorer.score(model, x);
                assertThat(result.segmentIndex()).isEqualTo(expected.bestIndex());
                assertThat(result.segmentId()).isEqualTo(idOf(expected.bestIndex()));
                assertThat(result.label()).isEqualTo("segment " + idOf(expected.bestIndex()));
                assertThat(result.runnerUpIndex()).isEqualTo(expected.secondIndex());
                assertThat(result.runnerUpSegmentId())
                        .isEqualTo(expected.secondIndex() < 0 ? Assignment.NO_SEGMENT : idOf(expected.secondIndex()));
                assertThat(result.distance()).isCloseTo(expected.distance(), within(1e-9 * (1 + expected.distance())));
                assertThat(result.confidence()).isCloseTo(expected.confidence(), within(1e-9))
                        .isBetween(0.0, 1.0);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(2_500);
    }

    @Test
    void kMeansConfidenceIsOneOnACentreAndZeroHalfway() {
        SegmentModel model = TestModels.model(Algorithm.KMEANS, TestModels.identitySpec(2), List.of(
                TestModels.segment(1, new double[] {0, 0}).build(), TestModels.segment(2, new double[] {4, 0}).build()));
        SegmentScorer scorer = SegmentScorer.compile(model, TestModels.validator(2));
        Assignment a = new Assignment();
        scorer.score(new double[] {4, 0}, a);
        assertThat(a.segmentId()).isEqualTo(2);
        assertThat(a.distance()).isZero();
        assertThat(a.confidence()).isEqualTo(1.0);
        scorer.score(new double[] {2, 1}, a);
        assertThat(a.segmentId()).as("ties go to the first listed").isEqualTo(1);
        assertThat(a.confidence()).isZero();
        scorer.score(new double[] {1, 0}, a);
        assertThat(a.distance()).isEqualTo(1);
        assertThat(a.confidence()).isCloseTo((3.0 - 1.0) / 3.0, within(1e-15));
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"KMEANS", "GMM_DIAGONAL", "GMM_FULL"})
    void aSingleSegmentIsCertainAndHasNoRunnerUp(Algorithm algorithm) {
        SegmentScorer scorer = SegmentScorer.compile(randomModel(algorithm, new Random(1), 1, 3), TestModels.validator(3));
        Assignment a = new Assignment();
        double[] x = {1, 2, 3};
        scorer.score(x, a);
        assertThat(a.segmentId()).isEqualTo(idOf(0));
        assertThat(a.confidence()).isEqualTo(1.0);
        assertThat(a.hasRunnerUp()).isFalse();
        assertThat(a.runnerUpSegmentId()).isEqualTo(Assignment.NO_SEGMENT);
        assertThat(scorer.explain(x, a, 5)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"KMEANS", "GMM_DIAGONAL", "GMM_FULL"})
    void explanationContributionsAddUpToTheScoreGap(Algorithm algorithm) {
        Random rnd = new Random(5);
        int d = 6;
        SegmentModel model = randomModel(algorithm, rnd, 4, d);
        SegmentScorer scorer = SegmentScorer.compile(model, TestModels.validator(d));
        Assignment a = new Assignment();
        for (int v = 0; v < 50; v++) {
            double[] x = TestModels.gaussian(rnd, d, 3.0);
            scorer.score(x, a);
            List<FeatureContribution> all = scorer.explain(x, a, d);
            double gap = scoreGap(model, algorithm, x, a);
            assertThat(all).hasSize(d);
            assertThat(all.stream().mapToDouble(FeatureContribution::getContribution).sum())
                    .isCloseTo(gap, within(1e-9 * (1 + Math.abs(gap))));
            assertThat(all).isSortedAccordingTo((p, q) -> Double.compare(q.getContribution(), p.getContribution()));
            assertThat(scorer.explain(x, a, 2)).containsExactlyElementsOf(all.subList(0, 2));
        }
    }

    /** K-Means: d2^2 - d1^2. GMM: half the difference of squared Mahalanobis distances. */
    private static double scoreGap(SegmentModel model, Algorithm algorithm, double[] x, Assignment a) {
        Segment best = model.getSegments().get(a.segmentIndex());
        Segment second = model.getSegments().get(a.runnerUpIndex());
        if (algorithm == Algorithm.KMEANS) {
            double d1 = 0, d2 = 0;
            for (int c = 0; c < x.length; c++) {
                d1 += Math.pow(x[c] - best.getCentroid().get(c), 2);
                d2 += Math.pow(x[c] - second.getCentroid().get(c), 2);
            }
            return d2 - d1;
        }
        double m1 = mahalanobisSquared(model, a.segmentIndex(), x);
        double m2 = mahalanobisSquared(model, a.runnerUpIndex(), x);
        return 0.5 * (m2 - m1);
    }

    private static double mahalanobisSquared(SegmentModel model, int index, double[] x) {
        SegmentModel single = TestModels.model(model.getAlgorithm(), model.getFeatureSpec(),
                List.of(Segment.newBuilder(model.getSegments().get(index)).setWeight(1.0).build()));
        return Math.pow(ReferenceScorer.score(single, x).distance(), 2);
    }

    @Test
    void explanationSumsOneHotColumnsBackToTheirFeature() {
        FeatureSpec spec = FeatureSpecs.of(List.of(
                FeatureDefs.numeric(FeatureCatalog.MONETARY).setScaling(Scaling.STANDARD).setCenter(100).setScale(50).build(),
                FeatureDefs.categorical(FeatureCatalog.CHANNEL, "web", "app", "store").build()), 30.0);
        SegmentModel model = TestModels.model(Algorithm.KMEANS, spec, List.of(
                TestModels.segment(10, new double[] {0, 1, 0, 0}).build(),
                TestModels.segment(20, new double[] {0.5, 0, 1, 0}).build()));
        SegmentScorer scorer = SegmentScorer.compile(model);
        Assignment a = new Assignment();
        scorer.assign(new MapFeatureSource().with(FeatureCatalog.MONETARY, 110).with(FeatureCatalog.CHANNEL, "web"), a);
        assertThat(a.segmentId()).isEqualTo(10);
        assertThat(a.vector()).containsExactly(0.2, 1, 0, 0);
        List<FeatureContribution> why = scorer.explain(a.vector(), a, 10);
        assertThat(why).extracting(FeatureContribution::getFeature).containsExactly("channel", "monetary");
        // channel: (1-0)^2 + (0-1)^2 = 2 further from segment 20; monetary: (0.2-0.5)^2 - 0.2^2
        assertThat(why.get(0).getContribution()).isCloseTo(2.0, within(1e-12));
        assertThat(why.get(1).getContribution()).isCloseTo(0.09 - 0.04, within(1e-12));
    }

    @Test
    void assignVectorizesWithTheModelsSpec() {
        Random rnd = new Random(3);
        SegmentModel model = TestModels.kmeans(rnd, 5, 3);
        SegmentScorer scorer = SegmentScorer.compile(model, TestModels.validator(3));
        Assignment viaSource = new Assignment();
        Assignment viaVector = new Assignment();
        MapFeatureSource source = new MapFeatureSource().with("f0", 1.5).with("f2", -2); // f1 missing: imputed 0
        scorer.assign(source, viaSource);
        scorer.score(new double[] {1.5, 0, -2}, viaVector);
        assertThat(viaSource.segmentId()).isEqualTo(viaVector.segmentId());
        assertThat(viaSource.distance()).isEqualTo(viaVector.distance());
        assertThat(scorer.vectorizer().dimension()).isEqualTo(3);
        assertThat(scorer.indexOf(viaSource.segmentId())).isEqualTo(viaSource.segmentIndex());
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"KMEANS", "GMM_DIAGONAL", "GMM_FULL"})
    void scoringAllocatesNothing(Algorithm algorithm) {
        Random rnd = new Random(11);
        SegmentScorer scorer = SegmentScorer.compile(randomModel(algorithm, rnd, 8, 16), TestModels.validator(16));
        double[][] vectors = new double[64][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = TestModels.gaussian(rnd, 16, 3);
        }
        Assignment a = new Assignment();
        Runnable run = () -> {
            for (int i = 0; i < 20_000; i++) {
                scorer.score(vectors[i & 63], a);
            }
        };
        run.run();
        assertThat(AllocationMeter.bytesAllocatedBy(run)).as("bytes allocated by 20,000 scorings").isLessThan(1_000);
    }

    @Test
    void rejectsShortAndNonFiniteVectors() {
        SegmentScorer scorer = SegmentScorer.compile(TestModels.kmeans(new Random(1), 3, 4), TestModels.validator(4));
        Assignment a = new Assignment();
        assertThatThrownBy(() -> scorer.score(new double[3], a)).hasMessageContaining("needs 4");
        assertThatThrownBy(() -> scorer.score(new double[] {0, Double.NaN, 0, 0}, a)).hasMessageContaining("not finite");
        SegmentScorer gmm = SegmentScorer.compile(TestModels.gmmDiagonal(new Random(1), 3, 4), TestModels.validator(4));
        assertThatThrownBy(() -> gmm.score(new double[] {0, Double.NaN, 0, 0}, a)).hasMessageContaining("not finite");
    }

    @Test
    void explainRefusesAnAssignmentOfAnotherModel() {
        SegmentScorer scorer = SegmentScorer.compile(TestModels.kmeans(new Random(1), 3, 2), TestModels.validator(2));
        Assignment foreign = new Assignment();
        SegmentModel other = TestModels.model(Algorithm.KMEANS, TestModels.identitySpec(2), List.of(
                TestModels.segment(1, new double[] {0, 0}).build(), TestModels.segment(2, new double[] {1, 1}).build()));
        SegmentScorer.compile(other, TestModels.validator(2)).score(new double[] {0, 0}, foreign);
        assertThatThrownBy(() -> scorer.explain(new double[] {0, 0}, foreign, 3)).hasMessageContaining("not made by this scorer");
        assertThatThrownBy(() -> scorer.explain(new double[] {0, 0}, foreign, -1)).hasMessageContaining("topN");
    }

    @Test
    void aSingularCovarianceGetsASmallRidgeAndSaysSo() {
        SegmentModel model = TestModels.model(Algorithm.GMM_FULL, TestModels.identitySpec(2), List.of(
                TestModels.segment(1, new double[] {0, 0}).setWeight(1.0).setCovariance(List.of(1.0, 1.0, 1.0, 1.0)).build(),
                TestModels.segment(2, new double[] {3, 0}).setWeight(1.0).setCovariance(List.of(1.0, 0.0, 0.0, 1.0)).build()));
        SegmentScorer scorer = SegmentScorer.compile(model, TestModels.validator(2));
        assertThat(scorer.warnings()).singleElement().asString().contains("segment 1").contains("ridge");
        Assignment a = new Assignment();
        scorer.score(new double[] {1, 1}, a);
        assertThat(a.segmentId()).isEqualTo(1);
        assertThat(a.confidence()).isBetween(0.0, 1.0);
    }

    @Test
    void refusesAnIndefiniteCovariance() {
        SegmentModel model = TestModels.model(Algorithm.GMM_FULL, TestModels.identitySpec(2), List.of(
                TestModels.segment(4, new double[] {0, 0}).setWeight(1.0).setCovariance(List.of(1.0, 2.0, 2.0, 1.0)).build()));
        assertThatThrownBy(() -> SegmentScorer.compile(model, TestModels.validator(2)))
                .isInstanceOf(io.segmenta.assigner.IncompatibleModelException.class)
                .hasMessageContaining("model 'test' v7").hasMessageContaining("segment 4")
                .hasMessageContaining("not positive definite");
    }
}
