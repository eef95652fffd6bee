package io.segmenta.benchmarks.quality;

import io.segmenta.avro.ChangeCause;
import io.segmenta.avro.LineageEvent;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentModel;
import io.segmenta.fitting.quality.ClusteringMetrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The benchmark's metrics as pure functions of what the pipeline published, so that they are tested without a
 * pipeline. Nothing here talks to Kafka or folds events.
 */
public final class QualityMath {

    static final long DAY_MILLIS = 86_400_000L;

    private QualityMath() {
    }

    /** The model's lineage events by kind (one event per birth, death, split or merge). */
    public static LineageCounts lineage(SegmentModel model) {
        int survived = 0;
        int births = 0;
        int deaths = 0;
        int splits = 0;
        int merges = 0;
        for (LineageEvent e : model.getLineage()) {
            switch (e.getKind()) {
                case SURVIVED -> survived++;
                case BIRTH -> births++;
                case DEATH -> deaths++;
                case SPLIT -> splits++;
                case MERGE -> merges++;
                default -> {
                    // UNKNOWN: written by a newer producer; not counted as any of the above
                }
            }
        }
        return new LineageCounts(survived, births, deaths, splits, merges);
    }

    /**
     * Stable ids present in both versions whose label differs: what a marketer watching labels sees change even
     * when nobody moved.
     */
    public static int labelChanges(SegmentModel previous, SegmentModel current) {
        if (previous == null) {
            return 0;
        }
        Map<Integer, String> before = new HashMap<>();
        for (Segment s : previous.getSegments()) {
            before.put(s.getSegmentId(), s.getLabel());
        }
        int changed = 0;
        for (Segment s : current.getSegments()) {
            String old = before.get(s.getSegmentId());
            if (old != null && !old.equals(s.getLabel())) {
                changed++;
            }
        }
        return changed;
    }

    /**
     * Where the lineage does not add up against the parent: ids that are in neither model, segments no event
     * accounts for, a SURVIVED edge that renames, a birth that reuses a parent's id. Empty when consistent.
     *
     * @param parent the model the lineage refers to (its {@code parentVersion}), null for a first model
     */
    public static List<String> lineageProblems(SegmentModel parent, SegmentModel model) {
        List<String> problems = new ArrayList<>();
        Set<Integer> current = ids(model);
        if (parent == null) {
            if (model.getParentVersion() != null) {
                problems.add("parent v" + model.getParentVersion() + " was not seen on the topic");
            }
            return problems;
        }
        Set<Integer> before = ids(parent);
        Set<Integer> sources = new HashSet<>();
        Set<Integer> targets = new HashSet<>();
        for (LineageEvent e : model.getLineage()) {
            for (int from : e.getFromSegments()) {
                sources.add(from);
                if (!before.contains(from)) {
                    problems.add(e.getKind() + " from " + from + ", not a segment of v" + parent.getVersion());
                }
            }
            for (int to : e.getToSegments()) {
                targets.add(to);
                if (!current.contains(to)) {
                    problems.add(e.getKind() + " to " + to + ", not a segment of v" + model.getVersion());
                }
            }
            if (e.getKind() == io.segmenta.avro.LineageKind.SURVIVED && !e.getFromSegments().equals(e.getToSegments())) {
                problems.add("SURVIVED " + e.getFromSegments() + " -> " + e.getToSegments() + " changes the id");
            }
            if (e.getKind() == io.segmenta.avro.LineageKind.BIRTH) {
                e.getToSegments().stream().filter(before::contains)
                        .forEach(id -> problems.add("BIRTH of " + id + ", an id v" + parent.getVersion() + " has"));
            }
        }
        before.stream().filter(id -> !sources.contains(id)).sorted()
                .forEach(id -> problems.add("segment " + id + " of v" + parent.getVersion() + " has no lineage event"));
        current.stream().filter(id -> !targets.contains(id)).sorted()
                .forEach(id -> problems.add("segment " + id + " of v" + model.getVersion() + " has no lineage event"));
        return problems;
    }

    private static Set<Integer> ids(SegmentModel model) {
        Set<Integer> ids = new HashSet<>();
        model.getSegments().forEach(s -> ids.add(s.getSegmentId()));
        return ids;
    }

