package io.segmenta.fitting.lineage;

import io.segmenta.avro.LineageEvent;
import io.segmenta.avro.LineageKind;
import io.segmenta.fitting.Blobs;
import io.segmenta.fitting.Vectors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static io.segmenta.avro.LineageKind.SURVIVED;
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
        // the merged cluster inherits the id of its larger source; the larger half of C keeps C's id, however far
        // its centre moved, and the other half is new
        assertThat(m.segmentId(0)).isIn(0, 1);
        assertThat(List.of(m.segmentId(1), m.segmentId(2))).containsExactlyInAnyOrder(2, 3);
        assertThat(split.getCentroidShift()).isCloseTo(2.5, within(1e-9));
        assertThat(m.maxIdEverUsed()).isEqualTo(3);
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

    /**
     * Issue 14: the members stayed where they were, but the centres moved so that the cheapest centroid pairing
     * crossed them. The old matcher kept id 1 on segment 0's members (SURVIVED with overlap 0) and reported a birth
     * and a death on an unchanged population.
     */
    @Test
    void idsFollowTheMembersNotTheCheapestCentroidPairing() {
        List<PreviousSegment> previous = List.of(new PreviousSegment(0, new double[] {0, 0}),
                new PreviousSegment(1, new double[] {2, 0}));
        double[][] newCentroids = {{2, 0.5}, {2, -3}};
        MemberOverlap overlap = overlap(new int[][] {{0, 0, 100}, {1, 1, 100}});

        SegmentMatching m = matcher.match(previous, newCentroids, 1, overlap);

        assertThat(m.segmentIds()).containsExactly(0, 1);
        assertThat(m.lineage()).extracting(LineageEvent::getKind).containsExactly(SURVIVED, SURVIVED);
        assertThat(m.lineage()).extracting(LineageEvent::getOverlap).containsExactly(1.0, 1.0);
        assertThat(m.maxIdEverUsed()).isEqualTo(1);
        assertConsistent(previous, newCentroids, 1, overlap, m);
    }

    /**
     * Issue 14: old 4 sends 40 % of its members to A and 45 % to B while old 2 sends 90 % to A. The old matcher said
     * SPLIT 4 -> [2, 6] next to MERGE [2, 4] -> 2: segment 4 had two fates and A was both 4's part and 2's merger.
     * Now A is 2's survivor (the larger flow decides first), and 4, which kept no 70 % anywhere, died; B is born.
     */
    @Test
    void aSegmentThatSplitsIntoAnotherOnesSurvivorHasOneFate() {
        List<PreviousSegment> previous = List.of(new PreviousSegment(2, new double[] {0, 0}),
                new PreviousSegment(4, new double[] {3, 0}), new PreviousSegment(1, new double[] {10, 0}));
        double[][] newCentroids = {{0.5, 0}, {6, 0}, {10, 0}};
        MemberOverlap overlap = overlap(new int[][] {{2, 0, 90}, {2, 2, 10}, {4, 0, 40}, {4, 1, 45}, {4, 2, 15},
                {1, 2, 100}});

        SegmentMatching m = matcher.match(previous, newCentroids, 5, overlap);

        assertThat(m.segmentIds()).containsExactly(2, 6, 1);
        assertThat(m.lineage()).extracting(LineageEvent::getKind)
                .containsExactly(SURVIVED, SURVIVED, LineageKind.BIRTH, LineageKind.DEATH);
        assertThat(m.lineage().get(3).getFromSegments()).containsExactly(4);
        assertThat(m.lineage().get(2).getToSegments()).containsExactly(6);
        assertConsistent(previous, newCentroids, 5, overlap, m);
    }

    /**
     * Issue 14: old 4 keeps 75 % in B (near its centre) and sends the rest to A, where it makes up 31 %. The old
     * matcher said SURVIVED 4 and MERGE [2, 4] in the same refit. 25 % of 4 is too little to link 4 to A, so 4
     * simply survived as B; 2, which split 55/45 between A and C where C is 1's survivor, died and A is born.
     */
    @Test
    void aSurvivorIsNeverAlsoASourceOfAMerge() {
        List<PreviousSegment> previous = List.of(new PreviousSegment(2, new double[] {0, 0}),
                new PreviousSegment(4, new double[] {3, 0}), new PreviousSegment(1, new double[] {10, 0}));
        double[][] newCentroids = {{0.5, 0}, {3.1, 0}, {10, 0}};
        MemberOverlap overlap = overlap(new int[][] {{2, 0, 55}, {2, 2, 45}, {4, 1, 75}, {4, 0, 25},
                {1, 2, 100}});

        SegmentMatching m = matcher.match(previous, newCentroids, 4, overlap);

        assertThat(m.segmentIds()).containsExactly(5, 4, 1);
        assertThat(m.lineage()).extracting(LineageEvent::getKind)
                .containsExactly(SURVIVED, SURVIVED, LineageKind.BIRTH, LineageKind.DEATH);
        assertThat(m.lineage().get(1).getOverlap()).isCloseTo(0.75, within(1e-12));
        assertThat(m.lineage().get(3).getFromSegments()).containsExactly(2);
        assertConsistent(previous, newCentroids, 4, overlap, m);
    }

    @Test
    void aSplitKeepsTheIdOnItsLargerPartAndAMergeOnItsLargerSource() {
        List<PreviousSegment> previous = List.of(new PreviousSegment(0, new double[] {0, 0}),
                new PreviousSegment(1, new double[] {5, 0}), new PreviousSegment(2, new double[] {9, 0}));
        double[][] newCentroids = {{-1, 0}, {1, 0}, {7, 0}};
        // 0 splits 40/60 into clusters 0 and 1; 1 (120 members) and 2 (80) merge into cluster 2
        MemberOverlap overlap = overlap(new int[][] {{0, 0, 40}, {0, 1, 60}, {1, 2, 120}, {2, 2, 80}});

        SegmentMatching m = matcher.match(previous, newCentroids, 2, overlap);

        assertThat(m.segmentIds()).containsExactly(3, 0, 1);
        LineageEvent split = only(m.lineage(), LineageKind.SPLIT);
        assertThat(split.getFromSegments()).containsExactly(0);
        assertThat(split.getToSegments()).containsExactly(0, 3);
        assertThat(split.getOverlap()).isCloseTo(1.0, within(1e-12));
        LineageEvent merge = only(m.lineage(), LineageKind.MERGE);
        assertThat(merge.getFromSegments()).containsExactly(1, 2);
        assertThat(merge.getToSegments()).containsExactly(1);
        assertThat(merge.getCentroidShift()).isCloseTo(2.0, within(1e-12));
        assertConsistent(previous, newCentroids, 2, overlap, m);
    }

    /** A segment the sample holds no member of, and a cluster none of the sample went to, are paired by centroid. */
    @Test
    void segmentsTheSampleSaysNothingAboutArePairedByCentroid() {
        List<PreviousSegment> previous = List.of(new PreviousSegment(0, new double[] {0, 0}),
                new PreviousSegment(1, new double[] {10, 0}), new PreviousSegment(2, new double[] {20, 0}));
        double[][] newCentroids = {{0, 0.5}, {10.5, 0}, {30, 0}};
        MemberOverlap overlap = overlap(new int[][] {{0, 0, 50}});

        SegmentMatching m = matcher.match(previous, newCentroids, 2, overlap);

        assertThat(m.segmentIds()).containsExactly(0, 1, 3);
        assertThat(m.lineage()).extracting(LineageEvent::getKind)
                .containsExactly(SURVIVED, SURVIVED, LineageKind.BIRTH, LineageKind.DEATH);
        assertThat(m.lineage().get(0).getOverlap()).isEqualTo(1.0);
        assertThat(m.lineage().get(1).getOverlap()).isNull();
        assertThat(m.lineage().get(1).getCentroidShift()).isCloseTo(0.5, within(1e-12));
        assertConsistent(previous, newCentroids, 2, overlap, m);
    }

    @Test
    void identicalAssignmentsAreAllSurvivals() {
        Blobs blobs = Blobs.generate(5, 3, 100, 10, 6, 21);
        List<PreviousSegment> previous = new ArrayList<>();
        int[] ids = {3, 8, 4, 11, 0};
        for (int c = 0; c < 5; c++) {
            previous.add(new PreviousSegment(ids[c], blobs.centers()[c]));
        }
        int[] clusters = Vectors.nearest(blobs.centers(), blobs.rows());
        int[] previousIds = IntStream.of(clusters).map(c -> ids[c]).toArray();
        MemberOverlap overlap = MemberOverlap.of(previousIds, clusters);

        SegmentMatching m = matcher.match(previous, blobs.centers(), 11, overlap);

        assertThat(m.segmentIds()).containsExactly(ids);
        assertThat(m.lineage()).extracting(LineageEvent::getKind).containsOnly(SURVIVED);
        assertThat(m.lineage()).extracting(LineageEvent::getOverlap).containsOnly(1.0);
        assertThat(m.maxIdEverUsed()).isEqualTo(11);
    }

    /**
     * A steady population refit window after window on independent samples, the clusters coming back in another order
     * with their centres jittered: after the first model, nothing is born, dies, splits or merges, and every segment
     * keeps its id.
     */
    @Test
    void aSteadyPopulationOnlySurvives() {
        Random r = new Random(14);
        double[][] truth = Blobs.generate(4, 2, 1, 4, 3.5, 14).centers();
        double[][] centroids = Vectors.copy(truth);
        SegmentMatching m = matcher.match(List.of(), centroids, -1, null);
        for (int refit = 0; refit < 30; refit++) {
            double[][] sample = Blobs.around(truth, 150, r).rows();
            double[][] next = new double[4][];
            List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3));
            Collections.shuffle(order, r);
            for (int c = 0; c < 4; c++) {
                double[] t = truth[order.get(c)];
                next[c] = new double[] {t[0] + 0.2 * r.nextGaussian(), t[1] + 0.2 * r.nextGaussian()};
            }
            int[] parentCluster = Vectors.nearest(centroids, sample);
            int[] previousIds = IntStream.of(parentCluster).map(m::segmentId).toArray();
            List<PreviousSegment> previous = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                previous.add(new PreviousSegment(m.segmentId(c), centroids[c]));
            }
            MemberOverlap overlap = MemberOverlap.of(previousIds, Vectors.nearest(next, sample));

            SegmentMatching nextMatching = matcher.match(previous, next, m.maxIdEverUsed(), overlap);

            assertThat(nextMatching.lineage()).as("refit " + refit).extracting(LineageEvent::getKind)
                    .containsOnly(SURVIVED);
            for (int c = 0; c < 4; c++) {
                int sameBlob = Vectors.nearest(centroids, truth[order.get(c)]);
                assertThat(nextMatching.segmentId(c)).isEqualTo(m.segmentId(sameBlob));
            }
            assertThat(nextMatching.maxIdEverUsed()).isEqualTo(3);
            m = nextMatching;
            centroids = next;
        }
    }

    /** The invariants of issue 14 over many random overlap matrices, some segments and clusters without members. */
    @Test
    void everyRandomOverlapGivesOneFatePerSegmentAndClusterAndEachFateMeetsItsRule() {
        Random r = new Random(1414);
        java.util.EnumSet<LineageKind> seen = java.util.EnumSet.noneOf(LineageKind.class);
        for (int trial = 0; trial < 3000; trial++) {
            int kOld = 1 + r.nextInt(6);
            int kNew = 1 + r.nextInt(7);
            List<Integer> pool = new ArrayList<>(IntStream.range(0, 3 * kOld + 3).boxed().toList());
            Collections.shuffle(pool, r);
            List<PreviousSegment> previous = new ArrayList<>();
            for (int j = 0; j < kOld; j++) {
                previous.add(new PreviousSegment(pool.get(j), new double[] {4 * r.nextDouble(), 4 * r.nextDouble()}));
            }
            int maxId = pool.subList(0, kOld).stream().mapToInt(Integer::intValue).max().orElseThrow() + r.nextInt(4);
            double[][] newCentroids = new double[kNew][];
            for (int i = 0; i < kNew; i++) {
                newCentroids[i] = new double[] {4 * r.nextDouble(), 4 * r.nextDouble()};
            }
            MemberOverlap overlap = r.nextInt(10) == 0 ? null : randomOverlap(previous, kNew, r);

            SegmentMatching m = matcher.match(previous, newCentroids, maxId, overlap);

            assertConsistent(previous, newCentroids, maxId, overlap, m);
            m.lineage().forEach(e -> seen.add(e.getKind()));
        }
        // the generator reaches every kind of fate, so the rules above were all exercised
        assertThat(seen).contains(SURVIVED, LineageKind.BIRTH, LineageKind.DEATH, LineageKind.SPLIT,
                LineageKind.MERGE);
    }

    /** Each previous segment sends its members (none, sometimes) to clusters drawn with random, often peaked weights. */
    private static MemberOverlap randomOverlap(List<PreviousSegment> previous, int kNew, Random r) {
        List<int[]> flows = new ArrayList<>();
        for (PreviousSegment p : previous) {
            int members = r.nextInt(5) == 0 ? 0 : 1 + r.nextInt(200);
            double[] w = new double[kNew];
            double total = 0;
            int peak = 1 + r.nextInt(5);
            for (int i = 0; i < kNew; i++) {
                w[i] = Math.pow(r.nextDouble(), peak);
                total += w[i];
            }
            for (int n = 0; n < members; n++) {
                double u = r.nextDouble() * total;
                int i = 0;
                while (i < kNew - 1 && (u -= w[i]) > 0) {
                    i++;
                }
                flows.add(new int[] {p.segmentId(), i, 1});
            }
        }
        return flows.isEmpty() ? null : overlap(flows.toArray(int[][]::new));
    }

    /** A sample from flows {previous segment id, new cluster, members}. */
    private static MemberOverlap overlap(int[][] flows) {
        IntStream.Builder previousIds = IntStream.builder();
        IntStream.Builder clusters = IntStream.builder();
        for (int[] f : flows) {
            for (int n = 0; n < f[2]; n++) {
                previousIds.add(f[0]);
                clusters.add(f[1]);
            }
        }
        return MemberOverlap.of(previousIds.build().toArray(), clusters.build().toArray());
    }

    /** Issue 14's self-consistency: one fate per previous segment and per new cluster, each meeting its rule. */
    private static void assertConsistent(List<PreviousSegment> previous, double[][] newCentroids, int maxId,
                                         MemberOverlap overlap, SegmentMatching m) {
        SegmentMatchingParams p = SegmentMatchingParams.DEFAULTS;
        int[] ids = m.segmentIds();
        List<Integer> oldIds = previous.stream().map(PreviousSegment::segmentId).toList();
        String context = "previous " + oldIds + ", ids " + java.util.Arrays.toString(ids) + ", lineage "
                + m.lineage();
        assertThat(ids).as(context).doesNotHaveDuplicates();
        Map<Integer, Integer> clusterOf = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            clusterOf.put(ids[i], i);
        }
        for (int id : oldIds) {
            assertThat(m.lineage()).as(context + ": fates of " + id)
                    .filteredOn(e -> e.getFromSegments().contains(id)).hasSize(1);
        }
        for (int id : ids) {
            assertThat(m.lineage()).as(context + ": events making " + id)
                    .filteredOn(e -> e.getToSegments().contains(id)).hasSize(1);
        }
        // fresh ids: above every id used before, in cluster order, none skipped
        int[] fresh = IntStream.of(ids).filter(id -> !oldIds.contains(id)).toArray();
        assertThat(fresh).as(context).isSorted();
        assertThat(fresh).as(context).containsExactly(IntStream.rangeClosed(maxId + 1, maxId + fresh.length).toArray());
        assertThat(m.maxIdEverUsed()).as(context).isEqualTo(maxId + fresh.length);

        for (LineageEvent e : m.lineage()) {
            List<Integer> from = e.getFromSegments();
            List<Integer> to = e.getToSegments();
            assertThat(oldIds).as(context).containsAll(from);
            // an old id lives on only through the event that says so
            to.stream().filter(oldIds::contains).forEach(id -> assertThat(from).as(context).contains(id));
            switch (e.getKind()) {
                case SURVIVED -> {
                    assertThat(from).as(context).hasSize(1).isEqualTo(to);
                    int cluster = clusterOf.get(to.get(0));
                    if (e.getOverlap() == null) {
                        // survival by centroid: only where the sample says nothing about either side
                        assertThat(overlap == null || overlap.previousTotal(from.get(0)) == 0
                                && overlap.newTotal(cluster) == 0).as(context).isTrue();
                        assertThat(e.getCentroidShift()).as(context).isLessThanOrEqualTo(p.maxCentroidShift());
                    } else {
                        assertThat(e.getOverlap()).as(context).isGreaterThanOrEqualTo(p.survivalThreshold());
                        assertThat(overlap.shareOfPrevious(from.get(0), cluster)).as(context)
                                .isEqualTo(e.getOverlap());
                    }
                }
                case SPLIT -> {
                    assertThat(from).as(context).hasSize(1);
                    assertThat(to).as(context).hasSizeGreaterThanOrEqualTo(2).contains(from.get(0));
                    for (int id : to) {
                        assertThat(overlap.shareOfPrevious(from.get(0), clusterOf.get(id))).as(context)
                                .isGreaterThanOrEqualTo(p.splitThreshold());
                    }
                    long heir = overlap.count(from.get(0), clusterOf.get(from.get(0)));
                    to.forEach(id -> assertThat(overlap.count(from.get(0), clusterOf.get(id))).as(context)
                            .isLessThanOrEqualTo(heir));
                }
                case MERGE -> {
                    assertThat(to).as(context).hasSize(1);
                    assertThat(from).as(context).hasSizeGreaterThanOrEqualTo(2).contains(to.get(0));
                    for (int id : from) {
                        assertThat(overlap.shareOfNew(id, clusterOf.get(to.get(0)))).as(context)
                                .isGreaterThanOrEqualTo(p.splitThreshold());
                    }
                }
                case BIRTH -> {
                    assertThat(from).as(context).isEmpty();
                    assertThat(to).as(context).hasSize(1);
                    assertThat(to.get(0)).as(context).isGreaterThan(maxId);
                }
                case DEATH -> {
                    assertThat(from).as(context).hasSize(1);
                    assertThat(to).as(context).isEmpty();
                }
                default -> throw new AssertionError("unexpected kind in " + e);
            }
        }
    }

    private static LineageEvent only(List<LineageEvent> events, LineageKind kind) {
        List<LineageEvent> matching = events.stream().filter(e -> e.getKind() == kind).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }
}
