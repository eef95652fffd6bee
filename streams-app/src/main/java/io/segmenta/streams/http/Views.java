package io.segmenta.streams.http;

import java.util.List;
import java.util.Map;

/** The JSON bodies of the HTTP API, as records (Jackson writes their components as fields). */
public final class Views {

    private Views() {
    }

    /**
     * {@code GET /customers/{id}}. Segment fields are null while no model has scored the customer.
     *
     * @param explanation features that pulled the customer towards its segment rather than the runner-up, largest
     *                    first; empty when the segment was assigned by a model that is no longer active
     * @param features    the profile's features as of {@code featuresAsOf} (now); null for a missing value
     * @param previousSegmentId the segment she was in before this one, and {@code segmentSince} when she entered this
     *                          one (event time); null when this is her first segment
     */
    public record CustomerView(String customerId, Integer segmentId, String label, Double confidence, Double distance,
                               String modelName, Long modelVersion, String scoredAt, List<Contribution> explanation,
                               Map<String, Object> features, String featuresAsOf, String lifecycle,
                               String lastEventTime, long eventCount, Integer pendingSegmentId,
                               Integer pendingWins, Integer previousSegmentId, String segmentSince) {
    }

    public record Contribution(String feature, double contribution) {
    }

    /**
     * {@code GET /customers/{id}?at=<instant>}: the segment the customer held at {@code at}, since the transition
     * that put her there.
     *
     * @param since when that transition took effect (event time)
     * @param cause {@code EVENT} (her own event moved her) or {@code MODEL_UPDATE} (a new model re-scored her)
     */
    public record HeldAtView(String customerId, String at, int segmentId, String label, long modelVersion,
                             String since, String cause) {
    }

    /**
     * {@code GET /customers/{id}/history}: the latest transitions, newest first.
     *
     * @param capacity  how many transitions are kept per customer ({@code segmenta.assign.history-size})
     * @param truncated whether older transitions were dropped (her first segment is not among them)
     */
    public record HistoryView(String customerId, int capacity, boolean truncated, List<TransitionView> transitions) {
    }

    /** @param fromSegmentId null for her first segment */
    public record TransitionView(String at, Integer fromSegmentId, int segmentId, String label, long modelVersion,
                                 String cause) {
    }

    /** {@code GET /segments}: the active model's segments with their training and live figures. */
    public record SegmentsView(String modelName, long modelVersion, String algorithm, int k, String trainedUntil,
                               List<SegmentView> segments, DriftView drift) {
    }

    /**
     * @param trainingSize training vectors assigned to the segment
     * @param liveCount    live assignments to it in the latest drift window (0 before the first window ends)
     */
    public record SegmentView(int segmentId, String label, long trainingSize, double trainingShare,
                              Map<String, Double> profile, String suggestedAction, long liveCount, double liveShare) {
    }

    public record DriftView(long modelVersion, long assignments, double psi, double changeRate, double meanDistance,
                            String windowStart, String windowEnd) {
    }

    /** {@code GET /models}: versions seen, newest first, and the re-score progress. */
    public record ModelsView(String modelName, Long activeVersion, List<ModelEntry> versions, RescoreView rescore) {
    }

    public record ModelEntry(long version, String status, String reason, String seenAt, String validFrom) {
    }

    public record RescoreView(boolean running, Long modelVersion, long rescored, long approximateTotal, double progress) {
    }

    public record StateView(String state) {
    }

    public record ErrorView(String error, String message) {
    }
}