    /** Customers the version moved when re-scored (MODEL_UPDATE), out of the customers it assigned. */
    public static MovedShare moved(List<ChangeRecord> changes, List<AssignmentRecord> assignments, long version) {
        long moved = changes.stream().filter(c -> c.modelVersion() == version && c.cause() == ChangeCause.MODEL_UPDATE
                && c.isMove()).count();
        long assigned = assignments.stream().filter(a -> a.modelVersion() == version)
                .map(AssignmentRecord::customerId).distinct().count();
        return new MovedShare(moved, assigned);
    }

    /**
     * Changes per customer per 30 days of event time, by cause.
     *
     * @param spanMillis event-time span of the data (first to last event)
     */
    public static ChangeRates changeRates(List<ChangeRecord> changes, long spanMillis) {
        long event = 0;
        long update = 0;
        long other = 0;
        long first = 0;
        Set<String> customers = new HashSet<>();
        for (ChangeRecord c : changes) {
            customers.add(c.customerId());
            if (!c.isMove()) {
                first++;
            } else if (c.cause() == ChangeCause.EVENT) {
                event++;
            } else if (c.cause() == ChangeCause.MODEL_UPDATE) {
                update++;
            } else {
                other++;
            }
        }
        return new ChangeRates(event, update, other, first, customers.size(), spanMillis / (double) DAY_MILLIS);
    }

    /**
     * Reversals and moves of new customers among the moves of {@code changes} (any order; sorted here per customer
     * by event time, then model version).
     *
     * @param firstEventMillis each customer's first event time
     */
    public static ChangeShape changeShape(List<ChangeRecord> changes, Map<String, Long> firstEventMillis) {
        Map<String, List<ChangeRecord>> byCustomer = new HashMap<>();
        for (ChangeRecord c : changes) {
            if (c.isMove()) {
                byCustomer.computeIfAbsent(c.customerId(), id -> new ArrayList<>()).add(c);
            }
        }
        long moves = 0;
        long reversals = 0;
        long whileNew = 0;
        List<Double> daysToReversal = new ArrayList<>();
        for (Map.Entry<String, List<ChangeRecord>> e : byCustomer.entrySet()) {
            List<ChangeRecord> list = e.getValue();
            list.sort(Comparator.comparingLong(ChangeRecord::eventTimeMillis).thenComparingLong(ChangeRecord::modelVersion));
            Long first = firstEventMillis.get(e.getKey());
            for (int i = 0; i < list.size(); i++) {
                ChangeRecord c = list.get(i);
                moves++;
                if (first != null && c.eventTimeMillis() - first < 30 * DAY_MILLIS) {
                    whileNew++;
                }
                if (i + 1 < list.size() && list.get(i + 1).segmentId() == c.previousSegmentId()) {
                    reversals++;
                    daysToReversal.add((list.get(i + 1).eventTimeMillis() - c.eventTimeMillis()) / (double) DAY_MILLIS);
                }
            }
        }
        return new ChangeShape(moves, reversals, median(daysToReversal), whileNew);
    }

    /**
     * The majority truth behaviour of each segment, from customers' segments and behaviours listed in the same
     * order. Ties go to the behaviour first in alphabetical order, so the answer does not depend on hash order.
     */
    public static Map<Integer, String> majority(int[] segmentIds, String[] behaviours) {
        Map<Integer, Map<String, Integer>> counts = new TreeMap<>();
        for (int i = 0; i < segmentIds.length; i++) {
            if (behaviours[i] != null) {
                counts.computeIfAbsent(segmentIds[i], s -> new TreeMap<>()).merge(behaviours[i], 1, Integer::sum);
            }
        }
        Map<Integer, String> majority = new HashMap<>();
        counts.forEach((segment, byBehaviour) -> majority.put(segment, byBehaviour.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .orElseThrow().getKey()));
        return majority;
    }

