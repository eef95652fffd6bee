package io.segmenta.fitting.lineage;

import io.segmenta.avro.LineageEvent;
import io.segmenta.avro.LineageKind;
import io.segmenta.fitting.Checks;
import io.segmenta.fitting.Vectors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Gives the clusters of a refit stable segment ids and explains the change as lineage.
 *
 * <ol>
 *   <li>Minimum-cost assignment ({@link HungarianAlgorithm}) of new centroids to previous ones by Euclidean
 *       distance. A pair keeps the previous id when the centroid moved at most {@code maxCentroidShift}, or when the
 *       member overlap shows MONIC survival (at least {@code survivalThreshold} of the previous members went there).</li>
 *   <li>Every other new cluster gets a fresh id, one above the highest id ever used: ids are never reused, so a
 *       consumer never confuses a new segment with a dead one.</li>
 *   <li>With a member overlap (MONIC, Spiliopoulou et al. 2006): a previous segment that sends at least
 *       {@code splitThreshold} of its members to each of two or more new clusters SPLIT; a new cluster that draws at
 *       least {@code splitThreshold} of its members from each of two or more previous segments is a MERGE.</li>
 *   <li>Remaining kept ids are SURVIVED (with centroid shift and overlap), remaining new clusters BIRTHs, remaining
 *       previous segments DEATHs. So every previous id appears as the source of, and every new id as the target of,
 *       at least one event.</li>
 * </ol>
 */
public final class SegmentMatcher {

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

        // 1. minimum-cost pairs, accepted by distance or by MONIC survival
        int[] oldOfNew = new int[kNew];
        Arrays.fill(oldOfNew, -1);
        double[] shift = new double[kNew];
        if (kOld > 0) {
            double[][] dist = new double[kNew][kOld];
            for (int i = 0; i < kNew; i++) {
                for (int j = 0; j < kOld; j++) {
                    dist[i][j] = Vectors.distance(newCentroids[i], previous.get(j).centroidView());
                }
            }
            int[] pairs = HungarianAlgorithm.solve(dist);
            for (int i = 0; i < kNew; i++) {
                int j = pairs[i];
                if (j < 0) {
                    continue;
                }
                boolean close = dist[i][j] <= params.maxCentroidShift();
                boolean survived = overlap != null
                        && overlap.shareOfPrevious(previous.get(j).segmentId(), i) >= params.survivalThreshold();
                if (close || survived) {
                    oldOfNew[i] = j;
                    shift[i] = dist[i][j];
                }
            }
        }

        // 2. ids: inherited, else fresh
        int[] ids = new int[kNew];
        int nextId = maxIdEverUsed;
        boolean[] oldKept = new boolean[kOld];
        for (int i = 0; i < kNew; i++) {
            if (oldOfNew[i] >= 0) {
                ids[i] = previous.get(oldOfNew[i]).segmentId();
                oldKept[oldOfNew[i]] = true;
            } else {
                ids[i] = ++nextId;
            }
        }

        // 3. splits and merges from the member overlap
        List<LineageEvent> survived = new ArrayList<>();
        List<LineageEvent> splits = new ArrayList<>();
        List<LineageEvent> merges = new ArrayList<>();
        List<LineageEvent> births = new ArrayList<>();
        List<LineageEvent> deaths = new ArrayList<>();
        boolean[] oldExplained = new boolean[kOld];
        boolean[] newExplained = new boolean[kNew];
        if (overlap != null) {
            for (int j = 0; j < kOld; j++) {
                int oldId = previous.get(j).segmentId();
                List<Integer> targets = new ArrayList<>();
                double share = 0;
                for (int i = 0; i < kNew; i++) {
                    double s = overlap.shareOfPrevious(oldId, i);
                    if (s >= params.splitThreshold()) {
                        targets.add(i);
                        share += s;
                    }
                }
                if (targets.size() >= 2) {
                    oldExplained[j] = true;
                    targets.forEach(i -> newExplained[i] = true);
                    splits.add(event(LineageKind.SPLIT, List.of(oldId), idsOf(targets, ids), share,
                            shiftOf(j, oldOfNew, shift)));
                }
            }
            for (int i = 0; i < kNew; i++) {
                List<Integer> sources = new ArrayList<>();
                double share = 0;
                for (int j = 0; j < kOld; j++) {
                    double s = overlap.shareOfNew(previous.get(j).segmentId(), i);
                    if (s >= params.splitThreshold()) {
                        sources.add(previous.get(j).segmentId());
                        share += s;
                    }
                }
                if (sources.size() >= 2) {
                    newExplained[i] = true;
                    for (int j = 0; j < kOld; j++) {
                        if (sources.contains(previous.get(j).segmentId())) {
                            oldExplained[j] = true;
                        }
                    }
                    sources.sort(Comparator.naturalOrder());
                    merges.add(event(LineageKind.MERGE, sources, List.of(ids[i]), share,
                            oldOfNew[i] >= 0 ? shift[i] : null));
                }
            }
        }

        // 4. the rest
        for (int i = 0; i < kNew; i++) {
            int j = oldOfNew[i];
            // an id that continues gets an event even when its old segment also sent members elsewhere (a split
            // among other clusters): every segment of the new model is accounted for in the lineage
            if (j >= 0 && !newExplained[i]) {
                Double share = overlap == null ? null : overlap.shareOfPrevious(ids[i], i);
                survived.add(event(LineageKind.SURVIVED, List.of(ids[i]), List.of(ids[i]), share, shift[i]));
            } else if (j < 0 && !newExplained[i]) {
                births.add(event(LineageKind.BIRTH, List.of(), List.of(ids[i]), null, null));
            }
        }
        for (int j = 0; j < kOld; j++) {
            if (!oldKept[j] && !oldExplained[j]) {
                deaths.add(event(LineageKind.DEATH, List.of(previous.get(j).segmentId()), List.of(), null, null));
            }
        }
        Comparator<LineageEvent> byIds = Comparator
                .comparing((LineageEvent e) -> e.getToSegments().isEmpty() ? Integer.MAX_VALUE : e.getToSegments().get(0))
                .thenComparing(e -> e.getFromSegments().isEmpty() ? Integer.MAX_VALUE : e.getFromSegments().get(0));
        List<LineageEvent> lineage = new ArrayList<>();
        for (List<LineageEvent> group : List.of(survived, splits, merges, births, deaths)) {
            group.sort(byIds);
            lineage.addAll(group);
        }
        return new SegmentMatching(ids, lineage, nextId);
    }

    private static Double shiftOf(int oldIndex, int[] oldOfNew, double[] shift) {
        for (int i = 0; i < oldOfNew.length; i++) {
            if (oldOfNew[i] == oldIndex) {
                return shift[i];
            }
        }
        return null;
    }

    private static List<Integer> idsOf(List<Integer> clusters, int[] ids) {
        return clusters.stream().map(i -> ids[i]).sorted().toList();
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
