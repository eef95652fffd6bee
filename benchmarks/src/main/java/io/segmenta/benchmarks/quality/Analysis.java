package io.segmenta.benchmarks.quality;

import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentModel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a run's outputs and its re-scored windows into the table rows and the run summary. */
final class Analysis {

    record Result(List<ModelRow> rows, RunSummary summary) {
    }

    private Analysis() {
    }

    static Result of(RunData run, List<WindowScores> windows, Truth truth, QualityOptions options,
                     WindowEvaluator evaluator) {
        Map<Long, SegmentModel> byVersion = new HashMap<>();
        run.models().forEach(m -> byVersion.put(m.getVersion(), m));
        Map<Long, WindowScores> scores = new HashMap<>();
        windows.forEach(w -> scores.put(w.version(), w));

        List<ModelRow> rows = new ArrayList<>();
        SegmentModel previous = null;
        Set<Integer> ids = new HashSet<>();
        List<Integer> ks = new ArrayList<>();
        int problems = 0;
        for (SegmentModel m : run.models()) {
            WindowScores w = scores.get(m.getVersion());
            SegmentModel parent = m.getParentVersion() == null ? null : byVersion.get(m.getParentVersion());
            List<String> lineageProblems = new ArrayList<>(QualityMath.lineageProblems(parent, m));
            if (previous != null && m.getParentVersion() != null && m.getParentVersion() != previous.getVersion()) {
                lineageProblems.add("parent is v" + m.getParentVersion() + ", not the previous version v"
                        + previous.getVersion());
            }
            problems += lineageProblems.size();
            List<Integer> segmentIds = m.getSegments().stream().map(Segment::getSegmentId).sorted().toList();
            ids.addAll(segmentIds);
            ks.add(m.getSegments().size());
            rows.add(new ModelRow(m.getVersion(), m.getParentVersion(), m.getTrainingWindow().getEnd().toString(),
                    m.getSegments().size(), m.getTrainingWindow().getSampleSize(),
                    w == null ? 0 : w.customerIds().length,
                    w == null ? Double.NaN : w.ariModel(), w == null ? Double.NaN : w.ariBatch(),
                    w == null ? Double.NaN : w.ariModelBatch(),
                    QualityMath.moved(run.changes(), run.assignments(), m.getVersion()), QualityMath.lineage(m),
                    QualityMath.labelChanges(previous, m), segmentIds, m.getTags().getOrDefault("decision", ""),
                    QualityMath.edges(m), lineageProblems));
            previous = m;
        }

        List<ModelRow> afterWarmup = rows.stream().skip(Math.max(1, options.warmupModels())).toList();
        List<Double> shares = afterWarmup.stream().map(r -> r.moved().share()).toList();
        ModelRow most = afterWarmup.stream().filter(r -> !Double.isNaN(r.moved().share()))
                .max(java.util.Comparator.comparingDouble(r -> r.moved().share())).orElse(null);

        long span = run.events().isEmpty() ? 0 : run.events().getLast().getEventTime().toEpochMilli()
                - run.events().getFirst().getEventTime().toEpochMilli();
        ChangeRates rates = QualityMath.changeRates(run.changes(), span);
        Map<String, Long> firstEvents = new HashMap<>();
        run.events().forEach(e -> firstEvents.merge(e.getCustomerId(), e.getEventTime().toEpochMilli(), Math::min));
        ChangeShape shape = QualityMath.changeShape(run.changes(), firstEvents);

        DriftLags lags = null;
        if (!truth.customers().isEmpty() && !truth.stationary()) {
            Map<VersionSegment, String> majority = new HashMap<>();
            windows.forEach(w -> QualityMath.majority(w.modelSegments(), w.behaviours())
                    .forEach((segment, behaviour) -> majority.put(new VersionSegment(w.version(), segment), behaviour)));
            Map<Long, Long> ends = new HashMap<>();
            run.models().forEach(m -> ends.put(m.getVersion(), m.getTrainingWindow().getEnd().toEpochMilli()));
            Map<String, List<AssignmentRecord>> timelines = new LinkedHashMap<>();
            run.assignments().forEach(a -> timelines.computeIfAbsent(a.customerId(), c -> new ArrayList<>()).add(a));
            lags = QualityMath.driftLags(truth, timelines, ends, majority, options.window().toMillis());
        }

        RunSummary summary = new RunSummary(rows.size(), ids.size(), ks, QualityMath.kChanges(ks), QualityMath.oscillates(ks), rates, shape,
                options.warmupModels(), afterWarmup.size(), QualityMath.median(shares),
                shares.stream().filter(s -> !Double.isNaN(s)).mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
                most == null ? null : most.version(), lags, run.produced(), evaluator.rejected, evaluator.duplicates,
                run.unreadable(), run.seconds(), problems);
        return new Result(rows, summary);
    }
}