    /**
     * Drift lag of every customer whose truth switches. A customer's timeline is its assignment records; a record
     * counts from {@code max(its event time, the window end of its model)}, since a model exists in event time only
     * once its window has closed (a re-scored customer's latest event can be older). The customer has arrived at the
     * first record, at or after the switch, into a segment whose majority behaviour (for that model version) is the
     * new behaviour; if the segment in force at the switch already was one, the lag is 0.
     *
     * @param timelines         assignment records by customer, in the order they were written
     * @param windowEndByVersion each model version's training window end
     * @param majority          majority truth behaviour of each version's segments
     */
    public static DriftLags driftLags(Truth truth, Map<String, List<AssignmentRecord>> timelines,
                                      Map<Long, Long> windowEndByVersion, Map<VersionSegment, String> majority,
                                      long windowMillis) {
        int drifting = 0;
        int already = 0;
        int never = 0;
        int unreachable = 0;
        List<Long> lags = new ArrayList<>();
        for (String customer : new java.util.TreeSet<>(truth.customers())) {
            Optional<Instant> switched = truth.switchTime(customer);
            if (switched.isEmpty()) {
                continue;
            }
            drifting++;
            long at = switched.get().toEpochMilli();
            String target = truth.behaviourAt(customer, switched.get());
            List<long[]> timeline = new ArrayList<>(); // {effective time, index}
            List<AssignmentRecord> records = timelines.getOrDefault(customer, List.of());
            for (int i = 0; i < records.size(); i++) {
                AssignmentRecord r = records.get(i);
                long end = windowEndByVersion.getOrDefault(r.modelVersion(), Long.MIN_VALUE);
                timeline.add(new long[]{Math.max(r.eventTimeMillis(), end), i});
            }
            timeline.sort(Comparator.<long[]>comparingLong(t -> t[0]).thenComparingLong(t -> t[1]));
            AssignmentRecord inForce = null;
            Long lag = null;
            for (long[] t : timeline) {
                AssignmentRecord r = records.get((int) t[1]);
                if (t[0] < at) {
                    inForce = r;
                    continue;
                }
                if (inForce != null && target.equals(majority.get(new VersionSegment(inForce.modelVersion(),
                        inForce.segmentId())))) {
                    lag = 0L;
                    already++;
                    break;
                }
                inForce = null; // only the segment held at the switch can count as "already there"
                if (target.equals(majority.get(new VersionSegment(r.modelVersion(), r.segmentId())))) {
                    lag = t[0] - at;
                    break;
                }
            }
            if (lag == null && inForce != null
                    && target.equals(majority.get(new VersionSegment(inForce.modelVersion(), inForce.segmentId())))) {
                lag = 0L; // the switch came after the customer's last record, into the segment it already held
                already++;
            }
            if (lag == null) {
                never++;
                if (!reachable(target, at, windowEndByVersion, majority)) {
                    unreachable++;
                }
            } else {
                lags.add(lag);
            }
        }
        lags.sort(null);
        return new DriftLags(drifting, lags, already, never, unreachable, windowMillis);
    }

    /** Some model whose window ended at or after {@code at} has a segment whose majority is {@code behaviour}. */
    private static boolean reachable(String behaviour, long at, Map<Long, Long> windowEndByVersion,
                                     Map<VersionSegment, String> majority) {
        return majority.entrySet().stream().anyMatch(e -> e.getValue().equals(behaviour)
                && windowEndByVersion.getOrDefault(e.getKey().version(), Long.MIN_VALUE) >= at);
    }

    /** Nearest-rank percentile (p in (0, 1]) of sorted values; NaN when empty. */
    public static double percentile(List<? extends Number> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1)).doubleValue();
    }

    /** Median of unsorted values, NaN values ignored; NaN when none. */
    public static double median(List<Double> values) {
        List<Double> sorted = values.stream().filter(v -> !Double.isNaN(v)).sorted().toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Adjusted Rand index of string truth labels against predicted cluster ids. */
    public static double ari(String[] truth, int[] predicted) {
        Map<String, Integer> ids = new HashMap<>();
        int[] t = new int[truth.length];
        for (int i = 0; i < truth.length; i++) {
            t[i] = ids.computeIfAbsent(truth[i], x -> ids.size());
        }
        return ClusteringMetrics.adjustedRandIndex(t, predicted);
    }

    /** How many times k changed from one version to the next. */
    public static int kChanges(List<Integer> ks) {
        int changes = 0;
        for (int i = 1; i < ks.size(); i++) {
            changes += ks.get(i).equals(ks.get(i - 1)) ? 0 : 1;
        }
        return changes;
    }

    /** k left a value and later came back to it. */
    public static boolean oscillates(List<Integer> ks) {
        Set<Integer> left = new HashSet<>();
        for (int i = 1; i < ks.size(); i++) {
            if (!ks.get(i).equals(ks.get(i - 1))) {
                left.add(ks.get(i - 1));
                if (left.contains(ks.get(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The model's lineage as short lines, e.g. {@code MERGE 3,5->5}, for the JSON report and problem hunting. */
    public static List<String> edges(SegmentModel model) {
        return model.getLineage().stream().map(e -> e.getKind() + " "
                + e.getFromSegments().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","))
                + "->" + e.getToSegments().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")))
                .toList();
    }
}
