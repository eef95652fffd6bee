package io.segmenta.assigner.drift;

import io.segmenta.assigner.scoring.Assignment;
import io.segmenta.avro.DriftReport;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentDrift;
import io.segmenta.avro.SegmentModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Statistics of live assignments to one model over a window, compared with the model's training data, reported
 * as a {@link DriftReport}:
 * <ul>
 *   <li>per-segment share of the window's assignments, next to its training share ({@code size / sum of sizes};
 *       if all sizes are 0, the GMM weights, else uniform)</li>
 *   <li>PSI {@code sum_i (a_i - e_i) ln(a_i / e_i)} over segments, with window share {@code a_i} and training share
 *       {@code e_i} both floored at {@code epsilon} (default {@value #DEFAULT_EPSILON}) so that an empty
 *       segment gives a large but finite term instead of infinity</li>
 *   <li>mean distance to the assigned centre, overall and per segment</li>
 *   <li>change rate: assignments that changed a customer's segment per assignment</li>
 *   <li>centroid shift per segment vs a parent model in the same feature space, when one is given</li>
 * </ul>
 * Quantities of an empty window or segment (no assignments) are reported as 0. Accumulators of the same model
 * can be {@link #merge merged}, e.g. partial windows of parallel trainer tasks. Not thread-safe;
 * {@link #add} allocates nothing.
 */
public final class DriftAccumulator {

    public static final double DEFAULT_EPSILON = 1e-4;

    private final String modelName;
    private final long modelVersion;
    private final double epsilon;
    /** Model order. */
    private final int[] segmentIds;
    private final double[] trainingShares;
    private final Double[] centroidShifts;
    /** Sorted copy of segmentIds and, for each, its position in model order: id lookup without boxing. */
    private final int[] sortedIds;
    private final int[] modelIndexOfSorted;

    private final long[] counts;
    private final double[] distanceSums;
    private long changes;

    private DriftAccumulator(SegmentModel model, SegmentModel parent, double epsilon) {
        if (!(epsilon > 0 && epsilon < 1)) {
            throw new IllegalArgumentException("epsilon must be in (0, 1), was " + epsilon);
        }
        List<Segment> segments = model.getSegments();
        if (segments == null || segments.isEmpty()) {
            throw new IllegalArgumentException("model '" + model.getModelName() + "' v" + model.getVersion() + " has no segments");
        }
        this.modelName = model.getModelName();
        this.modelVersion = model.getVersion();
        this.epsilon = epsilon;
        int k = segments.size();
        this.segmentIds = new int[k];
        for (int j = 0; j < k; j++) {
            segmentIds[j] = segments.get(j).getSegmentId();
        }
        this.trainingShares = trainingShares(segments);
        this.centroidShifts = centroidShifts(model, parent);
        Integer[] order = new Integer[k];
        for (int j = 0; j < k; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(segmentIds[a], segmentIds[b]));
        this.sortedIds = new int[k];
        this.modelIndexOfSorted = new int[k];
        for (int i = 0; i < k; i++) {
            sortedIds[i] = segmentIds[order[i]];
            modelIndexOfSorted[i] = order[i];
            if (i > 0 && sortedIds[i] == sortedIds[i - 1]) {
                throw new IllegalArgumentException("duplicate segment id " + sortedIds[i] + " in model '" + modelName + "'");
            }
        }
        this.counts = new long[k];
        this.distanceSums = new double[k];
    }

    public static DriftAccumulator of(SegmentModel model) {
        return new DriftAccumulator(model, null, DEFAULT_EPSILON);
    }

    /**
     * @param parent  the model this one was refitted from, for centroid shifts; null for none. Ignored when its
     *                feature spec hash differs (centres in different spaces are not comparable).
     * @param epsilon floor of shares in the PSI, in (0, 1)
     */
    public static DriftAccumulator of(SegmentModel model, SegmentModel parent, double epsilon) {
        return new DriftAccumulator(Objects.requireNonNull(model, "model"), parent, epsilon);
    }

    /**
     * Records one assignment.
     *
     * @param distance distance to the assigned centre, as in {@link Assignment#distance()}
     * @param changed  whether it moved the customer to another segment (a first assignment counts as a change)
     * @throws IllegalArgumentException for a segment id the model does not have, or a negative/NaN distance
     */
    public void add(int segmentId, double distance, boolean changed) {
        int i = Arrays.binarySearch(sortedIds, segmentId);
        if (i < 0) {
            throw new IllegalArgumentException("segment " + segmentId + " is not in model '" + modelName + "' v" + modelVersion);
        }
        if (!(distance >= 0)) {
            throw new IllegalArgumentException("distance must be a non-negative number, was " + distance);
        }
        int j = modelIndexOfSorted[i];
        counts[j]++;
        distanceSums[j] += distance;
        if (changed) {
            changes++;
        }
    }

    /**
     * Adds observations aggregated elsewhere (e.g. on another worker, shipped as plain numbers): {@code count}
     * assignments to the segment whose distances sum to {@code distanceSum}.
     */
    public void addAggregate(int segmentId, long count, double distanceSum) {
        int i = Arrays.binarySearch(sortedIds, segmentId);
        if (i < 0) {
            throw new IllegalArgumentException("segment " + segmentId + " is not in model '" + modelName + "' v" + modelVersion);
        }
        if (count < 0 || !(distanceSum >= 0)) {
            throw new IllegalArgumentException("count and distance sum must be non-negative, were " + count + ", " + distanceSum);
        }
        int j = modelIndexOfSorted[i];
        counts[j] += count;
        distanceSums[j] += distanceSum;
    }

    /** Adds segment changes counted elsewhere. */
    public void addChanges(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("changes must be non-negative, was " + count);
        }
        changes += count;
    }

    /** Records a scorer's result. */
    public void add(Assignment assignment, boolean changed) {
        add(assignment.segmentId(), assignment.distance(), changed);
    }

    /**
     * Adds another accumulator's observations to this one; the result is the same as if this one had seen them.
     *
     * @throws IllegalArgumentException if the other one is for another model, version or epsilon
     */
    public DriftAccumulator merge(DriftAccumulator other) {
        if (!modelName.equals(other.modelName) || modelVersion != other.modelVersion || epsilon != other.epsilon
                || !Arrays.equals(segmentIds, other.segmentIds)) {
            throw new IllegalArgumentException("cannot merge drift of model '" + other.modelName + "' v"
                    + other.modelVersion + " into '" + modelName + "' v" + modelVersion);
        }
        for (int j = 0; j < counts.length; j++) {
            counts[j] += other.counts[j];
            distanceSums[j] += other.distanceSums[j];
        }
        changes += other.changes;
        return this;
    }

    /** Forgets all observations, e.g. at the start of a new window. */
    public void reset() {
        Arrays.fill(counts, 0);
        Arrays.fill(distanceSums, 0);
        changes = 0;
    }

    public long assignments() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    public long changes() {
        return changes;
    }

    /** Changes per assignment; 0 for an empty window. */
    public double changeRate() {
        long n = assignments();
        return n == 0 ? 0.0 : (double) changes / n;
    }

    /** Share of the window's assignments that went to a segment; 0 for an empty window. */
    public double share(int segmentId) {
        long n = assignments();
        return n == 0 ? 0.0 : (double) counts[indexOf(segmentId)] / n;
    }

    public double trainingShare(int segmentId) {
        return trainingShares[indexOf(segmentId)];
    }

    /** Population stability index of window shares vs training shares; 0 for an empty window. */
    public double psi() {
        long n = assignments();
        if (n == 0) {
            return 0.0;
        }
        double psi = 0;
        for (int j = 0; j < counts.length; j++) {
            double actual = Math.max((double) counts[j] / n, epsilon);
            double expected = Math.max(trainingShares[j], epsilon);
            psi += (actual - expected) * Math.log(actual / expected);
        }
        return psi;
    }

    /** Mean distance over all assignments; 0 for an empty window. */
    public double meanDistance() {
        long n = assignments();
        double sum = 0;
        for (double s : distanceSums) {
            sum += s;
        }
        return n == 0 ? 0.0 : sum / n;
    }

    /** Mean distance of one segment's assignments; 0 if it had none. */
    public double meanDistance(int segmentId) {
        int j = indexOf(segmentId);
        return counts[j] == 0 ? 0.0 : distanceSums[j] / counts[j];
    }

    /** The window's report; segments in model order. */
    public DriftReport report(Instant windowStart, Instant windowEnd, Instant emittedAt) {
        List<SegmentDrift> segments = new ArrayList<>(segmentIds.length);
        Double largestShift = null;
        for (int j = 0; j < segmentIds.length; j++) {
            int id = segmentIds[j];
            segments.add(SegmentDrift.newBuilder()
                    .setSegmentId(id)
                    .setShare(share(id))
                    .setTrainingShare(trainingShares[j])
                    .setMeanDistance(meanDistance(id))
                    .setCentroidShift(centroidShifts[j])
                    .build());
            if (centroidShifts[j] != null && (largestShift == null || centroidShifts[j] > largestShift)) {
                largestShift = centroidShifts[j];
            }
        }
        return DriftReport.newBuilder()
                .setModelName(modelName)
                .setModelVersion(modelVersion)
                .setWindowStart(windowStart)
                .setWindowEnd(windowEnd)
                .setAssignments(assignments())
                .setSegments(segments)
                .setPsi(psi())
                .setMeanDistance(meanDistance())
                .setCentroidShift(largestShift)
                .setChangeRate(changeRate())
                .setEmittedAt(emittedAt)
                .build();
    }

    private int indexOf(int segmentId) {
        int i = Arrays.binarySearch(sortedIds, segmentId);
        if (i < 0) {
            throw new IllegalArgumentException("segment " + segmentId + " is not in model '" + modelName + "' v" + modelVersion);
        }
        return modelIndexOfSorted[i];
    }

    private static double[] trainingShares(List<Segment> segments) {
        int k = segments.size();
        double[] shares = new double[k];
        double total = 0;
        for (Segment s : segments) {
            total += s.getSize();
        }
        if (total > 0) {
            for (int j = 0; j < k; j++) {
                shares[j] = segments.get(j).getSize() / total;
            }
            return shares;
        }
        double weights = 0;
        for (Segment s : segments) {
            weights += s.getWeight() == null ? Double.NaN : s.getWeight();
        }
        for (int j = 0; j < k; j++) {
            shares[j] = weights > 0 ? segments.get(j).getWeight() / weights : 1.0 / k;
        }
        return shares;
    }

    private static Double[] centroidShifts(SegmentModel model, SegmentModel parent) {
        Double[] shifts = new Double[model.getSegments().size()];
        if (parent == null || parent.getFeatureSpec() == null || model.getFeatureSpec() == null
                || !Objects.equals(parent.getFeatureSpec().getHash(), model.getFeatureSpec().getHash())) {
            return shifts;
        }
        for (int j = 0; j < shifts.length; j++) {
            Segment s = model.getSegments().get(j);
            for (Segment p : parent.getSegments()) {
                if (p.getSegmentId() == s.getSegmentId() && p.getCentroid().size() == s.getCentroid().size()) {
                    double sum = 0;
                    for (int c = 0; c < s.getCentroid().size(); c++) {
                        double diff = s.getCentroid().get(c) - p.getCentroid().get(c);
                        sum += diff * diff;
                    }
                    shifts[j] = Math.sqrt(sum);
                }
            }
        }
        return shifts;
    }
}
