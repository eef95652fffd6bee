package io.segmenta.fitting.lineage;

import io.segmenta.avro.LineageEvent;
import io.segmenta.avro.LineageKind;
import io.segmenta.fitting.Checks;
import io.segmenta.fitting.Vectors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Gives the clusters of a refit stable segment ids and explains the change as lineage. Ids and lineage come from one
 * decision: each previous segment and each new cluster gets exactly one fate, and both the ids and the events are
 * read off those fates, so the lineage cannot contradict itself (a segment SURVIVED and also merged, or split into a
 * cluster that another segment survived as).
 *
 * <p>With a member overlap (the same sample scored by the parent and by the new fit), fates follow MONIC's
 * member-overlap transitions (Spiliopoulou et al. 2006), made exclusive:
 * <ol>
 *   <li>A previous segment o and a new cluster n are linked when each holds at least {@code splitThreshold} (0.3) of
 *       the other: |o∩n| ≥ 0.3·|o| and |o∩n| ≥ 0.3·|n|.</li>
 *   <li>Links are taken largest |o∩n| first; a link that would give a group two or more segments AND two or more
 *       clusters is dropped, so every group is a star with one reading.</li>
 *   <li>1 segment – 1 cluster: SURVIVED (the cluster keeps the id) when |o∩n| ≥ {@code survivalThreshold} (0.7)
 *       ·|o|; below that too few members stayed together for the segment to have survived, so it is a DEATH and the
 *       cluster a BIRTH.</li>
 *   <li>1 segment – several clusters: SPLIT; the part that received the most members keeps the id, the others get
 *       fresh ids.</li>
 *   <li>Several segments – 1 cluster: MERGE; the cluster keeps the id of the segment that supplied the most
 *       members.</li>
 *   <li>A segment without a link: DEATH; a cluster without one: BIRTH.</li>
 * </ol>
 * Segments and clusters of which the sample holds no member, and every segment and cluster when there is no overlap
 * at all, are paired by centroid instead: a minimum-cost assignment ({@link HungarianAlgorithm}) on Euclidean
 * distance, a pair within {@code maxCentroidShift} SURVIVED, the rest BIRTHs and DEATHs.
 *
 * <p>So every previous id is in the {@code fromSegments} of exactly one event and every id of the new model in the
 * {@code toSegments} of exactly one event. A new cluster that continues no segment gets a fresh id, one above the
 * highest id ever used (in cluster order): ids are never reused, so a consumer never confuses a new segment with a
 * dead one. Events carry the share that justified them as {@code overlap} (survival: |o∩n|/|o|; split: the parts'
 * shares of the segment, summed; merge: the sources' shares of the cluster, summed) and, where an id continues, the
 * distance its centre moved as {@code centroidShift}.
 */
public final class SegmentMatcher {

    /** Order of the event groups in the lineage. */
    private static final List<LineageKind> KIND_ORDER = List.of(LineageKind.SURVIVED, LineageKind.SPLIT,
            LineageKind.MERGE, LineageKind.BIRTH, LineageKind.DEATH);

    private final SegmentMatchingParams params;

    public SegmentMatcher(SegmentMatchingParams params) {
        this.params = params;
    }

    public SegmentMatcher() {
        this(SegmentMatchingParams.DEFAULTS);
    }

    /**
     * @param previous      the parent's segments, centroids in the new model's space (empty for a first model)
     * @param newCentroids  the new fit's centroids by cluster index
     * @param maxIdEverUsed highest segment id used by any ancestor (-1 if none)
     * @param overlap       where a sample of members went (previous id -> new cluster), or null if not measured
     */
    public SegmentMatching match(List<PreviousSegment> previous, double[][] newCentroids, int maxIdEverUsed,
                                 MemberOverlap overlap) {
        int d = Checks.finiteMatrix("newCentroids", newCentroids);
        int kNew = newCentroids.length;
        int kOld = previous.size();
        for (PreviousSegment p : previous) {
            Checks.dimension("centroid of previous segment " + p.segmentId(), p.centroidView(), d);
            if (p.segmentId() > maxIdEverUsed) {
                throw new IllegalArgumentException("previous segment id " + p.segmentId()
                        + " exceeds maxIdEverUsed " + maxIdEverUsed);
            }
        }
        if (previous.stream().map(PreviousSegment::segmentId).distinct().count() != kOld) {
            throw new IllegalArgumentException("previous segment ids must be distinct");
        }

        List<Fate> fates = new ArrayList<>();
        List<Integer> unmeasuredOld = IntStream.range(0, kOld).boxed().toList();
        List<Integer> unmeasuredNew = IntStream.range(0, kNew).boxed().toList();
        if (overlap != null) {
            fates.addAll(OverlapFates.decide(previous, kNew, overlap, params));
            unmeasuredOld = unmeasuredOld.stream()
                    .filter(j -> overlap.previousTotal(previous.get(j).segmentId()) == 0).toList();
            unmeasuredNew = unmeasuredNew.stream().filter(i -> overlap.newTotal(i) == 0).toList();
        }
        fates.addAll(CentroidPairing.decide(previous, unmeasuredOld, newCentroids, unmeasuredNew,
                params.maxCentroidShift()));
        requireOneFateEach(fates, kOld, kNew);

        int[] ids = new int[kNew];
        Arrays.fill(ids, -1);
        for (Fate f : fates) {
            if (f.heir() >= 0) {
                ids[f.heir()] = previous.get(f.donor()).segmentId();
            }
        }
        int nextId = maxIdEverUsed;
        for (int i = 0; i < kNew; i++) {
            if (ids[i] < 0) {
                ids[i] = ++nextId;
            }
        }

        List<LineageEvent> lineage = new ArrayList<>();
        for (Fate f : fates) {
            Double shift = f.heir() < 0 ? null
                    : Vectors.distance(newCentroids[f.heir()], previous.get(f.donor()).centroidView());
            lineage.add(event(f.kind(), f.olds().stream().map(j -> previous.get(j).segmentId()).sorted().toList(),
                    f.news().stream().map(i -> ids[i]).sorted().toList(), f.overlap(), shift));
        }
        lineage.sort(Comparator.comparingInt((LineageEvent e) -> KIND_ORDER.indexOf(e.getKind()))
                .thenComparing(e -> e.getToSegments().isEmpty() ? Integer.MAX_VALUE : e.getToSegments().get(0))
                .thenComparing(e -> e.getFromSegments().isEmpty() ? Integer.MAX_VALUE : e.getFromSegments().get(0)));
        return new SegmentMatching(ids, lineage, nextId);
    }

    /** The invariant the lineage is published on; a breach is a bug here, never a property of the data. */
    private static void requireOneFateEach(List<Fate> fates, int kOld, int kNew) {
        int[] oldFates = new int[kOld];
        int[] newFates = new int[kNew];
        for (Fate f : fates) {
            f.olds().forEach(j -> oldFates[j]++);
            f.news().forEach(i -> newFates[i]++);
        }
        if (IntStream.of(oldFates).anyMatch(c -> c != 1) || IntStream.of(newFates).anyMatch(c -> c != 1)) {
            throw new IllegalStateException("lineage must give every segment and cluster exactly one fate: " + fates);
        }
    }

    private static LineageEvent event(LineageKind kind, List<Integer> from, List<Integer> to, Double overlap,
                                      Double centroidShift) {
        return LineageEvent.newBuilder()
                .setKind(kind)
                .setFromSegments(new ArrayList<>(from))
                .setToSegments(new ArrayList<>(to))
                .setOverlap(overlap)
                .setCentroidShift(centroidShift)
                .build();
    }
}
