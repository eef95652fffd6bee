package io.segmenta.app.demo;

import io.segmenta.avro.LineageEvent;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentModel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How stable the run's segments were, as a consumer of {@code segment-changes} feels it: the figures issue 14's
 * targets speak of, for the demo's summary (the quality benchmark prints them per model, with the truth beside).
 *
 * @param movedPerRefitMedian        median share of the customers that a refit moved (its {@code MODEL_UPDATE}
 *                                   changes over the customers assigned), refits after the first model
 * @param movedPerRefitMax           the largest such share
 * @param distinctSegmentIds         segment ids the models used, all versions together
 * @param births                     segments born after the first model (lineage)
 * @param deaths                     segments that died
 * @param splits                     splits
 * @param merges                     merges
 * @param labelChanges               times a segment id kept from one version to the next changed its label
 * @param changesPerCustomerPer30Days moves between segments (first assignments aside) per customer per 30 days of
 *                                   the changes' event time
 */
public record StabilityFigures(double movedPerRefitMedian, double movedPerRefitMax, int distinctSegmentIds,
                               int births, int deaths, int splits, int merges, int labelChanges,
                               double changesPerCustomerPer30Days) {

    private static final double DAY_MILLIS = 86_400_000.0;

    /**
     * @param models            every version seen, in order
     * @param modelUpdateMoves  {@code MODEL_UPDATE} moves by the model version that caused them
     * @param moves             every move between segments (first assignments aside)
     * @param customers         customers assigned
     * @param spanMillis        event time from the first to the last change
     */
    public static StabilityFigures of(List<SegmentModel> models, Map<Long, Long> modelUpdateMoves, long moves,
                                      long customers, long spanMillis) {
        List<Double> moved = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        int births = 0;
        int deaths = 0;
        int splits = 0;
        int merges = 0;
        int labelChanges = 0;
        Map<Integer, String> labels = new HashMap<>();
        for (int i = 0; i < models.size(); i++) {
            SegmentModel m = models.get(i);
            if (i > 0) {
                moved.add(customers == 0 ? 0 : modelUpdateMoves.getOrDefault(m.getVersion(), 0L) / (double) customers);
                for (LineageEvent e : m.getLineage()) {
                    switch (e.getKind()) {
                        case BIRTH -> births++;
                        case DEATH -> deaths++;
                        case SPLIT -> splits++;
                        case MERGE -> merges++;
                        default -> {
                        }
                    }
                }
            }
            Map<Integer, String> now = new HashMap<>();
            for (Segment s : m.getSegments()) {
                ids.add(s.getSegmentId());
                now.put(s.getSegmentId(), s.getLabel());
                String before = labels.get(s.getSegmentId());
                if (i > 0 && before != null && !before.equals(s.getLabel())) {
                    labelChanges++;
                }
            }
            labels = now;
        }
        moved.sort(null);
        double median = moved.isEmpty() ? 0 : moved.size() % 2 == 1 ? moved.get(moved.size() / 2)
                : (moved.get(moved.size() / 2 - 1) + moved.get(moved.size() / 2)) / 2;
        double max = moved.isEmpty() ? 0 : moved.get(moved.size() - 1);
        double months = spanMillis / DAY_MILLIS / 30;
        double rate = customers == 0 || months <= 0 ? 0 : moves / (double) customers / months;
        return new StabilityFigures(median, max, ids.size(), births, deaths, splits, merges, labelChanges, rate);
    }
}
