package io.segmenta.fitting.lineage;

import io.segmenta.avro.LineageEvent;
import io.segmenta.avro.LineageKind;
import io.segmenta.fitting.Blobs;
import io.segmenta.fitting.Vectors;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SegmentMatcherTest {

    private final SegmentMatcher matcher = new SegmentMatcher();

    @Test
    void aFirstModelIsAllBirthsWithIdsFromZero() {
        SegmentMatching m = matcher.match(List.of(), new double[][] {{0, 0}, {5, 5}}, -1, null);
        assertThat(m.segmentIds()).containsExactly(0, 1);
        assertThat(m.lineage()).extracting(LineageEvent::getKind).containsOnly(LineageKind.BIRTH);
        assertThat(m.maxIdEverUsed()).isEqualTo(1);
    }

    @Test
    void nearCentroidsKeepTheirIdsWhatEverTheirOrder() {
        List<PreviousSegment> previous = List.of(new PreviousSegment(7, new double[] {0, 0}),
                new PreviousSegment(3, new double[] {10, 0}));
        SegmentMatching m = matcher.match(previous, new double[][] {{10.2, 0}, {0, 0.1}}, 12, null);
        assertThat(m.segmentIds()).containsExactly(3, 7);
        assertThat(m.lineage()).extracting(LineageEvent::getKind).containsOnly(LineageKind.SURVIVED);
        assertThat(m.lineage().get(0).getCentroidShift()).isCloseTo(0.2, within(1e-9));
        assertThat(m.lineage().get(0).getOverlap()).isNull();
        assertThat(m.maxIdEverUsed()).isEqualTo(12);
    }

    @Test
    void aCentroidBeyondTheThresholdIsABirthAndItsPredecessorADeathAndIdsAreNeverReused() {
        List<PreviousSegment> previous = List.of(new PreviousSegment(0, new double[] {0, 0}),
                new PreviousSegment(1, new double[] {10, 0}));
        // id 5 died generations ago: the birth must not take it
        SegmentMatching m = matcher.match(previous, new double[][] {{0, 0.3}, {10, 4}}, 5, null);
        assertThat(m.segmentIds()).containsExactly(0, 6);
        assertThat(m.maxIdEverUsed()).isEqualTo(6);
        assertThat(m.lineage()).extracting(LineageEvent::getKind)
                .containsExactly(LineageKind.SURVIVED, LineageKind.BIRTH, LineageKind.DEATH);
        assertThat(m.lineage().get(2).getFromSegments()).containsExactly(1);
    }

    /** Quality bar (d): A and B merge into one cluster while C splits in two, detected from member overlap. */
    @Test
    void detectsASplitAndAMerge() {
        double[][] oldCentroids = {{-1.5, 0}, {1.5, 0}, {12, 0}};
        List<PreviousSegment> previous = List.of(new PreviousSegment(0, oldCentroids[0]),
                new PreviousSegment(1, oldCentroids[1]), new PreviousSegment(2, oldCentroids[2]));
        double[][] newCentroids = {{0, 0}, {12, -2.5}, {12, 2.5}};
        // the members: A and B round their centres, C stretched along the second axis
        Random r = new Random(3);
        double[][] sample = new double[3000][];
        for (int i = 0; i < sample.length; i++) {
            int c = i % 3;
            sample[i] = c == 2 ? new double[] {12 + 0.5 * r.nextGaussian(), 2.5 * (r.nextBoolean() ? 1 : -1)
                    + 0.7 * r.nextGaussian()}
                    : new double[] {oldCentroids[c][0] + 0.5 * r.nextGaussian(), 0.5 * r.nextGaussian()};
        }
        int[] oldIds = Vectors.nearest(oldCentroids, sample);
        int[] newClusters = Vectors.nearest(newCentroids, sample);

        SegmentMatching m = matcher.match(previous, newCentroids, 2, MemberOverlap.of(oldIds, newClusters));

        LineageEvent split = only(m.lineage(), LineageKind.SPLIT);
        assertThat(split.getFromSegments()).containsExactly(2);
        assertThat(split.getToSegments()).containsExactlyInAnyOrder(m.segmentId(1), m.segmentId(2));
        assertThat(split.getOverlap()).isGreaterThan(0.95);
        LineageEvent merge = only(m.lineage(), LineageKind.MERGE);
        assertThat(merge.getFromSegments()).containsExactly(0, 1);
        assertThat(merge.getToSegments()).containsExactly(m.segmentId(0));
        assertThat(merge.getCentroidShift()).isCloseTo(1.5, within(1e-9));
        // the merged cluster inherits one of its sources' ids; the split halves are too far to inherit C's
        assertThat(m.segmentId(0)).isIn(0, 1);
        assertThat(m.segmentId(1)).isGreaterThan(2);
        assertThat(m.segmentId(2)).isGreaterThan(2);
        assertThat(m.lineage()).extracting(LineageEvent::getKind)
                .doesNotContain(LineageKind.BIRTH, LineageKind.DEATH, LineageKind.SURVIVED);
    }

    @Test
    void monicSurvivalKeepsTheIdOfAClusterThatMovedFarButKeptItsMembers() {
        Blobs blobs = Blobs.generate(2, 2, 200, 10, 10, 1);
        double[][] moved = Vectors.copy(blobs.centers());
        moved[0][0] += 1.5;
        List<PreviousSegment> previous = List.of(new PreviousSegment(0, blobs.centers()[0]),
                new PreviousSegment(1, blobs.centers()[1]));
        MemberOverlap overlap = MemberOverlap.of(Vectors.nearest(blobs.centers(), blobs.rows()),
                Vectors.nearest(moved, blobs.rows()));
        SegmentMatching m = matcher.match(previous, moved, 1, overlap);
        assertThat(m.segmentIds()).containsExactly(0, 1);
        assertThat(m.lineage().get(0).getKind()).isEqualTo(LineageKind.SURVIVED);
        assertThat(m.lineage().get(0).getOverlap()).isGreaterThan(0.9);
        // without the overlap the 1.5 shift exceeds the default threshold of 1
        assertThat(matcher.match(previous, moved, 1, null).segmentIds()).containsExactly(2, 1);
    }

    @Test
    void validatesItsInput() {
        List<PreviousSegment> twins = List.of(new PreviousSegment(1, new double[] {0}),
                new PreviousSegment(1, new double[] {1}));
        assertThatThrownBy(() -> matcher.match(twins, new double[][] {{0}}, 3, null)).hasMessageContaining("distinct");
        assertThatThrownBy(() -> matcher.match(twins.subList(0, 1), new double[][] {{0}}, 0, null))
                .hasMessageContaining("exceeds maxIdEverUsed 0");
        assertThatThrownBy(() -> new SegmentMatchingParams(1, 0.4, 0.3)).hasMessageContaining("survivalThreshold");
        assertThatThrownBy(() -> new SegmentMatchingParams(1, 0.7, 0.6)).hasMessageContaining("splitThreshold");
        assertThatThrownBy(() -> MemberOverlap.of(new int[] {1}, new int[] {1, 2})).hasMessageContaining("same sample");
    }

    @Test
    void overlapSharesGoBothWays() {
        MemberOverlap o = MemberOverlap.of(new int[] {5, 5, 5, 6}, new int[] {0, 0, 1, 0});
        assertThat(o.shareOfPrevious(5, 0)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(o.shareOfNew(5, 0)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(o.shareOfNew(6, 0)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(o.shareOfPrevious(9, 0)).isZero();
    }

    private static LineageEvent only(List<LineageEvent> events, LineageKind kind) {
        List<LineageEvent> matching = events.stream().filter(e -> e.getKind() == kind).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }
}
