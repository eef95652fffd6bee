package io.segmenta.fitting.lineage;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where a sample of members went: the same points assigned by the parent model (to segment ids) and by the new fit
 * (to cluster indices). The contingency counts give MONIC's overlap measures in both directions.
 */
public final class MemberOverlap {

    private final Map<Integer, Map<Integer, Long>> counts = new TreeMap<>();
    private final Map<Integer, Long> previousTotals = new TreeMap<>();
    private final Map<Integer, Long> newTotals = new TreeMap<>();

    private MemberOverlap() {
    }

    /**
     * @param previousSegmentIds segment id of each sample point under the parent model
     * @param newClusters        cluster index of the same point under the new fit
     */
    public static MemberOverlap of(int[] previousSegmentIds, int[] newClusters) {
        if (previousSegmentIds.length != newClusters.length) {
            throw new IllegalArgumentException("both assignments must cover the same sample: "
                    + previousSegmentIds.length + " vs " + newClusters.length + " points");
        }
        if (previousSegmentIds.length == 0) {
            throw new IllegalArgumentException("the overlap sample is empty");
        }
        MemberOverlap o = new MemberOverlap();
        for (int i = 0; i < newClusters.length; i++) {
            o.counts.computeIfAbsent(previousSegmentIds[i], x -> new TreeMap<>())
                    .merge(newClusters[i], 1L, Long::sum);
            o.previousTotals.merge(previousSegmentIds[i], 1L, Long::sum);
            o.newTotals.merge(newClusters[i], 1L, Long::sum);
        }
        return o;
    }

    /** Share of the previous segment's sampled members that went to the new cluster: |X ∩ Y| / |X|. */
    public double shareOfPrevious(int previousSegmentId, int newCluster) {
        long total = previousTotals.getOrDefault(previousSegmentId, 0L);
        return total == 0 ? 0 : count(previousSegmentId, newCluster) / (double) total;
    }

    /** Share of the new cluster's sampled members that came from the previous segment: |X ∩ Y| / |Y|. */
    public double shareOfNew(int previousSegmentId, int newCluster) {
        long total = newTotals.getOrDefault(newCluster, 0L);
        return total == 0 ? 0 : count(previousSegmentId, newCluster) / (double) total;
    }

    public long count(int previousSegmentId, int newCluster) {
        return counts.getOrDefault(previousSegmentId, Map.of()).getOrDefault(newCluster, 0L);
    }

    /** Sampled members per new cluster. */
    public long newTotal(int newCluster) {
        return newTotals.getOrDefault(newCluster, 0L);
    }

    /** Sampled members per previous segment id. */
    public long previousTotal(int previousSegmentId) {
        return previousTotals.getOrDefault(previousSegmentId, 0L);
    }
}
