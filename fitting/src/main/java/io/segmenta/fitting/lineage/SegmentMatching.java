package io.segmenta.fitting.lineage;

import io.segmenta.avro.LineageEvent;

import java.util.List;

/**
 * Result of {@link SegmentMatcher#match}.
 *
 * @param segmentIds   stable id of each new cluster, by cluster index
 * @param lineage      how the previous segments relate to the new ones
 * @param maxIdEverUsed the highest id used so far, including this version's births (ids are never reused)
 */
public record SegmentMatching(int[] segmentIds, List<LineageEvent> lineage, int maxIdEverUsed) {

    public SegmentMatching {
        segmentIds = segmentIds.clone();
        lineage = List.copyOf(lineage);
    }

    @Override
    public int[] segmentIds() {
        return segmentIds.clone();
    }

    public int segmentId(int cluster) {
        return segmentIds[cluster];
    }
}
