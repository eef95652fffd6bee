package io.segmenta.streams.http;

import io.segmenta.assigner.drift.DriftAccumulator;
import io.segmenta.assigner.features.FeatureCatalog;
import io.segmenta.assigner.profile.CustomerProfile;
import io.segmenta.assigner.profile.LifecycleStage;
import io.segmenta.assigner.profile.ProfileSnapshot;
import io.segmenta.assigner.scoring.Assignment;
import io.segmenta.assigner.scoring.SwitchMargin;
import io.segmenta.avro.FeatureKind;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentModel;
import io.segmenta.streams.metrics.LiveDrift;
import io.segmenta.streams.metrics.RescoreProgress;
import io.segmenta.streams.model.CompiledModel;
import io.segmenta.streams.model.ModelBoard;
import io.segmenta.streams.state.CurrentAssignment;
import io.segmenta.streams.state.CustomerState;
import io.segmenta.streams.state.SegmentHistory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Builds the API's views from the assigner's state; pure functions, shared by every {@link AssignerQueries}. */
public final class AssignerViews {

    static final int EXPLAIN_TOP = 3;

    private AssignerViews() {
    }

    /**
     * @param margin the switch margin the assigner scores with: scoring again needs it to land on the stored segment
     *               when that segment was kept by the margin
     */
    public static Views.CustomerView customer(String customerId, CustomerState state, Optional<CompiledModel> active,
                                              SwitchMargin margin, long nowMillis) {
        CustomerProfile profile = state.profile();
        CurrentAssignment a = state.assignment();
        List<Views.Contribution> explanation = List.of();
        if (a != null && active.isPresent() && a.sameModel(active.get().name(), active.get().version())) {
            // same model, same as-of rule, the stored segment as the current one and the same margin: scoring again
            // reproduces the stored assignment (a kept segment is kept again, a won one wins again), so the
            // explanation is about the segment the customer is in. Only a margin changed since (a restart with
            // another setting) could land elsewhere: then no explanation rather than one of another segment.
            CompiledModel model = active.get();
            Assignment again = model.scorer().newAssignment();
            model.scorer().assign(profile.asOf(model.asOfMillis(profile)), a.segmentId(), margin, again);
            if (again.segmentId() != a.segmentId() && again.segmentId() == a.pendingSegmentId()) {
                // the segment her latest events chose, held back until it has won often enough in a row
                model.scorer().hold(again.vector(), a.segmentId(), again);
            }
            if (again.segmentId() == a.segmentId()) {
                explanation = model.scorer().explain(again.vector(), again, EXPLAIN_TOP).stream()
                        .map(c -> new Views.Contribution(c.getFeature(), c.getContribution())).toList();
            }
        }
        ProfileSnapshot now = profile.asOf(nowMillis);
        Map<String, Object> features = new LinkedHashMap<>();
        FeatureCatalog catalog = FeatureCatalog.standard();
        for (String name : catalog.names()) {
            if (catalog.kindOf(name).orElseThrow() == FeatureKind.NUMERIC) {
                double v = now.numeric(name);
                features.put(name, Double.isFinite(v) ? v : null);
            } else {
                features.put(name, now.category(name));
            }
        }
        return new Views.CustomerView(customerId,
                a == null ? null : a.segmentId(), a == null ? null : a.label(),
                a == null ? null : a.confidence(), a == null ? null : a.distance(),
                a == null ? null : a.modelName(), a == null ? null : a.modelVersion(),
                a == null ? null : Instant.ofEpochMilli(a.scoredAtMillis()).toString(),
                explanation, features, Instant.ofEpochMilli(now.asOfMillis()).toString(),
                profile.isEmpty() ? null : String.valueOf(LifecycleStage.of(now)).toLowerCase(java.util.Locale.ROOT),
                profile.isEmpty() ? null : Instant.ofEpochMilli(profile.lastEventMillis()).toString(),
                profile.eventCount(),
                a == null || a.pendingWins() == 0 ? null : a.pendingSegmentId(),
                a == null || a.pendingWins() == 0 ? null : a.pendingWins(),
                a == null || a.leftSegmentId() == Assignment.NO_SEGMENT ? null : a.leftSegmentId(),
                a == null || a.leftSegmentId() == Assignment.NO_SEGMENT ? null
                        : Instant.ofEpochMilli(a.sinceMillis()).toString());
    }

