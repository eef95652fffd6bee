package io.segmenta.app.replay;

import io.segmenta.avro.SegmentAssignment;
import io.segmenta.fitting.quality.ClusteringMetrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The replay's assignments against the live ones, customer by customer: how many were compared, the share whose
 * segment would change, the transition matrix (live segment to replayed segment, with labels) and the adjusted Rand
 * index between the two partitions (1 when they group the customers alike, whatever the ids).
 *
 * @param compared    customers in both
 * @param onlyLive    customers the live assigner has and the replay does not (outside its range, or no segment yet)
 * @param onlyReplay  customers the replay has and the live assigner does not
 * @param changed     compared customers whose segment id differs
 * @param transitions live segment id -> replayed segment id -> customers
 * @param labels      segment id -> label, live first, then the replay's for ids only it has
 * @param ari         adjusted Rand index between the live and the replayed segments of the compared customers
 */
public record ReplayComparison(int compared, int onlyLive, int onlyReplay, int changed,
                               Map<Integer, Map<Integer, Integer>> transitions, Map<Integer, String> labels,
                               double ari) {

    public static ReplayComparison of(Map<String, SegmentAssignment> live, Map<String, SegmentAssignment> replay) {
        Map<Integer, Map<Integer, Integer>> transitions = new TreeMap<>();
        Map<Integer, String> labels = new TreeMap<>();
        List<Integer> before = new ArrayList<>();
        List<Integer> after = new ArrayList<>();
        int onlyLive = 0;
        int changed = 0;
        for (var e : new TreeMap<>(live).entrySet()) {
            SegmentAssignment then = e.getValue();
            SegmentAssignment now = replay.get(e.getKey());
            labels.putIfAbsent(then.getSegmentId(), then.getLabel());
            if (now == null) {
                onlyLive++;
                continue;
            }
            labels.putIfAbsent(now.getSegmentId(), now.getLabel());
            transitions.computeIfAbsent(then.getSegmentId(), id -> new TreeMap<>())
                    .merge(now.getSegmentId(), 1, Integer::sum);
            before.add(then.getSegmentId());
            after.add(now.getSegmentId());
            changed += then.getSegmentId() == now.getSegmentId() ? 0 : 1;
        }
        int onlyReplay = (int) replay.keySet().stream().filter(id -> !live.containsKey(id)).count();
        replay.values().forEach(a -> labels.putIfAbsent(a.getSegmentId(), a.getLabel()));
        double ari = before.isEmpty() ? Double.NaN : ClusteringMetrics.adjustedRandIndex(
                before.stream().mapToInt(Integer::intValue).toArray(), after.stream().mapToInt(Integer::intValue).toArray());
        return new ReplayComparison(before.size(), onlyLive, onlyReplay, changed, transitions, labels, ari);
    }

    /** Share of the compared customers whose segment would change (0 when none were compared). */
    public double changedShare() {
        return compared == 0 ? 0 : (double) changed / compared;
    }

    /** A Markdown report: the figures, then the transition matrix with live segments as rows. */
    public String markdown(String title) {
        StringBuilder out = new StringBuilder("# ").append(title).append("\n\n");
        out.append("| customers compared | would change segment | only live | only replayed | ARI live vs replay |\n");
        out.append("|--:|--:|--:|--:|--:|\n");
        out.append(String.format(Locale.ROOT, "| %,d | %,d (%.2f %%) | %,d | %,d | %s |%n%n", compared, changed,
                100 * changedShare(), onlyLive, onlyReplay, Double.isNaN(ari) ? "-" : String.format(Locale.ROOT, "%.3f", ari)));
        TreeSet<Integer> columns = new TreeSet<>();
        transitions.values().forEach(row -> columns.addAll(row.keySet()));
        out.append("Transitions, live segment (rows) to replayed segment (columns), customers:\n\n| live \\ replay |");
        columns.forEach(c -> out.append(' ').append(c).append(" |"));
        out.append("\n|---|");
        columns.forEach(c -> out.append("--:|"));
        out.append('\n');
        transitions.forEach((from, row) -> {
            out.append("| ").append(from).append(' ').append(escape(labels.get(from))).append(" |");
            columns.forEach(c -> out.append(' ').append(row.getOrDefault(c, 0)).append(" |"));
            out.append('\n');
        });
        out.append("\nSegments: ");
        List<String> names = new ArrayList<>();
        labels.forEach((id, label) -> names.add(id + " = " + escape(label)));
        out.append(String.join("; ", names)).append('\n');
        return out.toString();
    }

    /** Labels come from data: keep them from breaking the table. */
    private static String escape(String label) {
        return label == null ? "" : label.replace("|", "\\|").replace("\n", " ");
    }
}
