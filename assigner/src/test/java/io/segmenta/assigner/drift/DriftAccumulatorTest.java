package io.segmenta.assigner.drift;

import io.segmenta.assigner.scoring.Assignment;
import io.segmenta.assigner.scoring.SegmentScorer;
import io.segmenta.assigner.scoring.TestModels;
import io.segmenta.avro.Algorithm;
import io.segmenta.avro.DriftReport;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentDrift;
import io.segmenta.avro.SegmentModel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DriftAccumulatorTest {

    private static final Instant START = Instant.parse("2025-06-01T00:00:00Z");
    private static final Instant END = START.plusSeconds(3600);
    private static final int[] IDS = {5, 9, 2};
    private static final long[] SIZES = {50, 30, 20};

    private static SegmentModel model() {
        return TestModels.model(Algorithm.KMEANS, TestModels.identitySpec(2), List.of(
                TestModels.segment(IDS[0], new double[] {0, 0}).setSize(SIZES[0]).build(),
                TestModels.segment(IDS[1], new double[] {1, 1}).setSize(SIZES[1]).build(),
                TestModels.segment(IDS[2], new double[] {2, 2}).setSize(SIZES[2]).build()));
    }

    /** The PSI formula, written out. */
    private static double psi(double[] actual, double[] expected, double epsilon) {
        double psi = 0;
        for (int i = 0; i < actual.length; i++) {
            double a = Math.max(actual[i], epsilon);
            double e = Math.max(expected[i], epsilon);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

    @Test
    void reportsSharesPsiDistancesAndChangeRate() {
        DriftAccumulator drift = DriftAccumulator.of(model());
        long[] counts = {10, 0, 30};
        double[] distance = {0.5, 0, 2.0};
        int changes = 0;
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < counts[j]; i++) {
                boolean changed = i % 4 == 0;
                changes += changed ? 1 : 0;
                drift.add(IDS[j], distance[j], changed);
            }
        }
        double[] actual = {10 / 40.0, 0, 30 / 40.0};
        double[] expected = {0.5, 0.3, 0.2};
        DriftReport report = drift.report(START, END, END.plusSeconds(1));

        assertThat(report.getModelName()).isEqualTo("test");
        assertThat(report.getModelVersion()).isEqualTo(7);
        assertThat(report.getWindowStart()).isEqualTo(START);
        assertThat(report.getWindowEnd()).isEqualTo(END);
        assertThat(report.getEmittedAt()).isEqualTo(END.plusSeconds(1));
        assertThat(report.getAssignments()).isEqualTo(40);
        assertThat(report.getPsi()).isCloseTo(psi(actual, expected, DriftAccumulator.DEFAULT_EPSILON), within(1e-12));
        assertThat(report.getPsi()).isGreaterThan(0.25).isFinite();
        assertThat(report.getMeanDistance()).isCloseTo((10 * 0.5 + 30 * 2.0) / 40, within(1e-12));
        assertThat(report.getChangeRate()).isCloseTo(changes / 40.0, within(1e-15));
        assertThat(report.getCentroidShift()).isNull();
        assertThat(report.getSegments()).extracting(SegmentDrift::getSegmentId).containsExactly(5, 9, 2);
        for (int j = 0; j < 3; j++) {
            SegmentDrift s = report.getSegments().get(j);
            assertThat(s.getShare()).isCloseTo(actual[j], within(1e-15));
            assertThat(s.getTrainingShare()).isCloseTo(expected[j], within(1e-15));
            assertThat(s.getMeanDistance()).isCloseTo(distance[j], within(1e-15));
        }
    }

    @Test
    void psiIsZeroWhenLiveSharesMatchTraining() {
        DriftAccumulator drift = DriftAccumulator.of(model());
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < SIZES[j]; i++) {
                drift.add(IDS[j], 1, false);
            }
        }
        assertThat(drift.psi()).isCloseTo(0, within(1e-15));
    }

    @Test
    void epsilonIsConfigurable() {
        DriftAccumulator drift = DriftAccumulator.of(model(), null, 0.01);
        drift.add(5, 0, false);
        assertThat(drift.psi()).isCloseTo(psi(new double[] {1, 0, 0}, new double[] {0.5, 0.3, 0.2}, 0.01), within(1e-12));
        assertThatThrownBy(() -> DriftAccumulator.of(model(), null, 0)).hasMessageContaining("epsilon");
    }

    @Test
    void anEmptyWindowReportsZeros() {
        DriftReport report = DriftAccumulator.of(model()).report(START, END, END);
        assertThat(report.getAssignments()).isZero();
        assertThat(report.getPsi()).isZero();
        assertThat(report.getMeanDistance()).isZero();
        assertThat(report.getChangeRate()).isZero();
    }

    @Test
    void mergingPartsEqualsOneAccumulatorOverEverything() {
        Random rnd = new Random(17);
        DriftAccumulator whole = DriftAccumulator.of(model());
        DriftAccumulator left = DriftAccumulator.of(model());
        DriftAccumulator right = DriftAccumulator.of(model());
        for (int i = 0; i < 10_000; i++) {
            int id = IDS[rnd.nextInt(3)];
            double distance = rnd.nextDouble() * 3;
            boolean changed = rnd.nextInt(10) == 0;
            whole.add(id, distance, changed);
            (rnd.nextBoolean() ? left : right).add(id, distance, changed);
        }
        DriftReport merged = left.merge(right).report(START, END, END);
        DriftReport single = whole.report(START, END, END);
        assertThat(merged.getAssignments()).isEqualTo(single.getAssignments()).isEqualTo(10_000);
        assertThat(merged.getPsi()).isCloseTo(single.getPsi(), within(1e-12));
        assertThat(merged.getMeanDistance()).isCloseTo(single.getMeanDistance(), within(1e-12));
        assertThat(merged.getChangeRate()).isEqualTo(single.getChangeRate());
        for (int j = 0; j < 3; j++) {
            assertThat(merged.getSegments().get(j).getShare()).isEqualTo(single.getSegments().get(j).getShare());
            assertThat(merged.getSegments().get(j).getMeanDistance())
                    .isCloseTo(single.getSegments().get(j).getMeanDistance(), within(1e-12));
        }
    }

    @Test
    void refusesToMergeAnotherModel() {
        SegmentModel other = SegmentModel.newBuilder(model()).setVersion(8).build();
        assertThatThrownBy(() -> DriftAccumulator.of(model()).merge(DriftAccumulator.of(other)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v8");
    }

    @Test
    void refusesUnknownSegmentsAndBadDistances() {
        DriftAccumulator drift = DriftAccumulator.of(model());
        assertThatThrownBy(() -> drift.add(6, 1, false)).hasMessageContaining("segment 6 is not in model 'test' v7");
        assertThatThrownBy(() -> drift.add(5, Double.NaN, false)).hasMessageContaining("distance");
        assertThatThrownBy(() -> drift.add(5, -1, false)).hasMessageContaining("distance");
    }

    @Test
    void acceptsScorerResultsAndResets() {
        SegmentModel model = model();
        SegmentScorer scorer = SegmentScorer.compile(model, TestModels.validator(2));
        Assignment a = new Assignment();
        scorer.score(new double[] {1.9, 2.1}, a);
        DriftAccumulator drift = DriftAccumulator.of(model);
        drift.add(a, true);
        assertThat(drift.share(2)).isEqualTo(1.0);
        assertThat(drift.meanDistance(2)).isEqualTo(a.distance());
        drift.reset();
        assertThat(drift.assignments()).isZero();
        assertThat(drift.changes()).isZero();
    }

    @Test
    void centroidShiftIsMeasuredAgainstTheParentsSegmentOfTheSameId() {
        SegmentModel parent = TestModels.model(Algorithm.KMEANS, TestModels.identitySpec(2), List.of(
                TestModels.segment(5, new double[] {3, 4}).build(),
                TestModels.segment(9, new double[] {1, 2}).build()));
        DriftReport report = DriftAccumulator.of(model(), parent, DriftAccumulator.DEFAULT_EPSILON).report(START, END, END);
        assertThat(report.getSegments().get(0).getCentroidShift()).isCloseTo(5.0, within(1e-15));
        assertThat(report.getSegments().get(1).getCentroidShift()).isCloseTo(1.0, within(1e-15));
        assertThat(report.getSegments().get(2).getCentroidShift()).isNull();
        assertThat(report.getCentroidShift()).isEqualTo(5.0);

        SegmentModel otherSpace = SegmentModel.newBuilder(parent).setFeatureSpec(TestModels.identitySpec(3)).build();
        assertThat(DriftAccumulator.of(model(), otherSpace, 1e-4).report(START, END, END).getCentroidShift()).isNull();
    }

    @Test
    void trainingSharesFallBackToGmmWeightsThenUniform() {
        List<Segment> noSizes = List.of(
                TestModels.segment(1, new double[] {0, 0}).setSize(0).setWeight(3.0).build(),
                TestModels.segment(2, new double[] {1, 1}).setSize(0).setWeight(1.0).build());
        SegmentModel weighted = TestModels.model(Algorithm.KMEANS, TestModels.identitySpec(2), noSizes);
        assertThat(DriftAccumulator.of(weighted).trainingShare(1)).isEqualTo(0.75);
        List<Segment> bare = List.of(TestModels.segment(1, new double[] {0, 0}).setSize(0).build(),
                TestModels.segment(2, new double[] {1, 1}).setSize(0).build());
        SegmentModel uniform = TestModels.model(Algorithm.KMEANS, TestModels.identitySpec(2), bare);
        assertThat(DriftAccumulator.of(uniform).trainingShare(2)).isEqualTo(0.5);
    }
}
