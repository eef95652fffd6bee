package io.segmenta.streams.state;

import io.segmenta.assigner.scoring.Assignment;

import java.util.Objects;

/**
 * A customer's current segment as the assigner last scored it, and the other segment her latest events chose in a
 * row, if any (held back by {@code SwitchPersistence} until it has won often enough).
 *
 * @param scoredAtMillis   wall time of the latest scoring
 * @param pendingSegmentId the segment her latest events chose instead, or {@link Assignment#NO_SEGMENT}
 * @param pendingWins      how many of her events in a row chose it; 0 when none is pending
 * @param leftSegmentId    the segment she was in before this one, {@link Assignment#NO_SEGMENT} if none: a move back
 *                         to it soon after is a reversal ({@code SwitchPersistence#isReversal})
 * @param sinceMillis      event time she entered this segment (meaningful only with a {@code leftSegmentId})
 */
public record CurrentAssignment(int segmentId, String label, String modelName, long modelVersion,
                                double distance, double confidence, long scoredAtMillis, int pendingSegmentId,
                                int pendingWins, int leftSegmentId, long sinceMillis) {

    public CurrentAssignment {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(modelName, "modelName");
        if (pendingWins < 0) {
            throw new IllegalArgumentException("pendingWins must not be negative, was " + pendingWins);
        }
        if (pendingWins == 0) {
            pendingSegmentId = Assignment.NO_SEGMENT;
        }
        if (leftSegmentId == Assignment.NO_SEGMENT) {
            sinceMillis = Long.MIN_VALUE;
        }
    }

    /** An assignment without the segment she left. */
    public CurrentAssignment(int segmentId, String label, String modelName, long modelVersion, double distance,
                             double confidence, long scoredAtMillis, int pendingSegmentId, int pendingWins) {
        this(segmentId, label, modelName, modelVersion, distance, confidence, scoredAtMillis, pendingSegmentId,
                pendingWins, Assignment.NO_SEGMENT, Long.MIN_VALUE);
    }

    /** An assignment with no switch pending. */
    public CurrentAssignment(int segmentId, String label, String modelName, long modelVersion, double distance,
                             double confidence, long scoredAtMillis) {
        this(segmentId, label, modelName, modelVersion, distance, confidence, scoredAtMillis, Assignment.NO_SEGMENT, 0);
    }

    public boolean sameModel(String name, long version) {
        return modelVersion == version && modelName.equals(name);
    }
}
