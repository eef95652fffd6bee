package io.segmenta.benchmarks.quality;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders a run as Markdown: a header with the options and the machine, the per-model table, the per-run table. */
final class MarkdownReport {

    /** Printed where a figure needs a truth the data does not have, or could not be measured. */
    static final String NONE = "–";

    private MarkdownReport() {
    }

    static String render(String title, List<String> header, Analysis.Result result, boolean hasTruth) {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(title).append("\n\n");
        header.forEach(line -> md.append("- ").append(line).append('\n'));
        md.append('\n');
        perModel(md, result.rows(), hasTruth);
        md.append('\n');
        perRun(md, result.summary(), hasTruth);
        List<String> problems = result.rows().stream().flatMap(r -> r.lineageProblems().stream()
                .map(p -> "v" + r.version() + ": " + p)).toList();
        if (!problems.isEmpty()) {
            md.append("\nLineage problems (").append(problems.size()).append("):\n\n");
            problems.stream().limit(40).forEach(p -> md.append("- ").append(p).append('\n'));
            if (problems.size() > 40) {
                md.append("- ... ").append(problems.size() - 40).append(" more in the JSON\n");
            }
        }
        return md.toString();
    }

    private static void perModel(StringBuilder md, List<ModelRow> rows, boolean hasTruth) {
        md.append("| v | window end | k | segment ids | customers | ARI model | ARI batch | ARI model/batch "
                + "| moved | moved % | births | deaths | splits | merges | label changes | decision |\n");
        md.append("|--:|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
        for (ModelRow r : rows) {
            md.append("| ").append(r.version())
                    .append(" | ").append(r.windowEnd(), 0, Math.min(16, r.windowEnd().length()))
                    .append(" | ").append(r.k())
                    .append(" | ").append(r.segmentIds().stream().map(String::valueOf).collect(Collectors.joining(",")))
                    .append(" | ").append(r.population())
                    .append(" | ").append(hasTruth ? num(r.ariModel(), 3) : NONE)
                    .append(" | ").append(hasTruth ? num(r.ariBatch(), 3) : NONE)
                    .append(" | ").append(num(r.ariModelBatch(), 3))
                    .append(" | ").append(r.moved().moved()).append('/').append(r.moved().assigned())
                    .append(" | ").append(percent(r.moved().share()))
                    .append(" | ").append(r.lineage().births())
                    .append(" | ").append(r.lineage().deaths())
                    .append(" | ").append(r.lineage().splits())
                    .append(" | ").append(r.lineage().merges())
                    .append(" | ").append(r.labelChanges())
                    .append(" | ").append(shorten(r.decision(), 70))
                    .append(" |\n");
        }
    }

    private static void perRun(StringBuilder md, RunSummary s, boolean hasTruth) {
        ChangeRates c = s.changeRates();
        md.append("| per run | value |\n|---|---|\n");
        row(md, "models", Integer.toString(s.models()));
        row(md, "distinct stable segment ids", Integer.toString(s.distinctSegmentIds()));
        row(md, "k sequence", s.kSequence().stream().map(String::valueOf).collect(Collectors.joining(" ")));
        row(md, "k changes / oscillates", s.kChanges() + " / " + (s.kOscillates() ? "yes" : "no"));
        row(md, "changes per customer per 30 days: EVENT", num(c.eventRate(), 3));
        row(md, "changes per customer per 30 days: MODEL_UPDATE", num(c.modelUpdateRate(), 3));
        row(md, "changes per customer per 30 days: total", num(c.totalRate(), 3));
        row(md, "changes (EVENT / MODEL_UPDATE / other) and first assignments", c.eventChanges() + " / "
                + c.modelUpdateChanges() + " / " + c.otherChanges() + " and " + c.firstAssignments());
        ChangeShape shape = s.changeShape();
        row(md, "moves reversed by the customer's next move (A, B, A): share, median days to the move back",
                percent(shape.reversalShare()) + " (" + shape.reversals() + " of " + shape.moves() + "), "
                        + num(shape.medianDaysToReversal(), 1));
        row(md, "moves in the customer's first 30 days", percent(shape.whileNewShare()) + " ("
                + shape.movesWhileNew() + ")");
        row(md, "customers assigned, event-time span", c.customers() + ", " + num(c.spanDays(), 1) + " days");
        row(md, "moved per refit after warm-up (first " + s.warmupModels() + " models left out; "
                + s.refitsAfterWarmup() + " refits): median / max", percent(s.movedMedian()) + " / "
                + percent(s.movedMax()) + (s.mostMoved() == null ? "" : " (v" + s.mostMoved() + ")"));
        DriftLags d = s.driftLags();
        if (!hasTruth || d == null) {
            row(md, "drift lag p50 / p90", NONE + (hasTruth ? " (no customer switches behaviour)" : ""));
            row(md, "drifting customers that never got there", NONE);
        } else {
            row(md, "drift lag p50 / p90 (days)", num(d.percentileDays(0.5), 1) + " / " + num(d.percentileDays(0.9), 1));
            row(md, "drift lag p50 / p90 (training windows)", num(d.percentileWindows(0.5), 2) + " / "
                    + num(d.percentileWindows(0.9), 2));
            row(md, "drifting customers: reached (of them already there at the switch) / never (of them "
                    + "unreachable: new behaviour no segment's majority after the switch)", d.lagsMillis().size() + " ("
                    + d.alreadyThere() + ") / " + d.never() + " (" + d.unreachable() + ") of " + d.drifting());
        }
        row(md, "events sent (rejected / duplicate when re-folded)", String.format(Locale.ROOT, "%,d (%d / %d)",
                s.eventsSent(), s.eventsRejected(), s.eventsDuplicate()));
        row(md, "lineage problems, unreadable records", s.lineageProblems() + ", " + s.unreadableRecords());
        row(md, "wall time", num(s.seconds(), 0) + " s");
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    static String num(double v, int decimals) {
        return Double.isNaN(v) ? NONE : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String percent(double share) {
        return Double.isNaN(share) ? NONE : String.format(Locale.ROOT, "%.2f %%", 100 * share);
    }

    private static String shorten(String s, int max) {
        String one = s.replace('|', '/').replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
}
