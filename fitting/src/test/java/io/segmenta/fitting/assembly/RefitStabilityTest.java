package io.segmenta.fitting.assembly;

import io.segmenta.avro.LineageEvent;
import io.segmenta.avro.LineageKind;
import io.segmenta.avro.SegmentModel;
import io.segmenta.fitting.Blobs;
import io.segmenta.fitting.Vectors;
import io.segmenta.fitting.kmeans.MiniBatchKMeans;
import io.segmenta.fitting.kmeans.MiniBatchKMeansModel;
import io.segmenta.fitting.kmeans.MiniBatchKMeansParams;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Quality bars (b) and (c): warm-started refits with stable-id matching, end to end through the assembler. */
class RefitStabilityTest {

    private final SegmentModelAssembler assembler = new SegmentModelAssembler();
    private final Blobs blobs = Blobs.generate(8, 10, 2000, 1.2, 4.5, 2);

    /** (b) stationary data, refitted twice: fewer than 0.5 % of points change segment id. */
    @Test
    void refitsOnStationaryDataKeepAlmostEveryPointInItsSegment() {
        Random r = new Random(17);
        double[][] evaluation = Blobs.around(blobs.centers(), 1000, r).rows();
        MiniBatchKMeansParams params = MiniBatchKMeansParams.defaults(8);

        MiniBatchKMeansModel m1 = new MiniBatchKMeans(params).fit(blobs.rows());
        SegmentModel v1 = assembler.assemble(Models.kmeansInput(m1, blobs.rows()));
        SegmentModel previous = v1;
        MiniBatchKMeansModel model = m1;
        int[] before = Models.segmentIds(v1, evaluation);
        for (int refit = 1; refit <= 2; refit++) {
            double[][] window = Blobs.around(blobs.centers(), 2000, r).rows();
            model = new MiniBatchKMeans(params.withSeed(100 + refit)).fit(window, model.modelData());
            SegmentModel next = assembler.assemble(Models.kmeansInput(model, window)
                    .withParent(previous, MemberSample.same(Arrays.copyOf(window, 4000))));
            int[] after = Models.segmentIds(next, evaluation);
            int changed = 0;
            for (int i = 0; i < after.length; i++) {
                changed += after[i] != before[i] ? 1 : 0;
            }
            assertThat((double) changed / evaluation.length).as("share of points changing id in refit " + refit)
                    .isLessThan(0.005);
            assertThat(next.getVersion()).isEqualTo(refit + 1);
            assertThat(next.getLineage()).hasSize(8).extracting(LineageEvent::getKind)
                    .containsOnly(LineageKind.SURVIVED);
            previous = next;
            before = after;
        }
    }

    /** (c) two segments drift and a new one appears: the drifted keep their ids, the newcomer gets a new one. */
    @Test
    void driftedSegmentsKeepTheirIdsAndANewClusterIsBorn() {
        Random r = new Random(23);
        MiniBatchKMeansModel m1 = new MiniBatchKMeans(MiniBatchKMeansParams.defaults(8)).fit(blobs.rows());
        SegmentModel v1 = assembler.assemble(Models.kmeansInput(m1, blobs.rows()));
        int[] oldIdOfTruth = new int[8];
        for (int c = 0; c < 8; c++) {
            oldIdOfTruth[c] = Models.segmentIds(v1, new double[][] {blobs.centers()[c]})[0];
        }

        // the same customers a month later: those of truth clusters 2 and 5 moved by 0.8, the rest jitter a little
        double[][] drift = new double[8][10];
        for (int c : new int[] {2, 5}) {
            double[] dir = new double[10];
            for (int j = 0; j < 10; j++) {
                dir[j] = r.nextGaussian();
            }
            double norm = Math.sqrt(Vectors.squaredDistance(dir, new double[10]));
            for (int j = 0; j < 10; j++) {
                drift[c][j] = 0.8 * dir[j] / norm;
            }
        }
        double[][] before = blobs.rows();
        double[][] now = new double[before.length + 2000][];
        for (int i = 0; i < before.length; i++) {
            now[i] = new double[10];
            for (int j = 0; j < 10; j++) {
                now[i][j] = before[i][j] + drift[blobs.truth()[i]][j] + 0.1 * r.nextGaussian();
            }
        }
        // plus 2,000 newcomers forming a ninth cluster away from all the others
        double[] newcomer = farFrom(blobs.centers(), r);
        double[][] births = Blobs.around(new double[][] {newcomer}, 2000, r).rows();
        System.arraycopy(births, 0, now, before.length, births.length);

        MiniBatchKMeansModel m2 = new MiniBatchKMeans(MiniBatchKMeansParams.defaults(9).withHalfLife(10))
                .fit(now, m1.modelData());
        MemberSample members = new MemberSample(Arrays.copyOf(before, 4000), Arrays.copyOf(now, 4000));
        SegmentModel v2 = assembler.assemble(Models.kmeansInput(m2, now).withParent(v1, members));

        int bornId = Models.segmentIds(v2, new double[][] {newcomer})[0];
        assertThat(bornId).isEqualTo(8);
        assertThat(v2.getLineage()).filteredOn(e -> e.getKind() == LineageKind.BIRTH)
                .singleElement().satisfies(e -> assertThat(e.getToSegments()).containsExactly(8));
        assertThat(v2.getLineage()).extracting(LineageEvent::getKind)
                .doesNotContain(LineageKind.DEATH, LineageKind.SPLIT, LineageKind.MERGE);
        List<LineageEvent> survived = v2.getLineage().stream().filter(e -> e.getKind() == LineageKind.SURVIVED)
                .toList();
        assertThat(survived).hasSize(8);
        for (int c = 0; c < 8; c++) {
            double[] movedCentre = blobs.centers()[c].clone();
            for (int j = 0; j < 10; j++) {
                movedCentre[j] += drift[c][j];
            }
            int id = Models.segmentIds(v2, new double[][] {movedCentre})[0];
            assertThat(id).as("id of truth cluster " + c).isEqualTo(oldIdOfTruth[c]);
            LineageEvent e = survived.stream().filter(s -> s.getToSegments().get(0) == id).findFirst().orElseThrow();
            assertThat(e.getFromSegments()).containsExactly(id);
            assertThat(e.getOverlap()).isGreaterThan(0.9);
            if (c == 2 || c == 5) {
                assertThat(e.getCentroidShift()).as("shift of drifted cluster " + c).isBetween(0.6, 1.0);
            } else {
                assertThat(e.getCentroidShift()).as("shift of steady cluster " + c).isLessThan(0.2);
            }
        }
    }

    private static double[] farFrom(double[][] centers, Random r) {
        while (true) {
            double[] x = new double[centers[0].length];
            for (int j = 0; j < x.length; j++) {
                x[j] = r.nextGaussian() * 2.5;
            }
            boolean far = true;
            for (double[] c : centers) {
                far &= Vectors.distance(c, x) >= 6;
            }
            if (far) {
                return x;
            }
        }
    }
}