    /** Her transitions, newest first. */
    public static Views.HistoryView history(String customerId, SegmentHistory history, int capacity) {
        List<Views.TransitionView> newestFirst = new ArrayList<>(history.transitions().size());
        for (SegmentHistory.Transition t : history.transitions().reversed()) {
            newestFirst.add(new Views.TransitionView(Instant.ofEpochMilli(t.atMillis()).toString(),
                    t.fromSegmentId() == Assignment.NO_SEGMENT ? null : t.fromSegmentId(), t.segmentId(), t.label(),
                    t.modelVersion(), t.cause().name()));
        }
        return new Views.HistoryView(customerId, capacity, history.truncated(), newestFirst);
    }

    /** The segment she held at {@code at}, or why that is not known. */
    public static CustomerLookup heldAt(String customerId, SegmentHistory history, Instant at) {
        return switch (history.at(at.toEpochMilli())) {
            case SegmentHistory.HeldAt.Segment held -> new CustomerLookup.Found(new Views.HeldAtView(customerId,
                    at.toString(), held.since().segmentId(), held.since().label(), held.since().modelVersion(),
                    Instant.ofEpochMilli(held.since().atMillis()).toString(), held.since().cause().name()));
            case SegmentHistory.HeldAt.NoSegment ignored -> new CustomerLookup.NoAnswer("no_segment_then",
                    "customer '" + customerId + "' had no segment at " + at + (history.isEmpty() ? ""
                            : " (her first segment dates from "
                            + Instant.ofEpochMilli(history.transitions().getFirst().atMillis()) + ")"));
            case SegmentHistory.HeldAt.NotKept notKept -> new CustomerLookup.NoAnswer("not_kept",
                    "customer '" + customerId + "': " + at + " is before her oldest kept transition ("
                            + Instant.ofEpochMilli(notKept.oldestKeptMillis()) + "); only the latest "
                            + history.transitions().size() + " are kept (segmenta.assign.history-size)");
        };
    }

    public static Optional<Views.SegmentsView> segments(Optional<CompiledModel> active, LiveDrift drift) {
        if (active.isEmpty()) {
            return Optional.empty();
        }
        SegmentModel model = active.get().model();
        Optional<LiveDrift.Summary> live = drift.summary().filter(s -> s.modelVersion() == model.getVersion());
        DriftAccumulator trainingShares = DriftAccumulator.of(model);
        List<Views.SegmentView> segments = new ArrayList<>();
        for (Segment s : model.getSegments()) {
            long liveCount = live.map(d -> Math.round(d.stats().share(s.getSegmentId()) * d.stats().assignments())).orElse(0L);
            double liveShare = live.map(d -> d.stats().share(s.getSegmentId())).orElse(0.0);
            segments.add(new Views.SegmentView(s.getSegmentId(), s.getLabel(), s.getSize(),
                    trainingShares.trainingShare(s.getSegmentId()), new TreeMap<>(s.getProfile()),
                    s.getSuggestedAction(), liveCount, liveShare));
        }
        Views.DriftView driftView = live.map(d -> new Views.DriftView(d.modelVersion(), d.stats().assignments(),
                d.stats().psi(), d.stats().changeRate(), d.stats().meanDistance(), d.windowStart().toString(),
                d.windowEnd().toString())).orElse(null);
        return Optional.of(new Views.SegmentsView(model.getModelName(), model.getVersion(), model.getAlgorithm().name(),
                model.getSegments().size(), model.getTrainingWindow().getEnd().toString(), segments, driftView));
    }

    public static Views.ModelsView models(String modelName, ModelBoard board, RescoreProgress rescore) {
        List<Views.ModelEntry> versions = board.entries().stream()
                .map(e -> new Views.ModelEntry(e.version(), e.status().name(), e.reason(), e.seenAt().toString(),
                        e.validFrom() == null ? null : e.validFrom().toString()))
                .toList();
        RescoreProgress.Summary r = rescore.summary();
        return new Views.ModelsView(modelName, board.active().map(CompiledModel::version).orElse(null), versions,
                new Views.RescoreView(r.running(), r.modelVersion(), r.rescored(), r.approximateTotal(), r.progress()));
    }
}
