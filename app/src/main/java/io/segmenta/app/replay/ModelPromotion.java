package io.segmenta.app.replay;

import io.segmenta.avro.FeatureSpec;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentAssignment;
import io.segmenta.avro.SegmentModel;
import io.segmenta.fitting.lineage.MemberOverlap;
import io.segmenta.fitting.lineage.PreviousSegment;
import io.segmenta.fitting.lineage.SegmentMatcher;
import io.segmenta.fitting.lineage.SegmentMatching;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Makes a replayed model the live lineage's next version ({@code segment replay --promote}). The replay scored the
 * same customers the live assigner holds, so the two sets of assignments are a member overlap of the whole population,
 * and {@link SegmentMatcher} reads the lineage off it by MONIC's rules, exactly as the trainer does for a refit: a
 * replayed segment that keeps at least 70 % of a live segment's customers keeps its id (SURVIVED), and so on. Ids are
 * never reused: a segment that continues none gets one above the highest the lineage ever used.
 *
 * <p>The promoted version is valid from {@code validFrom} (just after the latest event time in the events topic when
 * promoted),
 * not from the end of its training window: live processing applies it from there, and a later replay of the history
 * must apply it at the same point.
 */
final class ModelPromotion {

    /** Where a live segment's centre would be compared with a replayed one's when the feature spaces differ: never. */
    private static final double FAR = 1e12;

    private ModelPromotion() {
    }

    /**
     * @param candidate      the model the replay scored every event with
     * @param live           the live lineage's latest version, or null when it has none
     * @param lineageName    the live lineage's model name, which the promoted version takes
     * @param nextVersion    the version to publish it as (above every version of the lineage)
     * @param maxIdEverUsed  the highest segment id any version of the lineage used (-1 if none)
     * @param liveAssigned   the live assignments by customer
     * @param replayAssigned the replay's assignments by customer
     * @param provenance     what the model came from, for its tags (a file, or a version)
     */
    static Promoted promote(SegmentModel candidate, SegmentModel live, String lineageName, long nextVersion,
                            int maxIdEverUsed,
                            Map<String, SegmentAssignment> liveAssigned, Map<String, SegmentAssignment> replayAssigned,
                            Instant validFrom, Instant now, String provenance) {
        Objects.requireNonNull(candidate, "candidate");
        if (live != null && nextVersion <= live.getVersion()) {
            throw new IllegalArgumentException("next version " + nextVersion + " is not above the live v" + live.getVersion());
        }
        List<Segment> segments = candidate.getSegments();
        Map<Integer, Integer> clusterOf = new HashMap<>();
        double[][] centroids = new double[segments.size()][];
        for (int i = 0; i < segments.size(); i++) {
            clusterOf.put(segments.get(i).getSegmentId(), i);
            centroids[i] = segments.get(i).getCentroid().stream().mapToDouble(Double::doubleValue).toArray();
        }
        int dimension = candidate.getFeatureSpec().getDimension();
        List<PreviousSegment> previous = new ArrayList<>();
        java.util.Set<Integer> liveIds = new java.util.HashSet<>();
        if (live != null) {
            boolean sameSpace = sameSpace(live.getFeatureSpec(), candidate.getFeatureSpec());
            for (Segment s : live.getSegments()) {
                double[] centre = new double[dimension];
                if (sameSpace) {
                    centre = s.getCentroid().stream().mapToDouble(Double::doubleValue).toArray();
                } else {
                    Arrays.fill(centre, FAR * (previous.size() + 1)); // distinct and far from every replayed centre
                }
                previous.add(new PreviousSegment(s.getSegmentId(), centre));
                liveIds.add(s.getSegmentId());
            }
        }
        List<Integer> before = new ArrayList<>();
        List<Integer> after = new ArrayList<>();
        for (var e : liveAssigned.entrySet()) {
            SegmentAssignment replayed = replayAssigned.get(e.getKey());
            // customers in a live segment of the latest version and in a segment of the candidate: a member overlap
            if (replayed != null && liveIds.contains(e.getValue().getSegmentId())
                    && clusterOf.containsKey(replayed.getSegmentId())) {
                before.add(e.getValue().getSegmentId());
                after.add(clusterOf.get(replayed.getSegmentId()));
            }
        }
        MemberOverlap overlap = before.isEmpty() ? null : MemberOverlap.of(
                before.stream().mapToInt(Integer::intValue).toArray(), after.stream().mapToInt(Integer::intValue).toArray());
        int maxId = Math.max(maxIdEverUsed, previous.stream().mapToInt(PreviousSegment::segmentId).max().orElse(-1));
        SegmentMatching matching = new SegmentMatcher().match(previous, centroids, maxId, overlap);

        List<Segment> renamed = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            renamed.add(Segment.newBuilder(segments.get(i)).setSegmentId(matching.segmentId(i)).build());
        }
        Map<String, String> tags = new HashMap<>(candidate.getTags());
        tags.put("promoted.from", provenance);
        tags.put("promoted.overlapCustomers", String.valueOf(before.size()));
        SegmentModel promoted = SegmentModel.newBuilder(candidate)
                .setModelName(lineageName)
                .setVersion(nextVersion)
                .setParentVersion(live == null ? null : live.getVersion())
                .setCreatedAt(now)
                .setSegments(renamed)
                .setLineage(matching.lineage())
                .setValidFrom(validFrom)
                .setTags(tags)
                .build();
        return new Promoted(promoted, before.size(), Map.copyOf(idMap(segments, renamed)));
    }

    /**
     * @param overlapCustomers customers whose live and replayed segments made the member overlap
     * @param ids              the candidate's segment id to the id it is published with
     */
    record Promoted(SegmentModel model, int overlapCustomers, Map<Integer, Integer> ids) {
    }

    /** Centres are comparable only in the same scaled space: the same features, transforms and scalers. */
    static boolean sameSpace(FeatureSpec a, FeatureSpec b) {
        return a.getDimension() == b.getDimension() && Objects.equals(a.getHash(), b.getHash());
    }

    private static Map<Integer, Integer> idMap(List<Segment> from, List<Segment> to) {
        Map<Integer, Integer> ids = new HashMap<>();
        for (int i = 0; i < from.size(); i++) {
            ids.put(from.get(i).getSegmentId(), to.get(i).getSegmentId());
        }
        return ids;
    }
}
